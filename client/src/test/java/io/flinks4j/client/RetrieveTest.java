package io.flinks4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinks4j.client.ScriptedServer.Recorded;
import io.flinks4j.client.error.PollTimeoutException;
import io.flinks4j.client.error.SessionException;
import io.flinks4j.client.model.AccountsDetail;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetrieveTest {
  private final FakeFlinks flinks = new FakeFlinks().authorizeReplies(FakeFlinks.authorized());

  @AfterEach
  void stop() {
    flinks.close();
  }

  @Test
  void retrieve_returns_the_data_when_get_accounts_detail_answers_200() {
    flinks.server.script("POST", "GetAccountsDetail", FakeFlinks.detail());

    AccountsDetail detail = flinks.client().retrieve(FakeFlinks.LOGIN_ID, DetailOptions.defaults());

    assertThat(detail.requestId()).isEqualTo(FakeFlinks.REQUEST_ID);
    assertThat(detail.accounts()).hasSize(1);
    assertThat(flinks.server.requests("GetAccountsDetailAsync")).isEmpty();
  }

  @Test
  void retrieve_polls_async_every_poll_interval_until_200() {
    flinks.server.script("POST", "GetAccountsDetail", FakeFlinks.pending());
    flinks.server.script(
        "GET",
        "GetAccountsDetailAsync",
        FakeFlinks.pending(),
        FakeFlinks.pending(),
        ScriptedServer.json(200, Fixtures.bytes("getaccountsdetailasync-200.json")));

    AccountsDetail detail = flinks.client().retrieve(FakeFlinks.LOGIN_ID, DetailOptions.defaults());

    assertThat(detail.accounts().getFirst().transactions()).hasSize(2);
    assertThat(flinks.server.requests("GetAccountsDetailAsync")).hasSize(3);
    assertThat(flinks.time.sleeps())
        .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10));
  }

  @Test
  void configured_poll_interval_is_honoured() {
    flinks.server.script("POST", "GetAccountsDetail", FakeFlinks.pending());
    flinks.server.script(
        "GET", "GetAccountsDetailAsync", FakeFlinks.pending(), FakeFlinks.detail());

    flinks
        .track(flinks.clientBuilder().pollInterval(Duration.ofSeconds(3)).build())
        .retrieve(FakeFlinks.LOGIN_ID, DetailOptions.defaults());

    assertThat(flinks.time.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
  }

  @Test
  void listener_sees_every_attempt_with_number_elapsed_time_and_status() {
    flinks.server.script("POST", "GetAccountsDetail", FakeFlinks.pending());
    flinks.server.script(
        "GET", "GetAccountsDetailAsync", FakeFlinks.pending(), FakeFlinks.detail());
    List<PollAttempt> attempts = new CopyOnWriteArrayList<>();

    flinks.client().retrieve(FakeFlinks.LOGIN_ID, DetailOptions.defaults(), attempts::add);

    assertThat(attempts)
        .extracting(PollAttempt::number, PollAttempt::elapsed, PollAttempt::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, Duration.ZERO, "OPERATION_PENDING"),
            org.assertj.core.groups.Tuple.tuple(2, Duration.ofSeconds(10), "OPERATION_PENDING"),
            org.assertj.core.groups.Tuple.tuple(3, Duration.ofSeconds(20), "READY"));
  }

  @Test
  void operation_dispatched_is_polled_like_pending_and_exposes_the_partial_result() {
    String dispatched =
        Fixtures.text("getaccountsdetail-200.json")
            .replace(
                "\"HttpStatusCode\": 200",
                "\"HttpStatusCode\": 202, \"FlinksCode\": \"OPERATION_DISPATCHED\"");
    flinks.server.script("POST", "GetAccountsDetail", ScriptedServer.json(202, dispatched));
    flinks.server.script("GET", "GetAccountsDetailAsync", FakeFlinks.detail());
    FlinksClient client = flinks.client();

    DetailResponse first =
        client.accounts().detail(FakeFlinks.REQUEST_ID, DetailOptions.defaults());
    AccountsDetail detail = client.retrieve(FakeFlinks.LOGIN_ID, DetailOptions.defaults());

    assertThat(first)
        .isInstanceOfSatisfying(
            DetailResponse.Pending.class,
            pending -> {
              assertThat(pending.code()).isEqualTo(FlinksCode.OPERATION_DISPATCHED);
              assertThat(pending.partial())
                  .hasValueSatisfying(partial -> assertThat(partial.accounts()).hasSize(1));
            });
    assertThat(detail.accounts()).hasSize(1);
    assertThat(flinks.server.requests("GetAccountsDetailAsync")).hasSize(1);
  }

  @Test
  void polling_gives_up_with_poll_timeout_after_thirty_minutes() {
    flinks.server.script("POST", "GetAccountsDetail", FakeFlinks.pending());
    flinks.server.script("GET", "GetAccountsDetailAsync", FakeFlinks.pending());

    assertThatThrownBy(
            () -> flinks.client().retrieve(FakeFlinks.LOGIN_ID, DetailOptions.defaults()))
        .isInstanceOfSatisfying(
            PollTimeoutException.class,
            e -> {
              assertThat(e.elapsed()).isEqualTo(Duration.ofMinutes(30));
              assertThat(e.attempts()).isEqualTo(181);
              assertThat(e.requestId()).contains(FakeFlinks.REQUEST_ID);
              assertThat(e.flinksCode()).contains(FlinksCode.OPERATION_PENDING);
            });
    assertThat(flinks.server.requests("GetAccountsDetailAsync")).hasSize(180);
  }

  @Test
  void retrieve_sends_each_credential_only_where_documented() {
    flinks.server.script("POST", "GetAccountsDetail", FakeFlinks.pending());
    flinks.server.script("GET", "GetAccountsDetailAsync", FakeFlinks.detail());

    flinks.client().retrieve(FakeFlinks.LOGIN_ID, DetailOptions.defaults());

    List<Recorded> requests = flinks.server.requests();
    assertThat(requests)
        .extracting(r -> r.method() + " " + r.endpoint())
        .containsExactly(
            "POST GenerateAuthorizeToken",
            "POST Authorize",
            "POST GetAccountsDetail",
            "GET GetAccountsDetailAsync/" + FakeFlinks.REQUEST_ID);
    assertThat(requests)
        .allSatisfy(r ->
            assertThat(r.path()).startsWith("/v3/" + FakeFlinks.CUSTOMER_ID + "/BankingServices/"));
    Recorded token = requests.get(0);
    Recorded authorize = requests.get(1);
    assertThat(token.header("flinks-auth-key")).isEqualTo(FakeFlinks.SECRET_KEY);
    assertThat(token.header("x-api-key")).isNull();
    assertThat(authorize.header("flinks-auth-key")).isNotEqualTo(FakeFlinks.SECRET_KEY);
    assertThat(flinks.wasMinted(authorize.header("flinks-auth-key"))).isTrue();
    assertThat(authorize.header("x-api-key")).isNull();
    assertThat(requests.subList(2, 4))
        .allSatisfy(r -> {
          assertThat(r.header("x-api-key")).isEqualTo(FakeFlinks.API_KEY);
          assertThat(r.header("flinks-auth-key")).isNull();
        });
  }

  @Test
  void cached_authorize_body_names_the_login_and_most_recent_cached() {
    flinks.server.script("POST", "GetAccountsDetail", FakeFlinks.detail());

    flinks.client().retrieve(FakeFlinks.LOGIN_ID, DetailOptions.defaults());

    assertThat(flinks.server.requests("Authorize").getFirst().bodyText())
        .isEqualTo("{\"LoginId\":\"" + FakeFlinks.LOGIN_ID + "\",\"MostRecentCached\":true}");
  }

  @Test
  void default_detail_options_ask_for_transactions_identity_kyc_and_balance() {
    flinks.server.script("POST", "GetAccountsDetail", FakeFlinks.detail());

    flinks.client().retrieve(FakeFlinks.LOGIN_ID, DetailOptions.defaults());

    assertThat(flinks.server.requests("GetAccountsDetail").getFirst().bodyText())
        .isEqualTo(
            "{\"RequestId\":\""
                + FakeFlinks.REQUEST_ID
                + "\",\"WithTransactions\":true,\"WithAccountIdentity\":true,"
                + "\"WithKYC\":true,\"WithBalance\":true,\"DaysOfTransactions\":\"Days90\"}");
  }

  @Test
  void expired_session_while_polling_is_a_session_exception() {
    flinks.server.script("POST", "GetAccountsDetail", FakeFlinks.pending());
    flinks.server.script(
        "GET",
        "GetAccountsDetailAsync",
        FakeFlinks.error(400, "SESSION_NONEXISTENT", "Session does not exist"));

    assertThatThrownBy(
            () -> flinks.client().retrieve(FakeFlinks.LOGIN_ID, DetailOptions.defaults()))
        .isInstanceOfSatisfying(
            SessionException.class,
            e -> {
              assertThat(e.flinksCode()).contains(FlinksCode.SESSION_NONEXISTENT);
              assertThat(e.httpStatus()).isEqualTo(400);
              assertThat(e.isRetryable()).isFalse();
            });
  }

  @Test
  void authorize_answering_202_while_aggregation_runs_still_opens_the_session() {
    flinks.authorizeReplies(FakeFlinks.pending());
    flinks.server.script("POST", "GetAccountsDetail", FakeFlinks.pending());
    flinks.server.script("GET", "GetAccountsDetailAsync", FakeFlinks.detail());

    AccountsDetail detail = flinks.client().retrieve(FakeFlinks.LOGIN_ID, DetailOptions.defaults());

    assertThat(detail.requestId()).isEqualTo(FakeFlinks.REQUEST_ID);
  }

  @Test
  void question_not_found_on_a_cached_authorize_keeps_the_usable_request_id() {
    flinks.authorizeReplies(
        FakeFlinks.error(401, "QUESTION_NOT_FOUND", "No answer stored for the MFA prompt"));

    assertThatThrownBy(
            () -> flinks.client().retrieve(FakeFlinks.LOGIN_ID, DetailOptions.defaults()))
        .isInstanceOfSatisfying(
            io.flinks4j.client.error.UserActionRequiredException.class,
            e -> {
              assertThat(e.flinksCode()).contains(FlinksCode.QUESTION_NOT_FOUND);
              assertThat(e.requestId()).contains(FakeFlinks.REQUEST_ID);
            });
  }

  @Test
  void a_failing_listener_does_not_abort_the_retrieval() {
    flinks.server.script("POST", "GetAccountsDetail", FakeFlinks.pending());
    flinks.server.script("GET", "GetAccountsDetailAsync", FakeFlinks.detail());

    AccountsDetail detail =
        flinks
            .client()
            .retrieve(
                FakeFlinks.LOGIN_ID,
                DetailOptions.defaults(),
                attempt -> {
                  throw new IllegalStateException("display broke");
                });

    assertThat(detail.accounts()).hasSize(1);
  }
}
