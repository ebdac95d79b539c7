package io.flinks4j.sync.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.GroundTruth;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.SandboxLogin;
import io.flinks4j.sandbox.fault.Fault;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import io.flinks4j.sync.EngineFixture;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.TestDialects;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** A retrieval's way through the state machine against the sandbox, on H2 and on PostgreSQL. */
@ParameterizedClass(name = "{0}")
@ArgumentsSource(TestDialects.class)
class RetrievalFlowTest {

  private static final Map<String, String> MFA_ANSWERS =
      Map.of(
          "What city were you born in?", "Montreal",
          "What is the best country on earth?", "Canada",
          "What shape do people like most?", "Triangle");

  private static final Duration POLL_TIMEOUT = Duration.ofSeconds(5);

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS = FlinksSandboxExtension.withOptions(b -> b);

  @Parameter Dialect dialect;

  static EngineFixture fixture;

  @BeforeParameterizedClassInvocation
  static void startService(Dialect dialect, FlinksSandbox sandbox) {
    fixture =
        EngineFixture.start(
            dialect, sandbox, Map.of("FLINKS4J_POLL_TIMEOUT", POLL_TIMEOUT.toSeconds() + "s"));
  }

  @AfterParameterizedClassInvocation
  static void stopService() {
    fixture.close();
  }

  private SandboxLogin newLogin(Duration processingDelay) {
    return fixture
        .sandbox()
        .createLogin(
            LoginSpec.named("flow-" + UUID.randomUUID())
                .withTransactionsPerYear(400)
                .withProcessingDelay(processingDelay));
  }

  private SandboxLogin newMfaLogin(int rounds) {
    return fixture
        .sandbox()
        .createLogin(
            LoginSpec.named("mfa-" + UUID.randomUUID())
                .withTransactionsPerYear(200)
                .withProcessingDelay(Duration.ZERO)
                .withMfa(rounds));
  }

