package io.flinks4j.client;

import io.flinks4j.client.Endpoint.Auth;
import io.flinks4j.client.model.Statements;
import java.util.List;

/**
 * Every Flinks endpoint the client calls, one constant each; a new endpoint is a constant here, a
 * reader in {@link Responses} when its answer is new, and a method in the resource class it belongs
 * to.
 */
final class Endpoints {
  static final Endpoint<AuthorizeToken> GENERATE_AUTHORIZE_TOKEN =
      new Endpoint<>(
          "GenerateAuthorizeToken",
          "POST",
          "GenerateAuthorizeToken",
          Auth.SECRET_KEY,
          Responses::token);
  static final Endpoint<AuthorizeResult> AUTHORIZE =
      new Endpoint<>("Authorize", "POST", "Authorize", Auth.AUTHORIZE_TOKEN, Responses::authorize);
  static final Endpoint<DetailResponse> GET_ACCOUNTS_DETAIL =
      new Endpoint<>(
          "GetAccountsDetail", "POST", "GetAccountsDetail", Auth.API_KEY, Responses::detail);
  static final Endpoint<DetailResponse> GET_ACCOUNTS_DETAIL_ASYNC =
      new Endpoint<>(
          "GetAccountsDetailAsync",
          "GET",
          "GetAccountsDetailAsync/{requestId}",
          Auth.API_KEY,
          Responses::detail);
  static final Endpoint<SummaryResponse> GET_ACCOUNTS_SUMMARY =
      new Endpoint<>(
          "GetAccountsSummary", "POST", "GetAccountsSummary", Auth.API_KEY, Responses::summary);
  static final Endpoint<SummaryResponse> GET_ACCOUNTS_SUMMARY_ASYNC =
      new Endpoint<>(
          "GetAccountsSummaryAsync",
          "GET",
          "GetAccountsSummaryAsync/{requestId}",
          Auth.API_KEY,
          Responses::summary);
  static final Endpoint<Void> DELETE_CARD =
      new Endpoint<>(
          "DeleteCard", "DELETE", "DeleteCard/{loginId}", Auth.API_KEY, Responses::acknowledged);
  static final Endpoint<Statements> GET_STATEMENTS =
      new Endpoint<>("GetStatements", "POST", "GetStatements", Auth.API_KEY, Responses::statements);
  static final Endpoint<List<String>> GET_MFA_QUESTIONS =
      new Endpoint<>(
          "GetMFAQuestions",
          "GET",
          "GetMFAQuestions/{loginId}",
          Auth.API_KEY,
          Responses::mfaQuestions);
  static final Endpoint<Void> ANSWER_MFA_QUESTIONS =
      new Endpoint<>(
          "AnswerMFAQuestions",
          "PATCH",
          "AnswerMFAQuestions",
          Auth.API_KEY,
          Responses::acknowledged);

  private Endpoints() {}

  /** All of them, in the order above (tests check each is exercised). */
  static List<Endpoint<?>> all() {
    return List.of(
        GENERATE_AUTHORIZE_TOKEN,
        AUTHORIZE,
        GET_ACCOUNTS_DETAIL,
        GET_ACCOUNTS_DETAIL_ASYNC,
        GET_ACCOUNTS_SUMMARY,
        GET_ACCOUNTS_SUMMARY_ASYNC,
        DELETE_CARD,
        GET_STATEMENTS,
        GET_MFA_QUESTIONS,
        ANSWER_MFA_QUESTIONS);
  }
}
