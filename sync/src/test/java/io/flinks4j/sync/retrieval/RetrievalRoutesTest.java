package io.flinks4j.sync.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.SandboxLogin;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import io.flinks4j.sync.EngineFixture;
import io.flinks4j.sync.storage.Dialect;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The write routes refuse bad input with a typed 4xx; the service exposes the engine's metrics. */
class RetrievalRoutesTest {

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS = FlinksSandboxExtension.withOptions(b -> b);

  static EngineFixture fixture;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startService(FlinksSandbox sandbox) {
    fixture = EngineFixture.start(Dialect.H2, sandbox, Map.of());
  }

  @AfterAll
  static void stopService() {
    fixture.close();
  }

  private static String errorCode(EngineFixture.Response response) {
    return response.body().path("error").path("code").asText();
  }

  @Test
  void registering_with_malformed_json_is_a_400_invalid_json() {
    var response = fixture.post("/v1/logins", "{\"loginId\":");

    assertThat(response.status()).isEqualTo(400);
    assertThat(errorCode(response)).isEqualTo("invalid_json");
  }

  @Test
  void registering_without_a_login_id_is_a_400_invalid_login_id() {
    assertThat(errorCode(fixture.post("/v1/logins", "{\"tag\":\"x\"}")))
        .isEqualTo("invalid_login_id");
    assertThat(errorCode(fixture.post("/v1/logins", "{\"loginId\":\"has spaces\"}")))
        .isEqualTo("invalid_login_id");
  }

  @Test
  void registering_a_known_login_again_answers_200_and_starts_nothing() {
    SandboxLogin login =
        fixture
            .sandbox()
            .createLogin(
                LoginSpec.named("again-" + UUID.randomUUID())
                    .withTransactionsPerYear(50)
                    .withProcessingDelay(Duration.ZERO));
    assertThat(fixture.register(login.loginId()).status()).isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() ->
            fixture
                .retrieval(login.loginId())
                .map(r -> r.state() == RetrievalState.READY)
                .orElse(false));

    var again = fixture.register(login.loginId());

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("created").asBoolean()).isFalse();
    assertThat(again.body().path("retrieval").path("state").asText()).isEqualTo("ready");
    assertThat(
            fixture.count(
                "select count(*) from retrievals where login_id = ?",
                fixture.loginRef(login.loginId())))
        .isOne();
  }

  @Test
  void commands_on_an_unknown_login_are_404() {
    assertThat(fixture.post("/v1/logins/" + UUID.randomUUID() + "/refresh", "{}").status())
        .isEqualTo(404);
    assertThat(
            fixture
                .post("/v1/logins/" + UUID.randomUUID() + "/mfa", "{\"answers\":{\"q\":\"a\"}}")
                .status())
        .isEqualTo(404);
    assertThat(fixture.delete("/v1/logins/" + UUID.randomUUID()).status()).isEqualTo(404);
  }

  @Test
  void a_refresh_with_a_non_boolean_live_flag_is_a_400() {
    SandboxLogin login =
        fixture
            .sandbox()
            .createLogin(
                LoginSpec.named("flag-" + UUID.randomUUID())
                    .withTransactionsPerYear(50)
                    .withProcessingDelay(Duration.ZERO));
    fixture.register(login.loginId());

    var response = fixture.post("/v1/logins/" + login.loginId() + "/refresh", "{\"live\":[1]}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(errorCode(response)).isEqualTo("invalid_json");
  }

  @Test
  void mfa_answers_that_are_not_strings_are_a_400() {
    SandboxLogin login =
        fixture
            .sandbox()
            .createLogin(
                LoginSpec.named("answers-" + UUID.randomUUID())
                    .withTransactionsPerYear(50)
                    .withProcessingDelay(Duration.ZERO));
    fixture.register(login.loginId());

    assertThat(
            errorCode(
                fixture.post("/v1/logins/" + login.loginId() + "/mfa", "{\"answers\":{\"q\":42}}")))
        .isEqualTo("invalid_mfa_answers");
    assertThat(
            errorCode(fixture.post("/v1/logins/" + login.loginId() + "/mfa", "{\"answers\":{}}")))
        .isEqualTo("invalid_mfa_answers");
  }

  @Test
  void a_body_over_the_limit_is_a_413() {
    String huge = "{\"loginId\":\"" + "a".repeat(100_000) + "\"}";

    assertThat(fixture.post("/v1/logins", huge).status()).isEqualTo(413);
  }

  @Test
  void metrics_count_retrievals_by_state_polls_flinks_latency_and_errors_by_code()
      throws Exception {
    SandboxLogin ok =
        fixture
            .sandbox()
            .createLogin(
                LoginSpec.named("metrics-" + UUID.randomUUID())
                    .withTransactionsPerYear(50)
                    .withProcessingDelay(Duration.ofMillis(500)));
    fixture.register(ok.loginId());
    fixture.register(fixture.sandbox().login("test_disabled_account").loginId());
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() ->
            fixture
                .retrieval(ok.loginId())
                .map(r -> r.state() == RetrievalState.READY)
                .orElse(false));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> {
          String metrics =
              http.send(
                      HttpRequest.newBuilder(fixture.uri("/metrics")).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body();
          assertThat(metrics)
              .containsPattern("flinks4j_retrievals\\{state=\"ready\"} [1-9]")
              .containsPattern("flinks4j_polls_total [1-9]")
              .contains("flinks4j_flinks_calls_seconds_count{call=\"authorize\"}")
              .contains("flinks4j_flinks_errors_total{code=\"DISABLED_LOGIN\"}");
        });
  }

  @Test
  void
      a_refresh_retried_with_its_idempotency_key_starts_one_retrieval_and_answers_the_first_answer()
          throws Exception {
    SandboxLogin login =
        fixture
            .sandbox()
            .createLogin(
                LoginSpec.named("idem-" + UUID.randomUUID())
                    .withTransactionsPerYear(20)
                    .withProcessingDelay(Duration.ofSeconds(5)));
    assertThat(fixture.register(login.loginId()).status()).isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() ->
            fixture
                .retrieval(login.loginId())
                .map(r -> r.state() == RetrievalState.READY)
                .orElse(false));
    String key = UUID.randomUUID().toString();

    HttpResponse<String> first = refresh(login.loginId(), key);
    HttpResponse<String> retry = refresh(login.loginId(), key);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    assertThat(retry.statusCode()).isEqualTo(202);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(refresh(login.loginId(), null).statusCode())
        .as("a new request: the live one still runs")
        .isEqualTo(409);
    assertThat(
            fixture.count(
                "select count(*) from retrievals where login_id = ?",
                fixture.loginRef(login.loginId())))
        .isEqualTo(2);
  }

  private HttpResponse<String> refresh(String loginId, String idempotencyKey) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(fixture.uri("/v1/logins/" + loginId + "/refresh"))
            .header("Authorization", "Bearer " + EngineFixture.API_KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"live\":true}"));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
