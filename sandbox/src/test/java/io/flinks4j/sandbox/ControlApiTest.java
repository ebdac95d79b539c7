package io.flinks4j.sandbox;

import static io.flinks4j.sandbox.FlinksHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinks4j.sandbox.FlinksHttp.Reply;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FlinksSandboxExtension.class)
class ControlApiTest {

  private final FlinksSandbox sandbox;
  private final FlinksHttp http;

  ControlApiTest(FlinksSandbox sandbox) {
    this.sandbox = sandbox;
    this.http = new FlinksHttp(sandbox);
  }

  @Test
  void logins_lists_the_preseeded_test_users() {
    JsonNode logins = http.control("GET", "/sandbox/logins", null).json();
    assertThat(logins).hasSize(io.flinks4j.sandbox.engine.SandboxEngine.TEST_USERS.size());
    assertThat(logins.get(0).get("username").asText()).isEqualTo("Greatday");
    assertThat(logins.get(0).get("loginId").asText())
        .isEqualTo("5e115eac-1209-4f19-641c-08d6d484e2fe");
    assertThat(logins.get(0).get("mfa").asBoolean()).isTrue();
    assertThat(logins.get(0).get("mfaType").asText()).isEqualTo("QuestionAndAnswer");
    assertThat(logins.get(2).get("behaviour").asText()).isEqualTo("DISABLED_LOGIN");
  }

  @Test
  void a_created_login_can_log_in_live_with_its_credentials() {
    Reply created =
        http.control(
            "POST",
            "/sandbox/logins",
            FlinksHttp.json(
                body(
                    "username",
                    "alice",
                    "password",
                    "Secret1",
                    "accounts",
                    2,
                    "transactions",
                    500,
                    "processingDelay",
                    "PT1S",
                    "seed",
                    7)));
    assertThat(created.status()).isEqualTo(201);
    Reply live =
        http.authorize(
            body("Institution", "FlinksCapital", "Username", "alice", "Password", "Secret1"));
    assertThat(live.status()).isEqualTo(200);
    assertThat(live.json().at("/Login/Id").asText())
        .isEqualTo(created.json().get("loginId").asText());
    assertThat(sandbox.groundTruth(created.json().get("loginId").asText()).accounts()).isEqualTo(2);
  }

  @Test
  void an_invalid_login_request_is_answered_400_with_the_reason() {
    Reply reply =
        http.control(
            "POST",
            "/sandbox/logins",
            FlinksHttp.json(body("username", "bob", "behaviour", "SLEEPY")));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("error").asText()).contains("behaviour");
    assertThat(
            http.control("POST", "/sandbox/logins", FlinksHttp.json(body("username", "Greatday")))
                .status())
        .isEqualTo(400);
  }

  @Test
  void ground_truth_is_served_per_login() {
    String loginId = sandbox.login("Greatday").loginId();
    JsonNode truth =
        http.control("GET", "/sandbox/logins/" + loginId + "/ground-truth", null).json();
    assertThat(truth.get("transactionsLast90Days").asInt())
        .isEqualTo(sandbox.groundTruth(loginId).transactionsLast90Days());
    assertThat(http.control("GET", "/sandbox/logins/nope/ground-truth", null).status())
        .isEqualTo(404);
  }

  @Test
  void faults_posted_to_the_control_api_apply_until_deleted() {
    Reply added =
        http.control(
            "POST",
            "/sandbox/faults",
            FlinksHttp.json(
                body("kind", "http_error", "status", 502, "endpoint", "GenerateAuthorizeToken")));
    assertThat(added.status()).isEqualTo(201);
    Map<String, String> secret = Map.of("flinks-auth-key", sandbox.secretKey());
    assertThat(http.post("GenerateAuthorizeToken", secret, null).status()).isEqualTo(502);
    assertThat(http.control("DELETE", "/sandbox/faults", null).status()).isEqualTo(204);
    assertThat(http.post("GenerateAuthorizeToken", secret, null).status()).isEqualTo(200);
  }

  @Test
  void advancing_the_clock_through_the_control_api_expires_tokens() {
    String token = http.token();
    Reply advanced =
        http.control("POST", "/sandbox/clock/advance", FlinksHttp.json(body("duration", "PT31M")));
    assertThat(advanced.json().get("offsetMillis").asLong()).isEqualTo(31 * 60 * 1000);
    Reply reply =
        http.post(
            "Authorize",
            Map.of("flinks-auth-key", token),
            body("LoginId", sandbox.login("Greatday").loginId(), "MostRecentCached", true));
    assertThat(reply.status()).isEqualTo(401);
  }

  @Test
  void reset_removes_created_logins_and_rewinds_the_clock() {
    sandbox.createLogin(LoginSpec.named("temporary"));
    http.control("POST", "/sandbox/clock/advance?seconds=600", null);
    assertThat(http.control("POST", "/sandbox/reset", null).status()).isEqualTo(204);
    assertThat(sandbox.logins()).extracting(SandboxLogin::username).doesNotContain("temporary");
    assertThat(http.control("GET", "/sandbox/clock", null).json().get("offsetMillis").asLong())
        .isZero();
  }

  @Test
  void requests_are_recorded_with_credentials_masked() {
    http.authorizeCached(sandbox.login("Greatday").loginId());
    JsonNode requests = http.control("GET", "/sandbox/requests", null).json();
    assertThat(requests)
        .extracting(r -> r.get("endpoint").asText())
        .containsExactly("GenerateAuthorizeToken", "Authorize");
    assertThat(requests.get(1).at("/headers/flinks-auth-key").asText()).isEqualTo("***");
    assertThat(requests.get(1).get("body").asText()).contains("MostRecentCached");
    assertThat(sandbox.requests().get(1).header("Flinks-Auth-Key")).isNotBlank();
  }

  @Test
  void webhook_settings_can_be_changed_at_run_time() {
    Reply reply =
        http.control(
            "PUT",
            "/sandbox/webhooks/config",
            FlinksHttp.json(
                body(
                    "url",
                    "http://127.0.0.1:9/hook",
                    "kycFirst",
                    true,
                    "maxAttempts",
                    3,
                    "retryIntervalSeconds",
                    60)));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(sandbox.webhookSettings().urls()).containsExactly("http://127.0.0.1:9/hook");
    assertThat(sandbox.webhookSettings().kycFirst()).isTrue();
    assertThat(sandbox.webhookSettings().maxAttempts()).isEqualTo(3);
    assertThat(sandbox.webhookSettings().retryInterval()).hasSeconds(60);
  }
}
