package io.flinks4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinks4j.client.ScriptedServer.Reply;
import io.flinks4j.client.error.AuthenticationException;
import io.flinks4j.client.error.FlinksTransportException;
import io.flinks4j.client.error.RateLimitedException;
import io.flinks4j.client.error.RetryAdvice;
import io.flinks4j.client.error.TemporarilyUnavailableException;
import io.flinks4j.client.error.UnexpectedResponseException;
import io.flinks4j.client.error.UnreadableResponseException;
import io.flinks4j.client.error.UserActionRequiredException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryTest {
  private final FakeFlinks flinks = new FakeFlinks().authorizeReplies(FakeFlinks.authorized());

  @AfterEach
  void stop() {
    flinks.close();
  }

  private DetailResponse getDetail() {
    return flinks.client().accounts().detail(FakeFlinks.REQUEST_ID, DetailOptions.defaults());
  }

  @Test
  void server_error_then_success_is_retried_after_a_backoff() {
    flinks.server.script(
        "POST",
        "GetAccountsDetail",
        FakeFlinks.error(500, "AGGREGATION_ERROR", "Unexpected error"),
        FakeFlinks.detail());

    assertThat(getDetail()).isInstanceOf(DetailResponse.Ready.class);
    assertThat(flinks.server.requests("GetAccountsDetail")).hasSize(2);
    assertThat(flinks.time.sleeps())
        .singleElement()
        .satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(250), Duration.ofMillis(500)));
  }

  @Test
  void bad_gateway_with_a_non_json_body_is_retried() {
    flinks.server.script(
        "POST",
        "GetAccountsDetail",
        new Reply.Full(
            502, "<html>Bad gateway</html>".getBytes(StandardCharsets.UTF_8), java.util.Map.of()),
        FakeFlinks.detail());

    assertThat(getDetail()).isInstanceOf(DetailResponse.Ready.class);
  }

  @Test
  void connection_reset_then_success_is_retried() {
    flinks.server.script(
        "GET", "GetAccountsDetailAsync", ScriptedServer.reset(), FakeFlinks.detail());

    DetailResponse response = flinks.client().accounts().detailAsync(FakeFlinks.REQUEST_ID);

    assertThat(response).isInstanceOf(DetailResponse.Ready.class);
    assertThat(flinks.server.requests("GetAccountsDetailAsync")).hasSize(2);
  }

  @Test
  void connection_reset_on_every_attempt_is_a_transport_failure_after_the_attempt_bound() {
    flinks.server.script("GET", "GetAccountsDetailAsync", ScriptedServer.reset());

    assertThatThrownBy(() -> flinks.client().accounts().detailAsync(FakeFlinks.REQUEST_ID))
        .isInstanceOfSatisfying(
            FlinksTransportException.class,
            e -> {
              assertThat(e.isRetryable()).isTrue();
              assertThat(e.httpStatus()).isZero();
              assertThat(e.getMessage())
                  .contains("attempt " + RetryPolicy.defaults().maxAttempts());
            });
    // java.net.http silently re-sends an idempotent GET once after a reset, so each attempt is 1 or
    // 2 requests
    int attempts = RetryPolicy.defaults().maxAttempts();
    assertThat(flinks.server.requests("GetAccountsDetailAsync"))
        .hasSizeBetween(attempts, 2 * attempts);
  }

  @Test
  void too_many_requests_sent_as_401_is_retried_after_the_retry_after_header() {
    flinks.server.script(
        "POST",
        "GetAccountsDetail",
        ((Reply.Full) FakeFlinks.error(401, "TOO_MANY_REQUESTS", "Slow down"))
            .header("Retry-After", "7"),
        FakeFlinks.detail());

    assertThat(getDetail()).isInstanceOf(DetailResponse.Ready.class);
    assertThat(flinks.time.sleeps()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void too_many_requests_without_retry_after_backs_off_exponentially_with_jitter() {
    Reply throttled = FakeFlinks.error(401, "TOO_MANY_REQUESTS", "Slow down");
    flinks.server.script(
        "POST", "GetAccountsDetail", throttled, throttled, throttled, FakeFlinks.detail());
    // A random source stuck at its minimum takes the whole jitter share (half) off each backoff of
    // 0.5, 1 and 2 s.
    FlinksClient client = flinks.track(flinks.clientBuilder().random(() -> 0L).build());

    assertThat(client.accounts().detail(FakeFlinks.REQUEST_ID, DetailOptions.defaults()))
        .isInstanceOf(DetailResponse.Ready.class);
    assertThat(flinks.time.sleeps())
        .containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void throttling_that_never_ends_is_a_rate_limited_failure_after_the_attempt_bound() {
    flinks.server.script(
        "POST", "GetAccountsDetail", FakeFlinks.error(401, "TOO_MANY_REQUESTS", "Slow down"));

    assertThatThrownBy(this::getDetail)
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(401);
              assertThat(e.retryAdvice()).isEqualTo(RetryAdvice.RETRY);
            });
    assertThat(flinks.server.requests("GetAccountsDetail")).hasSize(4);
  }

  @Test
  void retry_after_longer_than_the_policy_accepts_fails_at_once() {
    flinks.server.script(
        "POST",
        "GetAccountsDetail",
        ((Reply.Full) FakeFlinks.error(401, "TOO_MANY_REQUESTS", "Slow down"))
            .header("Retry-After", "3600"));

    assertThatThrownBy(this::getDetail)
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofHours(1)));
    assertThat(flinks.server.requests("GetAccountsDetail")).hasSize(1);
  }

  @Test
  void retry_later_is_retried() {
    flinks.server.script(
        "POST",
        "GetAccountsDetail",
        FakeFlinks.error(401, "RETRY_LATER", "Institution unreachable"),
        FakeFlinks.detail());

    assertThat(getDetail()).isInstanceOf(DetailResponse.Ready.class);
  }

  @Test
  void same_401_status_with_a_user_code_is_not_retried() {
    flinks.server.script(
        "POST", "GetAccountsDetail", FakeFlinks.error(401, "INVALID_LOGIN", "Unknown login"));

    assertThatThrownBy(this::getDetail)
        .isInstanceOfSatisfying(
            UserActionRequiredException.class,
            e -> {
              assertThat(e.flinksCode()).contains(FlinksCode.INVALID_LOGIN);
              assertThat(e.retryAdvice()).isEqualTo(RetryAdvice.USER_ACTION);
            });
    assertThat(flinks.server.requests("GetAccountsDetail")).hasSize(1);
  }

  @Test
  void unknown_flinks_code_is_kept_verbatim() {
    flinks.server.script(
        "POST", "GetAccountsDetail", FakeFlinks.error(409, "BRAND_NEW_CODE", "Something new"));

    assertThatThrownBy(this::getDetail)
        .isInstanceOfSatisfying(
            UnexpectedResponseException.class,
            e -> {
              assertThat(e.flinksCode()).contains(new FlinksCode("BRAND_NEW_CODE"));
              assertThat(e.flinksMessage()).contains("Something new");
              assertThat(e.getMessage()).contains("BRAND_NEW_CODE");
            });
  }

  @Test
  void retried_authorize_mints_a_fresh_token_for_every_attempt() {
    flinks.authorizeReplies(
        FakeFlinks.error(503, "AGGREGATION_ERROR", "Try again"), FakeFlinks.authorized());

    AuthorizeResult result =
        flinks.client().authorize().open(AuthorizeRequest.cached(FakeFlinks.LOGIN_ID));

    assertThat(result).isInstanceOf(AuthorizeResult.Authorized.class);
    assertThat(flinks.authorizeTokens())
        .hasSize(2)
        .doesNotHaveDuplicates()
        .allMatch(flinks::wasMinted);
  }

  @Test
  void the_same_authorize_request_sent_twice_goes_out_with_two_fresh_tokens() {
    FlinksClient client = flinks.client();
    AuthorizeRequest request = AuthorizeRequest.cached(FakeFlinks.LOGIN_ID);

    client.authorize().open(request);
    client.authorize().open(request);

    assertThat(flinks.authorizeTokens())
        .hasSize(2)
        .doesNotHaveDuplicates()
        .allMatch(flinks::wasMinted);
  }

  @Test
  void consumed_tokens_are_never_sent_again_across_reads() {
    flinks.server.script("POST", "GetAccountsDetail", FakeFlinks.detail());
    FlinksClient client = flinks.client();

    client.retrieve(FakeFlinks.LOGIN_ID, DetailOptions.defaults());
    client.retrieve(FakeFlinks.LOGIN_ID, DetailOptions.defaults());
    client.refresh(FakeFlinks.LOGIN_ID, DetailOptions.defaults(), MfaHandler.decline());

    assertThat(flinks.authorizeTokens())
        .hasSize(3)
        .doesNotHaveDuplicates()
        .allMatch(flinks::wasMinted);
  }

  @Test
  void wrong_secret_key_is_an_authentication_failure() {
    FlinksClient client =
        flinks.track(
            flinks.clientBuilder().secretKey("11111111-2222-3333-4444-555555555555").build());

    assertThatThrownBy(client.authorize()::generateToken)
        .isInstanceOfSatisfying(
            AuthenticationException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
  }

  @Test
  void malformed_json_in_a_200_is_an_unreadable_response_and_not_retried() {
    flinks.server.script(
        "POST", "GetAccountsDetail", ScriptedServer.json(200, "{\"Accounts\": [ {\"Id\": oops"));

    assertThatThrownBy(this::getDetail)
        .isInstanceOfSatisfying(
            UnreadableResponseException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(200);
              assertThat(e.requestId()).contains(FakeFlinks.REQUEST_ID);
              assertThat(e.getMessage()).contains("GetAccountsDetail").doesNotContain("oops");
            });
    assertThat(flinks.server.requests("GetAccountsDetail")).hasSize(1);
  }

  @Test
  void body_shorter_than_its_content_length_is_a_transport_failure_after_retries() {
    byte[] body = Fixtures.bytes("getaccountsdetail-200.json");
    flinks.server.script(
        "POST",
        "GetAccountsDetail",
        new Reply.CutShort(200, Arrays.copyOf(body, 100), body.length));

    assertThatThrownBy(this::getDetail).isInstanceOf(FlinksTransportException.class);
    assertThat(flinks.server.requests("GetAccountsDetail")).hasSize(4);
  }

  @Test
  void body_cut_short_then_complete_succeeds_on_retry() {
    byte[] body = Fixtures.bytes("getaccountsdetail-200.json");
    flinks.server.script(
        "POST",
        "GetAccountsDetail",
        new Reply.CutShort(200, Arrays.copyOf(body, 100), body.length),
        FakeFlinks.detail());

    assertThat(getDetail()).isInstanceOf(DetailResponse.Ready.class);
  }

  @Test
  void truncated_json_without_content_length_is_an_unreadable_response() {
    byte[] body = Fixtures.bytes("getaccountsdetail-200.json");
    flinks.server.script(
        "POST", "GetAccountsDetail", new Reply.CloseDelimited(200, Arrays.copyOf(body, 300)));

    assertThatThrownBy(this::getDetail)
        .isInstanceOfSatisfying(
            UnreadableResponseException.class,
            e -> assertThat(e.getMessage()).contains("truncated"));
  }

  @Test
  void retry_policy_none_makes_a_single_attempt() {
    flinks.server.script(
        "POST", "GetAccountsDetail", FakeFlinks.error(503, "AGGREGATION_ERROR", "Down"));
    FlinksClient client =
        flinks.track(flinks.clientBuilder().retryPolicy(RetryPolicy.none()).build());

    assertThatThrownBy(
            () -> client.accounts().detail(FakeFlinks.REQUEST_ID, DetailOptions.defaults()))
        .isInstanceOf(TemporarilyUnavailableException.class);
    assertThat(flinks.server.requests("GetAccountsDetail")).hasSize(1);
  }

  @Test
  void card_in_use_is_retryable_advice_but_left_to_the_caller() {
    flinks.server.script(
        "DELETE", "DeleteCard", FakeFlinks.error(400, "CARD_IN_USE", "Login is being processed"));

    assertThatThrownBy(() -> flinks.client().logins().delete(FakeFlinks.LOGIN_ID))
        .isInstanceOfSatisfying(
            TemporarilyUnavailableException.class, e -> assertThat(e.isRetryable()).isTrue());
    assertThat(flinks.server.requests("DeleteCard")).hasSize(1);
  }

  @Test
  void retry_after_given_as_an_http_date_is_honoured() {
    String inTwentySeconds =
        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
            flinks.time.instant().plusSeconds(20).atZone(java.time.ZoneOffset.UTC));
    flinks.server.script(
        "POST",
        "GetAccountsDetail",
        ((Reply.Full) FakeFlinks.error(401, "TOO_MANY_REQUESTS", "Slow down"))
            .header("Retry-After", inTwentySeconds),
        FakeFlinks.detail());

    assertThat(getDetail()).isInstanceOf(DetailResponse.Ready.class);
    assertThat(flinks.time.sleeps()).containsExactly(Duration.ofSeconds(20));
  }

  @Test
  void server_that_never_answers_is_a_transport_failure_after_the_request_timeout() {
    flinks.server.script("POST", "GetAccountsDetail", new Reply.Stall());
    FlinksClient client =
        flinks.track(
            flinks
                .clientBuilder()
                .requestTimeout(Duration.ofMillis(300))
                .retryPolicy(RetryPolicy.none())
                .build());

    assertThatThrownBy(
            () -> client.accounts().detail(FakeFlinks.REQUEST_ID, DetailOptions.defaults()))
        .isInstanceOfSatisfying(
            FlinksTransportException.class,
            e -> assertThat(e.getMessage()).contains("HttpTimeoutException"));
  }
}