  private Retrieval awaitState(String loginId, RetrievalState state) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> fixture.retrieval(loginId).map(Retrieval::state).orElse(null) == state);
    return fixture.retrieval(loginId).orElseThrow();
  }

  @Test
  void cached_retrieval_polls_through_202s_to_ready_and_stores_what_the_bank_holds() {
    SandboxLogin login = newLogin(Duration.ofMillis(1200));

    assertThat(fixture.register(login.loginId()).status()).isEqualTo(201);
    Retrieval ready = awaitState(login.loginId(), RetrievalState.READY);

    GroundTruth truth = fixture.sandbox().groundTruth(login.loginId());
    assertThat(ready.mode()).isEqualTo(RetrievalMode.CACHED);
    assertThat(ready.polls()).as("Async polls after the first 202").isPositive();
    assertThat(fixture.accountsOf(login.loginId())).isEqualTo(truth.accounts());
    assertThat(fixture.transactionsOf(login.loginId())).isEqualTo(truth.transactionsLast90Days());
  }

  @Test
  void a_retrieval_whose_session_is_open_is_stepped_at_the_polls_priority() {
    SandboxLogin login = newLogin(Duration.ofSeconds(5));

    fixture.register(login.loginId());
    Retrieval processing = awaitState(login.loginId(), RetrievalState.PROCESSING);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() ->
            fixture.count(
                    "select count(*) from scheduled_tasks"
                        + " where task_name = ? and task_instance = ? and priority = ?",
                    DbSchedulerSteps.TASK,
                    processing.id(),
                    DbSchedulerSteps.POLL_PRIORITY)
                == 1);
  }

  @Test
  void metrics_of_the_pool_the_ingester_and_the_outcomes_reach_the_metrics_endpoint() {
    SandboxLogin login = newLogin(Duration.ZERO);
    fixture.register(login.loginId());
    awaitState(login.loginId(), RetrievalState.READY);

    String metrics = fixture.getText("/metrics");

    assertThat(metrics)
        .contains(
            "hikaricp_connections_active",
            "flinks4j_ingest_duration_seconds_count",
            "flinks4j_ingest_transactions_new_total",
            "flinks4j_retrievals_completed_total{reason=\"none\"");
  }

  @Test
  void live_refresh_asks_mfa_and_continues_with_the_answers_posted_through_the_api() {
    SandboxLogin login = newMfaLogin(2);
    fixture.register(login.loginId());
    awaitState(login.loginId(), RetrievalState.READY);

    assertThat(
            fixture.post("/v1/logins/" + login.loginId() + "/refresh", "{\"live\":true}").status())
        .isEqualTo(202);
    Retrieval waiting = awaitState(login.loginId(), RetrievalState.MFA_REQUIRED);
    assertThat(waiting.challenges()).isNotEmpty();
    String relaunch =
        fixture.get("/v1/logins/" + login.loginId()).body().path("relaunchUrl").asText();
    assertThat(relaunch)
        .startsWith(fixture.sandbox().connectUrl())
        .contains("requestId=" + waiting.requestId())
        .contains("authorizeToken=");
    // The token is minted for each read, never stored: a second read gets another one.
    assertThat(fixture.get("/v1/logins/" + login.loginId()).body().path("relaunchUrl").asText())
        .contains("authorizeToken=")
        .isNotEqualTo(relaunch);

    // Answer round after round (the sandbox may spread the questions over several 203s).
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> {
          Retrieval current = fixture.retrieval(login.loginId()).orElseThrow();
          if (current.state() == RetrievalState.MFA_REQUIRED) {
            StringBuilder answers = new StringBuilder("{\"answers\":{");
            for (MfaChallenge challenge : current.challenges()) {
              if (answers.charAt(answers.length() - 1) != '{') {
                answers.append(',');
              }
              answers
                  .append(fixture.json().writeValueAsString(challenge.prompt()))
                  .append(":[")
                  .append(fixture.json().writeValueAsString(MFA_ANSWERS.get(challenge.prompt())))
                  .append(']');
            }
            fixture.post("/v1/logins/" + login.loginId() + "/mfa", answers.append("}}").toString());
          }
          return current.state() == RetrievalState.READY;
        });
    Retrieval done = fixture.retrieval(login.loginId()).orElseThrow();
    assertThat(done.mode()).isEqualTo(RetrievalMode.LIVE);
    assertThat(done.id()).isEqualTo(waiting.id());
  }

  @Test
  void a_wrong_mfa_answer_fails_the_retrieval_with_its_flinks_code() {
    SandboxLogin login = newMfaLogin(1);
    fixture.register(login.loginId());
    awaitState(login.loginId(), RetrievalState.READY);
    fixture.post("/v1/logins/" + login.loginId() + "/refresh", "{\"live\":true}");
    Retrieval waiting = awaitState(login.loginId(), RetrievalState.MFA_REQUIRED);

    StringBuilder answers = new StringBuilder("{\"answers\":{");
    waiting
        .challenges()
        .forEach(c ->
            answers
                .append(answers.length() > 12 ? "," : "")
                .append('"')
                .append(c.prompt())
                .append("\":\"wrong\""));
    var response =
        fixture.post("/v1/logins/" + login.loginId() + "/mfa", answers.append("}}").toString());

    assertThat(response.status()).isEqualTo(202);
    assertThat(response.body().path("state").asText()).isEqualTo("failed");
    assertThat(response.body().path("flinksCode").asText()).startsWith("INVALID_SECURITY_RESPONSE");
  }

  @Test
  void answers_that_do_not_match_the_prompts_are_refused_before_reaching_flinks() {
    SandboxLogin login = newMfaLogin(1);
    fixture.register(login.loginId());
    awaitState(login.loginId(), RetrievalState.READY);
    fixture.post("/v1/logins/" + login.loginId() + "/refresh", "{\"live\":true}");
    awaitState(login.loginId(), RetrievalState.MFA_REQUIRED);

    var response =
        fixture.post(
            "/v1/logins/" + login.loginId() + "/mfa",
            "{\"answers\":{\"What is your favourite colour?\":\"blue\"}}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().path("error").path("code").asText())
        .isEqualTo("invalid_mfa_answers");
    assertThat(fixture.retrieval(login.loginId()).orElseThrow().state())
        .isEqualTo(RetrievalState.MFA_REQUIRED);
  }

  @Test
  void a_refresh_while_waiting_for_mfa_restarts_that_retrieval_with_a_new_session() {
    SandboxLogin login = newMfaLogin(1);
    fixture.register(login.loginId());
    awaitState(login.loginId(), RetrievalState.READY);
    fixture.post("/v1/logins/" + login.loginId() + "/refresh", "{\"live\":true}");
    Retrieval waiting = awaitState(login.loginId(), RetrievalState.MFA_REQUIRED);

    // e.g. the customer finished MFA in the relaunched Connect: Flinks's next step is a cached read
    var response = fixture.post("/v1/logins/" + login.loginId() + "/refresh", "{\"live\":false}");

    assertThat(response.status()).isEqualTo(202);
    assertThat(response.body().path("id").asText()).isEqualTo(waiting.id());
    Retrieval ready = awaitState(login.loginId(), RetrievalState.READY);
    assertThat(ready.id()).isEqualTo(waiting.id());
    assertThat(ready.mode()).isEqualTo(RetrievalMode.CACHED);
    assertThat(ready.requestId()).isNotEqualTo(waiting.requestId());
  }

  @Test
  void mfa_answers_without_a_waiting_retrieval_are_refused_with_409() {
    SandboxLogin login = newLogin(Duration.ZERO);
    fixture.register(login.loginId());
    awaitState(login.loginId(), RetrievalState.READY);

    var response =
        fixture.post("/v1/logins/" + login.loginId() + "/mfa", "{\"answers\":{\"q\":\"a\"}}");

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.body().path("error").path("code").asText()).isEqualTo("mfa_not_pending");
  }

  @Test
  void a_disabled_login_fails_with_DISABLED_LOGIN() {
    SandboxLogin login = fixture.sandbox().login("test_disabled_account");
    fixture.register(login.loginId());

    Retrieval failed = awaitState(login.loginId(), RetrievalState.FAILED);

    assertThat(failed.flinksCode()).isEqualTo("DISABLED_LOGIN");
  }

  @Test
  void an_unreachable_institution_is_retried_until_the_deadline_then_times_out_saying_why() {
    SandboxLogin login = fixture.sandbox().login("test_service_unavailable");
    fixture.register(login.loginId());

    Retrieval timedOut = awaitState(login.loginId(), RetrievalState.TIMED_OUT);

    assertThat(timedOut.reason()).isEqualTo(FailureReason.DEADLINE);
    assertThat(timedOut.flinksCode()).isEqualTo("RETRY_LATER");
    assertThat(timedOut.reasonMessage()).contains("RETRY_LATER");
    assertThat(timedOut.completedAt()).isAfterOrEqualTo(timedOut.createdAt().plus(POLL_TIMEOUT));
    JsonNode status = fixture.get("/v1/logins/" + login.loginId()).body();
    assertThat(status.path("errorCode").asText()).isEqualTo(FailureReason.DEADLINE);
    assertThat(status.path("errorMessage").asText()).contains("RETRY_LATER");
  }

  @Test
  void transient_faults_on_every_call_kind_never_end_a_retrieval() {
    SandboxLogin login = newLogin(Duration.ofMillis(600));
    String id = login.loginId();
    List.of(
            Fault.httpError(503).onEndpoint("Authorize").times(2),
            Fault.of(Fault.Kind.TOO_MANY_REQUESTS).onEndpoint("GetAccountsDetail").times(1),
            Fault.of(Fault.Kind.CONNECTION_RESET).onEndpoint("GetAccountsDetailAsync").times(1),
            Fault.of(Fault.Kind.MALFORMED_BODY).onEndpoint("GetAccountsDetailAsync").times(1),
            Fault.of(Fault.Kind.EMPTY_BODY).onEndpoint("GetAccountsDetailAsync").times(1))
        .forEach(fault -> fixture.sandbox().addFault(fault.forLogin(id)));
    try {
      fixture.register(id);

      Retrieval ready = awaitState(id, RetrievalState.READY);

      assertThat(ready.reason()).isNull();
      assertThat(fixture.transactionsOf(id))
          .isEqualTo(fixture.sandbox().groundTruth(id).transactionsLast90Days());
    } finally {
      fixture.sandbox().clearFaults();
    }
  }

  @Test
  void polling_that_outlasts_the_poll_timeout_ends_timed_out() {
    SandboxLogin login = newLogin(Duration.ofHours(1));
    fixture.register(login.loginId());

    Retrieval timedOut = awaitState(login.loginId(), RetrievalState.TIMED_OUT);

    assertThat(timedOut.polls()).isPositive();
    assertThat(fixture.accountsOf(login.loginId())).isZero();
  }

  @Test
  void a_second_retrieval_while_one_is_active_is_refused() {
    SandboxLogin login = newLogin(Duration.ofHours(1));
    fixture.register(login.loginId());

    var second = fixture.post("/v1/logins/" + login.loginId() + "/refresh", "{\"live\":false}");

    assertThat(second.status()).isEqualTo(409);
    assertThat(second.body().path("error").path("code").asText())
        .isEqualTo("retrieval_in_progress");
  }

  @Test
  void the_database_itself_refuses_a_second_active_retrieval_for_a_login() {
    SandboxLogin login = newLogin(Duration.ofHours(1));
    fixture.register(login.loginId());
    long loginRef = fixture.loginRef(login.loginId());

    assertThatThrownBy(() ->
            fixture
                .database()
                .database()
                .inTransaction(c -> {
                  try (var ps =
                      c.prepareStatement(
                          "insert into retrievals (id, login_id, active_login_id, mode, state,"
                              + " detail_requested, attempts, polls, sessions, created_at, updated_at, version)"
                              + " values (?, ?, ?, 'cached', 'requested', false, 0, 0, 0, ?, ?, 0)")) {
                    ps.setString(1, UUID.randomUUID().toString());
                    ps.setLong(2, loginRef);
                    ps.setLong(3, loginRef);
                    ps.setObject(4, Instant.now().atOffset(ZoneOffset.UTC));
                    ps.setObject(5, Instant.now().atOffset(ZoneOffset.UTC));
                    return ps.executeUpdate();
                  }
                }))
        .hasCauseInstanceOf(SQLException.class)
        .cause()
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
  }

  @Test
  void requesting_many_logins_at_once_skips_the_busy_ones_and_completes_the_others() {
    SandboxLogin busy = newLogin(Duration.ofHours(1));
    SandboxLogin first = newLogin(Duration.ZERO);
    SandboxLogin second = newLogin(Duration.ZERO);
    for (SandboxLogin login : List.of(busy, first, second)) {
      fixture.register(login.loginId());
    }
    awaitState(first.loginId(), RetrievalState.READY);
    awaitState(second.loginId(), RetrievalState.READY);

    List<Retrieval> started =
        fixture
            .service()
            .engine()
            .requestAll(
                List.of(
                    fixture.loginRef(busy.loginId()),
                    fixture.loginRef(first.loginId()),
                    fixture.loginRef(second.loginId())),
                RetrievalMode.CACHED);

    assertThat(started)
        .extracting(Retrieval::loginRef)
        .containsExactly(fixture.loginRef(first.loginId()), fixture.loginRef(second.loginId()));
    for (SandboxLogin login : List.of(first, second)) {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() ->
              fixture.count(
                      "select count(*) from retrievals where login_id = ? and state = 'ready'",
                      fixture.loginRef(login.loginId()))
                  == 2);
    }
    assertThat(
            fixture.count(
                "select count(*) from retrievals where login_id = ?",
                fixture.loginRef(busy.loginId())))
        .isEqualTo(1);
  }

  @Test
  void an_expired_request_id_makes_the_retrieval_open_a_new_session() {
    SandboxLogin login = newLogin(Duration.ofSeconds(2));
    fixture.register(login.loginId());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> fixture.retrieval(login.loginId()).map(Retrieval::polls).orElse(0) > 0);

    fixture.sandbox().advanceClock(Duration.ofMinutes(31));
    Retrieval ready = awaitState(login.loginId(), RetrievalState.READY);

    assertThat(ready.sessions()).isEqualTo(2);
    assertThat(fixture.transactionsOf(login.loginId()))
        .isEqualTo(fixture.sandbox().groundTruth(login.loginId()).transactionsLast90Days());
  }

  @Test
  void deleting_a_login_removes_its_data_here_and_its_card_at_flinks() {
    SandboxLogin login = newLogin(Duration.ZERO);
    fixture.register(login.loginId());
    awaitState(login.loginId(), RetrievalState.READY);

    assertThat(fixture.delete("/v1/logins/" + login.loginId()).status()).isEqualTo(204);

    assertThat(fixture.service().logins().find(login.loginId())).isEmpty();
    assertThat(fixture.count("select count(*) from retrievals"))
        .isEqualTo(
            fixture.count("select count(*) from retrievals r join logins l on l.id = r.login_id"));
    assertThat(fixture.sandbox().requests()).anyMatch(r -> r.endpoint().equals("DeleteCard"));
    assertThat(fixture.delete("/v1/logins/" + login.loginId()).status()).isEqualTo(404);
  }
}
