package io.flinks4j.sync.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.SandboxLogin;
import io.flinks4j.sandbox.fault.Fault;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import io.flinks4j.sync.EngineFixture;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.TestDialects;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
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

/**
 * The step history the engine writes and {@code GET /v1/logins/{loginId}/retrievals} shows as
 * timelines.
 */
@ParameterizedClass(name = "{0}")
@ArgumentsSource(TestDialects.class)
class RetrievalHistoryTest {

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS = FlinksSandboxExtension.withOptions(b -> b);

  @Parameter Dialect dialect;

  static EngineFixture fixture;

  @BeforeParameterizedClassInvocation
  static void startService(Dialect dialect, FlinksSandbox sandbox) {
    fixture = EngineFixture.start(dialect, sandbox, Map.of());
  }

  @AfterParameterizedClassInvocation
  static void stopService() {
    fixture.close();
  }

  @Test
  void a_cached_read_shows_requested_authorize_session_each_poll_and_ready_in_order() {
    SandboxLogin login = newLogin(Duration.ofMillis(900), 0);
    fixture.register(login.loginId());
    awaitState(login.loginId(), RetrievalState.READY);

    JsonNode item = history(login.loginId()).get(0);
    List<String> events = events(item);

    assertThat(events.subList(0, 3)).containsExactly("requested", "authorize", "session_opened");
    assertThat(events.getLast()).isEqualTo("ready");
    long polls = events.stream().filter("poll"::equals).count();
    assertThat(polls).isPositive().isEqualTo(item.path("retrieval").path("polls").asLong());
    long previous = 0;
    for (JsonNode step : item.path("steps")) {
      assertThat(step.path("elapsedMs").asLong()).isGreaterThanOrEqualTo(previous);
      assertThat(step.path("sincePreviousMs").asLong())
          .isEqualTo(step.path("elapsedMs").asLong() - previous);
      previous = step.path("elapsedMs").asLong();
    }
  }

  @Test
  void a_wrong_mfa_answer_shows_the_questions_the_answers_and_the_failure_with_its_reason() {
    SandboxLogin login = newLogin(Duration.ZERO, 1);
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
    fixture.post("/v1/logins/" + login.loginId() + "/mfa", answers.append("}}").toString());

    JsonNode latest = history(login.loginId()).get(0);

    assertThat(latest.path("retrieval").path("mode").asText()).isEqualTo("live");
    assertThat(events(latest))
        .containsSubsequence("requested", "authorize", "mfa_required", "mfa_answered", "failed");
    JsonNode end = latest.path("steps").get(latest.path("steps").size() - 1);
    assertThat(end.path("reason").asText()).startsWith("INVALID_SECURITY_RESPONSE");
    assertThat(history(login.loginId()).get(1).path("retrieval").path("mode").asText())
        .isEqualTo("cached");
  }

  @Test
  void a_transient_failure_shows_as_a_retry_with_its_reason() {
    SandboxLogin login = newLogin(Duration.ZERO, 0);
    fixture
        .sandbox()
        .addFault(Fault.httpError(503).onEndpoint("Authorize").times(1).forLogin(login.loginId()));
    try {
      fixture.register(login.loginId());
      awaitState(login.loginId(), RetrievalState.READY);
    } finally {
      fixture.sandbox().clearFaults();
    }

    JsonNode steps = history(login.loginId()).get(0).path("steps");

    JsonNode retry = null;
    for (JsonNode step : steps) {
      retry = retry == null && step.path("event").asText().equals("retry") ? step : retry;
    }
    assertThat(retry).as("a retry step in " + steps).isNotNull();
    assertThat(retry.path("reason").asText()).isEqualTo("http_503");
    assertThat(events(history(login.loginId()).get(0)).getLast()).isEqualTo("ready");
  }

  @Test
  void only_the_latest_retrievals_of_a_login_keep_their_steps() {
    SandboxLogin login = newLogin(Duration.ZERO, 0);
    fixture.register(login.loginId());
    awaitState(login.loginId(), RetrievalState.READY);
    for (int i = 0; i < RetrievalSteps.KEPT_PER_LOGIN + 2; i++) {
      assertThat(fixture.post("/v1/logins/" + login.loginId() + "/refresh", "{}").status())
          .isEqualTo(202);
      awaitState(login.loginId(), RetrievalState.READY);
    }

    assertThat(history(login.loginId())).hasSize(RetrievalSteps.KEPT_PER_LOGIN);
    assertThat(retrievalsWithSteps(fixture.loginRef(login.loginId())))
        .isEqualTo(RetrievalSteps.KEPT_PER_LOGIN);
  }

  @Test
  void an_unknown_login_has_no_history() {
    assertThat(fixture.get("/v1/logins/" + UUID.randomUUID() + "/retrievals").status())
        .isEqualTo(404);
  }

  // ---- helpers
  // -------------------------------------------------------------------------------------------------

  private static SandboxLogin newLogin(Duration processingDelay, int mfaRounds) {
    LoginSpec spec =
        LoginSpec.named("history-" + UUID.randomUUID())
            .withTransactionsPerYear(50)
            .withProcessingDelay(processingDelay);
    return fixture.sandbox().createLogin(mfaRounds > 0 ? spec.withMfa(mfaRounds) : spec);
  }

  private static Retrieval awaitState(String loginId, RetrievalState state) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> fixture.retrieval(loginId).map(Retrieval::state).orElse(null) == state);
    return fixture.retrieval(loginId).orElseThrow();
  }

  private static JsonNode history(String loginId) {
    EngineFixture.Response response = fixture.get("/v1/logins/" + loginId + "/retrievals");
    assertThat(response.status()).isEqualTo(200);
    return response.body().path("data");
  }

  private static List<String> events(JsonNode item) {
    List<String> events = new ArrayList<>();
    item.path("steps").forEach(step -> events.add(step.path("event").asText()));
    return events;
  }

  private static long retrievalsWithSteps(long loginRef) {
    return fixture
        .database()
        .database()
        .inTransaction(c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select count(distinct retrieval_id) from retrieval_steps where login_id = ?")) {
            ps.setLong(1, loginRef);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }
}
