package io.flinks4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flinks4j.client.AuthorizeResult.MfaChallenge;
import io.flinks4j.client.error.FlinksApiException;
import io.flinks4j.client.error.RetryAdvice;
import io.flinks4j.client.error.SessionException;
import io.flinks4j.client.error.UserActionRequiredException;
import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.client.model.AccountsSummary;
import io.flinks4j.client.model.Transaction;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our client against {@link StrictFlinks}, a server built from the documentation's example bodies
 * rather than from our sandbox, so both sides are not checked against one shared reading of the
 * docs.
 */
class IndependentServerTest {

  private final StrictFlinks flinks = new StrictFlinks(1);
  private final FlinksClient client = flinks.client();

  @AfterEach
  void close() {
    flinks.close();
  }

  @AfterEach
  void no_documented_request_rule_was_broken() {
    assertThat(flinks.violations()).isEmpty();
  }

  @Test
  void retrieve_reads_the_docs_bodies_through_202_and_an_async_202_at_the_poll_interval() {
    AccountsDetail detail = client.retrieve(StrictFlinks.LOGIN_ID, DetailOptions.defaults());

    assertThat(detail.requestId()).isEqualTo("22178382-31ee-485c-a750-c20929b6a344");
    assertThat(detail.accounts()).isNotEmpty();
    assertThat(detail.login().lastRefresh())
        .isEqualTo(LocalDateTime.parse("2025-01-31T17:40:54.569261"));
    assertThat(flinks.time.sleeps())
        .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10));
    assertThat(flinks.server.requests("GetAccountsDetailAsync"))
        .extracting(ScriptedServer.Recorded::endpoint)
        .containsOnly("GetAccountsDetailAsync/" + StrictFlinks.CACHED_REQUEST_ID);
  }

  @Test
  void refresh_answers_the_documented_challenge_and_polls_under_the_masked_request_id() {
    RefreshResult result =
        client.refresh(
            StrictFlinks.LOGIN_ID,
            DetailOptions.defaults(),
            MfaHandler.fixed(Map.of(StrictFlinks.PROMPT, "Triangle")));

    assertThat(result).isInstanceOf(RefreshResult.Refreshed.class);
    Transaction both =
        ((RefreshResult.Refreshed) result).detail().accounts().getFirst().transactions().getFirst();
    assertThat(both.debit()).isEqualByComparingTo(new BigDecimal("1000.4"));
    assertThat(both.credit()).isEqualByComparingTo(new BigDecimal("1500.25"));
    assertThat(flinks.server.requests("GetAccountsDetailAsync"))
        .extracting(ScriptedServer.Recorded::endpoint)
        .containsOnly("GetAccountsDetailAsync/" + StrictFlinks.LIVE_REQUEST_ID);
  }

  @Test
  void the_open_session_keeps_the_seven_digit_last_refresh_of_the_cached_authorize() {
    AuthorizeResult.Authorized session =
        (AuthorizeResult.Authorized)
            client.authorize().open(AuthorizeRequest.cached(StrictFlinks.LOGIN_ID));

    assertThat(session.login().lastRefresh())
        .isEqualTo(LocalDateTime.parse("2020-04-15T22:46:03.1690585"));
    assertThat(session.requestId()).isEqualTo(StrictFlinks.CACHED_REQUEST_ID);
  }

  @Test
  void legacy_credentials_login_gets_the_documented_challenge() {
    AuthorizeResult result =
        client
            .authorize()
            .open(AuthorizeRequest.credentials("FlinksCapital", "Greatday", "Everyday"));

    assertThat(result)
        .isInstanceOfSatisfying(
            MfaChallenge.class,
            challenge -> {
              assertThat(challenge.requestId()).isEqualTo(StrictFlinks.MFA_REQUEST_ID);
              assertThat(challenge.challenges())
                  .extracting(c -> c.prompt())
                  .containsExactly(StrictFlinks.PROMPT);
            });
  }

  @Test
  void summary_with_masked_account_ids_is_read() {
    client.authorize().open(AuthorizeRequest.cached(StrictFlinks.LOGIN_ID));

    SummaryResponse response = client.accounts().summary(StrictFlinks.CACHED_REQUEST_ID);

    assertThat(response).isInstanceOf(SummaryResponse.Ready.class);
    AccountsSummary summary = ((SummaryResponse.Ready) response).summary();
    assertThat(summary.accounts()).extracting(a -> a.id()).allMatch(id -> id.startsWith("xxxx-"));
  }

  @Test
  void a_wrong_answer_to_the_documented_challenge_needs_the_user() {
    UserActionRequiredException e =
        catchThrowableOfType(
            UserActionRequiredException.class,
            () ->
                client.refresh(
                    StrictFlinks.LOGIN_ID,
                    DetailOptions.defaults(),
                    MfaHandler.fixed(Map.of(StrictFlinks.PROMPT, "Circle"))));

    assertThat(e.flinksCode()).contains(FlinksCode.INVALID_SECURITY_RESPONSE);
    assertThat(e.retryAdvice()).isEqualTo(RetryAdvice.USER_ACTION);
  }

  @Test
  void session_expired_while_polling_asks_for_a_new_session() {
    flinks.server.handle(
        "GET",
        "GetAccountsDetailAsync",
        r -> StrictFlinks.error(400, "SESSION_EXPIRED", "The RequestId expired"));

    SessionException e =
        catchThrowableOfType(
            SessionException.class,
            () -> client.retrieve(StrictFlinks.LOGIN_ID, DetailOptions.defaults()));

    assertThat(e.flinksCode()).contains(FlinksCode.SESSION_EXPIRED);
    assertThat(e.retryAdvice()).isEqualTo(RetryAdvice.NEW_SESSION);
  }

  @Test
  void a_client_without_an_api_key_reads_from_an_instance_where_the_feature_is_off() {
    try (StrictFlinks noApiKey = new StrictFlinks(0, false)) {
      AccountsDetail detail =
          noApiKey.client(null).retrieve(StrictFlinks.LOGIN_ID, DetailOptions.defaults());

      assertThat(detail.accounts()).isNotEmpty();
      assertThat(noApiKey.server.requests("GetAccountsDetail"))
          .allSatisfy(r -> assertThat(r.header("x-api-key")).isNull());
      assertThat(noApiKey.violations()).isEmpty();
    }
  }

  /**
   * Each code with every status the docs give it (current, [old], [inferred] or "?"): the code
   * decides.
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "401, INVALID_REQUEST, InvalidRequestException",
    "400, INVALID_REQUEST, InvalidRequestException",
    "401, INVALID_LOGIN, UserActionRequiredException",
    "400, INVALID_LOGIN, UserActionRequiredException",
    "400, SESSION_EXPIRED, SessionException",
    "401, SESSION_EXPIRED, SessionException",
    "400, SESSION_NONEXISTENT, SessionException",
    "401, INVALID_SECURITY_RESPONSE_NO_RETRY, UserActionRequiredException",
    "401, SECURITYRESPONSES_INCOMPLETE, InvalidRequestException",
    "400, ALREADY_AUTHORIZED, InvalidRequestException",
    "401, ALREADY_AUTHORIZED, InvalidRequestException",
    "400, NO_TRANSACTION, InvalidRequestException",
    "401, METHOD_NOT_AVAILABLE, InvalidRequestException",
    "405, DISABLED_INSTITUTION, TemporarilyUnavailableException",
    "401, CONCURRENT_SESSION, TemporarilyUnavailableException",
    "409, CONCURRENT_SESSION, TemporarilyUnavailableException",
    "400, A_CODE_FROM_THE_FUTURE, UnexpectedResponseException",
  })
  void refusals_are_classified_by_flinks_code_whatever_the_documented_status(
      int status, String code, String type) {
    flinks.server.handle(
        "POST", "GetAccountsDetail", r -> StrictFlinks.error(status, code, "refused"));

    FlinksApiException e =
        catchThrowableOfType(
            FlinksApiException.class,
            () -> client.retrieve(StrictFlinks.LOGIN_ID, DetailOptions.defaults()));

    assertThat(e).isNotNull();
    assertThat(e.getClass().getSimpleName()).isEqualTo(type);
    assertThat(e.flinksCode()).contains(new FlinksCode(code));
    assertThat(e.httpStatus()).isEqualTo(status);
  }
}
