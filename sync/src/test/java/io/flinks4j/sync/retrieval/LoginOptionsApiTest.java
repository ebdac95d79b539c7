package io.flinks4j.sync.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.RecordedRequest;
import io.flinks4j.sandbox.SandboxLogin;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import io.flinks4j.sync.EngineFixture;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.TestDialects;
import java.net.http.HttpResponse;
import java.time.Duration;
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
 * Per-login options over real sockets: what {@code POST /v1/logins} and {@code PATCH
 * /v1/logins/{loginId}} set is what the service sends to the sandbox's {@code /GetAccountsDetail},
 * and what it stores follows.
 */
@ParameterizedClass(name = "{0}")
@ArgumentsSource(TestDialects.class)
class LoginOptionsApiTest {

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS = FlinksSandboxExtension.withOptions(b -> b);

  @Parameter Dialect dialect;

  static EngineFixture fixture;

  @BeforeParameterizedClassInvocation
  static void start(Dialect dialect, FlinksSandbox sandbox) {
    fixture = EngineFixture.start(dialect, sandbox, Map.of());
  }

  @AfterParameterizedClassInvocation
  static void stop() {
    fixture.close();
  }

  @Test
  void options_given_at_registration_reach_get_accounts_detail() {
    SandboxLogin login = newLogin();

    EngineFixture.Response created =
        fixture.post(
            "/v1/logins",
            """
            {"loginId":"%s","days":365,"withKyc":false}\
            """
                .formatted(login.loginId()));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().path("options").path("days").asInt()).isEqualTo(365);
    assertThat(created.body().path("options").path("withKyc").asBoolean(true)).isFalse();
    fixture.awaitReady(login.loginId(), created.body().path("retrieval").path("id").asText());
    JsonNode sent = lastDetailRequest(login.loginId());
    assertThat(sent.path("DaysOfTransactions").asText()).isEqualTo("Days365");
    assertThat(sent.path("WithKYC").asBoolean(true)).isFalse();
    assertThat(fixture.transactionsOf(login.loginId()))
        .isEqualTo(fixture.sandbox().groundTruth(login.loginId()).transactionsLast365Days());
  }

  @Test
  void a_patch_filters_the_accounts_of_the_next_retrieval_and_null_restores_the_default() {
    SandboxLogin login = newLogin();
    String first = fixture.register(login.loginId()).body().path("retrieval").path("id").asText();
    fixture.awaitReady(login.loginId(), first);
    assertThat(lastDetailRequest(login.loginId()).path("DaysOfTransactions").asText())
        .isEqualTo("Days90");
    String picked =
        fixture
            .get("/v1/logins/" + login.loginId() + "/accounts")
            .body()
            .path("data")
            .get(1)
            .path("flinksAccountId")
            .asText();

    EngineFixture.Response patched =
        patch(login.loginId(), "{\"accountIds\":[\"" + picked + "\"],\"tag\":\"loan-7\"}");

    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.body().path("options").path("accountIds")).hasSize(1);
    assertThat(patched.body().path("tag").asText()).isEqualTo("loan-7");
    refreshAndWait(login.loginId());
    assertThat(lastDetailRequest(login.loginId()).path("AccountsFilter"))
        .hasSize(1)
        .first()
        .satisfies(id -> assertThat(id.asText()).isEqualTo(picked));

    assertThat(patch(login.loginId(), "{\"accountIds\":null}").status()).isEqualTo(200);
    refreshAndWait(login.loginId());
    assertThat(lastDetailRequest(login.loginId()).has("AccountsFilter")).isFalse();
    assertThat(fixture.get("/v1/logins/" + login.loginId()).body().path("tag").asText())
        .isEqualTo("loan-7");
  }

  @Test
  void malformed_options_are_refused_with_the_documented_error_and_nothing_is_registered() {
    String loginId = UUID.randomUUID().toString();
    Map<String, String> bodies =
        Map.of(
            "{\"loginId\":\"%s\",\"days\":30}", "invalid_days",
            "{\"loginId\":\"%s\",\"days\":\"365\"}", "invalid_days",
            "{\"loginId\":\"%s\",\"accountIds\":\"abc\"}", "invalid_account_ids",
            "{\"loginId\":\"%s\",\"accountIds\":[\"a,b\"]}", "invalid_account_ids",
            "{\"loginId\":\"%s\",\"withKyc\":\"yes\"}", "invalid_option");
    bodies.forEach((body, code) -> {
      EngineFixture.Response response = fixture.post("/v1/logins", body.formatted(loginId));
      assertThat(response.status()).as(body).isEqualTo(400);
      assertThat(response.body().path("error").path("code").asText()).as(body).isEqualTo(code);
      assertThat(response.body().path("error").path("message").asText()).as(body).isNotBlank();
    });
    assertThat(fixture.get("/v1/logins/" + loginId).status()).isEqualTo(404);

    SandboxLogin login = newLogin();
    fixture.register(login.loginId());
    EngineFixture.Response unknown = patch(login.loginId(), "{\"dayz\":365}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().path("error").path("code").asText()).isEqualTo("unknown_field");
    assertThat(patch(login.loginId(), "{\"days\":366}").status()).isEqualTo(400);
    assertThat(patch(UUID.randomUUID().toString(), "{\"days\":365}").status()).isEqualTo(404);
  }

  @Test
  void a_patch_retried_with_its_idempotency_key_is_answered_again_without_running() {
    SandboxLogin login = newLogin();
    fixture.register(login.loginId());
    String key = UUID.randomUUID().toString();

    HttpResponse<String> first = patch(login.loginId(), "{\"tag\":\"first\"}", key);
    assertThat(patch(login.loginId(), "{\"tag\":\"between\"}").status()).isEqualTo(200);
    HttpResponse<String> retry = patch(login.loginId(), "{\"tag\":\"first\"}", key);
    HttpResponse<String> reused = patch(login.loginId(), "{\"tag\":\"other\"}", key);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(reused.statusCode()).isEqualTo(422);
    assertThat(fixture.parse(reused.body()).path("error").path("code").asText())
        .isEqualTo("idempotency_key_reused");
    assertThat(fixture.get("/v1/logins/" + login.loginId()).body().path("tag").asText())
        .isEqualTo("between");
  }

  private static SandboxLogin newLogin() {
    return fixture
        .sandbox()
        .createLogin(
            LoginSpec.named("options-" + UUID.randomUUID())
                .withTransactionsPerYear(400)
                .withAccounts(3)
                .withProcessingDelay(Duration.ZERO));
  }

  private static void refreshAndWait(String loginId) {
    fixture.awaitReady(
        loginId,
        fixture.post("/v1/logins/" + loginId + "/refresh", "{}").body().path("id").asText());
  }

  /**
   * The body of the last {@code /GetAccountsDetail} the sandbox received for a session of {@code
   * loginId}.
   */
  private static JsonNode lastDetailRequest(String loginId) {
    List<RecordedRequest> details =
        fixture.sandbox().requests().stream()
            .filter(r -> r.endpoint().equals("GetAccountsDetail"))
            .toList();
    for (int i = details.size() - 1; i >= 0; i--) {
      JsonNode body = fixture.parse(details.get(i).body());
      String requestId = body.path("RequestId").asText();
      boolean ours =
          fixture.count(
                  "select count(*) from retrievals where request_id = ? and login_id = ?",
                  requestId,
                  fixture.loginRef(loginId))
              > 0;
      if (ours) {
        return body;
      }
    }
    throw new AssertionError("no GetAccountsDetail for this login");
  }

  private static EngineFixture.Response patch(String loginId, String body) {
    return fixture.patch("/v1/logins/" + loginId, body);
  }

  private static HttpResponse<String> patch(String loginId, String body, String idempotencyKey) {
    return fixture.patch("/v1/logins/" + loginId, body, idempotencyKey);
  }
}
