package io.flinks4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinks4j.client.AuthorizeResult.Authorized;
import io.flinks4j.client.AuthorizeResult.MfaChallenge;
import io.flinks4j.client.error.FlinksApiException;
import io.flinks4j.client.error.UnreadableResponseException;
import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.client.model.AccountsSummary;
import io.flinks4j.client.model.FlinksJson;
import io.flinks4j.client.model.ResponseEnvelope;
import io.flinks4j.client.model.Statements;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a 2xx answer means, for every endpoint, in one place: 200 is data, 202 is pending, 203 is
 * MFA, and an error FlinksCode in the body is a refusal whatever the status. The readers of {@link
 * Endpoints} are these methods; refusals with a non-2xx status are classified by {@link Transport}.
 */
final class Responses {
  private Responses() {}

  /** {@code /GenerateAuthorizeToken}: the token, or a refusal. */
  static AuthorizeToken token(Transport.Response response) {
    ResponseEnvelope envelope = response.parse(FlinksJson::parseEnvelope);
    rejectErrorCode(response, envelope);
    if (envelope.token() == null || envelope.token().isBlank()) {
      throw new UnreadableResponseException(
          response.operation() + " answered HTTP " + response.status() + " without a Token",
          response.status(),
          null,
          null);
    }
    return new AuthorizeToken(envelope.token());
  }

  /** {@code /Authorize}: an open session (200, 201, 202) or MFA challenges (203). */
  static AuthorizeResult authorize(Transport.Response response) {
    ResponseEnvelope envelope = response.parse(FlinksJson::parseEnvelope);
    rejectErrorCode(response, envelope);
    String requestId = envelope.requestId() != null ? envelope.requestId() : response.requestId();
    if (requestId == null || requestId.isBlank()) {
      throw new UnreadableResponseException(
          response.operation() + " answered HTTP " + response.status() + " without a RequestId",
          response.status(),
          null,
          null);
    }
    boolean mfa =
        response.status() == 203 || Integer.valueOf(203).equals(envelope.httpStatusCode());
    if (mfa) {
      return new MfaChallenge(
          requestId, envelope.securityChallenges(), envelope.institution(), envelope.raw());
    }
    if (response.status() == 200 || response.status() == 201 || response.status() == 202) {
      return new Authorized(
          requestId,
          envelope.login(),
          envelope.institution(),
          envelope.institutionName(),
          envelope.institutionId(),
          envelope.links(),
          envelope.raw());
    }
    throw unexpected(response, envelope);
  }

  /** {@code /GetAccountsDetail} and its Async form: the data (200) or pending (202). */
  static DetailResponse detail(Transport.Response response) {
    if (response.status() == 200) {
      AccountsDetail detail = response.parse(FlinksJson::parseAccountsDetail);
      if (!Integer.valueOf(202).equals(detail.httpStatusCode())) {
        return new DetailResponse.Ready(detail);
      }
    }
    ResponseEnvelope envelope = pendingEnvelope(response);
    Optional<AccountsDetail> partial =
        envelope.extra().containsKey("Accounts")
            ? Optional.of(response.parse(FlinksJson::parseAccountsDetail))
            : Optional.empty();
    return new DetailResponse.Pending(
        sessionId(response, envelope), pendingCode(envelope), partial);
  }

  /** {@code /GetAccountsSummary} and its Async form: the accounts (200) or pending (202). */
  static SummaryResponse summary(Transport.Response response) {
    if (response.status() == 200) {
      AccountsSummary summary = response.parse(FlinksJson::parseAccountsSummary);
      if (!Integer.valueOf(202).equals(summary.httpStatusCode())) {
        return new SummaryResponse.Ready(summary);
      }
    }
    ResponseEnvelope envelope = pendingEnvelope(response);
    return new SummaryResponse.Pending(sessionId(response, envelope), pendingCode(envelope));
  }

  /** {@code /GetStatements}: only a 200 carries statements. */
  static Statements statements(Transport.Response response) {
    if (response.status() != 200) {
      throw unexpected(response, response.parse(FlinksJson::parseEnvelope));
    }
    return response.parse(FlinksJson::parseStatements);
  }

  /** {@code /GetMFAQuestions}: the question texts, in Flinks' order. */
  static List<String> mfaQuestions(Transport.Response response) {
    ResponseEnvelope envelope = response.parse(FlinksJson::parseEnvelope);
    rejectErrorCode(response, envelope);
    List<String> questions = new ArrayList<>();
    JsonNode node = envelope.extra().get("Questions");
    if (node != null) {
      node.forEach(q -> {
        String text = q.isTextual() ? q.asText() : q.path("Question").asText(null);
        if (text != null) {
          questions.add(text);
        }
      });
    }
    return List.copyOf(questions);
  }

  /** Calls answered by a status alone ({@code /DeleteCard}): an empty body or a refusal. */
  static Void acknowledged(Transport.Response response) {
    if (response.body().length > 0) {
      rejectErrorCode(response, response.parse(FlinksJson::parseEnvelope));
    }
    return null;
  }

  /**
   * A data answer that is not a 200: a 202 "still processing" envelope, or a refusal thrown as
   * such.
   */
  private static ResponseEnvelope pendingEnvelope(Transport.Response response) {
    ResponseEnvelope envelope = response.parse(FlinksJson::parseEnvelope);
    rejectErrorCode(response, envelope);
    if (response.status() != 202 && !Integer.valueOf(202).equals(envelope.httpStatusCode())) {
      throw unexpected(response, envelope);
    }
    return envelope;
  }

  // A 202 without a FlinksCode is still "pending": the status alone says so.
  private static FlinksCode pendingCode(ResponseEnvelope envelope) {
    FlinksCode code = FlinksCode.ofNullable(envelope.flinksCode());
    return code == null ? FlinksCode.OPERATION_PENDING : code;
  }

  private static String sessionId(Transport.Response response, ResponseEnvelope envelope) {
    return envelope.requestId() != null ? envelope.requestId() : response.requestId();
  }

  /**
   * A 2xx whose body carries an error FlinksCode is still a refusal: the code decides, not the
   * status.
   */
  private static void rejectErrorCode(Transport.Response response, ResponseEnvelope envelope) {
    FlinksCode code = FlinksCode.ofNullable(envelope.flinksCode());
    if (code != null && !code.isPending()) {
      int status =
          envelope.httpStatusCode() != null ? envelope.httpStatusCode() : response.status();
      throw FlinksApiException.of(
          response.operation(),
          status,
          code,
          response.scrub(envelope.message()),
          sessionId(response, envelope),
          null);
    }
  }

  private static FlinksApiException unexpected(
      Transport.Response response, ResponseEnvelope envelope) {
    return FlinksApiException.of(
        response.operation(),
        response.status(),
        FlinksCode.ofNullable(envelope.flinksCode()),
        response.scrub(envelope.message()),
        sessionId(response, envelope),
        null);
  }
}
