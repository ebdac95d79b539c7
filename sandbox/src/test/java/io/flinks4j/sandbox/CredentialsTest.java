package io.flinks4j.sandbox;

import static io.flinks4j.sandbox.FlinksHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.sandbox.FlinksHttp.Reply;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FlinksSandboxExtension.class)
class CredentialsTest {

  private final FlinksSandbox sandbox;
  private final FlinksHttp http;

  CredentialsTest(FlinksSandbox sandbox) {
    this.sandbox = sandbox;
    this.http = new FlinksHttp(sandbox);
  }

  private Map<String, Object> cachedGreatday() {
    return body("LoginId", sandbox.login("Greatday").loginId(), "MostRecentCached", true);
  }

  @Test
  void defaults_are_the_public_toolbox_credentials() {
    assertThat(sandbox.customerId()).isEqualTo("43387ca6-0391-4c82-857d-70d95f087ecb");
    assertThat(sandbox.secretKey()).isEqualTo("c4569c54-e167-4d34-8de6-f4113bc82414");
    assertThat(sandbox.apiKey()).isEqualTo("3d5266a8-b697-48d4-8de6-52e2e2662acc");
    assertThat(sandbox.baseUrl()).startsWith("http://127.0.0.1:");
    assertThat(sandbox.connectUrl()).isEqualTo(sandbox.baseUrl() + "/v2/");
  }

  @Test
  void a_token_is_minted_only_with_the_secret_key() {
    Reply reply =
        http.post("GenerateAuthorizeToken", Map.of("flinks-auth-key", sandbox.apiKey()), null);
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.json().get("HttpStatusCode").asInt()).isEqualTo(401);
    assertThat(reply.json().get("Message").asText()).isEqualTo("You must provide a valid auth key");
  }

  @Test
  void an_authorize_token_is_single_use() {
    String token = http.token();
    assertThat(http.post("Authorize", Map.of("flinks-auth-key", token), cachedGreatday()).status())
        .isEqualTo(200);
    Reply second = http.post("Authorize", Map.of("flinks-auth-key", token), cachedGreatday());
    assertThat(second.status()).isEqualTo(401);
    assertThat(second.code()).isEqualTo("ACCESS_DENIED");
  }

  @Test
  void an_unused_token_dies_30_minutes_after_minting() {
    String token = http.token();
    sandbox.advanceClock(Duration.ofMinutes(30).plusSeconds(1));
    Reply reply = http.post("Authorize", Map.of("flinks-auth-key", token), cachedGreatday());
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.code()).isEqualTo("ACCESS_DENIED");
  }

  @Test
  void a_token_still_works_29_minutes_after_minting() {
    String token = http.token();
    sandbox.advanceClock(Duration.ofMinutes(29));
    assertThat(http.post("Authorize", Map.of("flinks-auth-key", token), cachedGreatday()).status())
        .isEqualTo(200);
  }

  @Test
  void authorize_without_a_token_is_refused() {
    Reply reply = http.post("Authorize", Map.of(), cachedGreatday());
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.json().get("Message").asText()).contains("valid authorize token");
  }

  @Test
  void the_secret_key_is_not_an_authorize_token() {
    Reply reply =
        http.post("Authorize", Map.of("flinks-auth-key", sandbox.secretKey()), cachedGreatday());
    assertThat(reply.status()).isEqualTo(401);
  }

  @Test
  void data_endpoints_require_the_x_api_key() {
    String requestId = http.authorizeCached(sandbox.login("Greatday").loginId()).requestId();
    Reply missing = http.post("GetAccountsDetail", Map.of(), body("RequestId", requestId));
    Reply wrong =
        http.post(
            "GetAccountsDetail",
            Map.of("x-api-key", sandbox.secretKey()),
            body("RequestId", requestId));
    assertThat(missing.status()).isEqualTo(401);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.code()).isEqualTo("ACCESS_DENIED");
  }

  @Test
  void a_customer_id_that_is_not_the_instance_s_is_refused() {
    Reply reply =
        http.send(
            "POST",
            sandbox.baseUrl()
                + "/v3/00000000-0000-0000-0000-000000000000/BankingServices/GenerateAuthorizeToken",
            Map.of("flinks-auth-key", sandbox.secretKey()),
            null);
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.code()).isEqualTo("ACCESS_DENIED");
  }

  @Test
  void the_customer_id_matches_in_any_case() {
    Reply reply =
        http.send(
            "POST",
            sandbox.baseUrl()
                + "/v3/"
                + sandbox.customerId().toUpperCase()
                + "/BankingServices/GenerateAuthorizeToken",
            Map.of("flinks-auth-key", sandbox.secretKey()),
            null);
    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void request_keys_are_matched_case_insensitively() {
    Reply lower =
        http.authorize(
            body("loginid", sandbox.login("Greatday").loginId(), "mostrecentcached", true));
    Reply upper =
        http.authorize(
            body("LOGINID", sandbox.login("Greatday").loginId(), "MOSTRECENTCACHED", "true"));
    assertThat(lower.status()).isEqualTo(200);
    assertThat(upper.status()).isEqualTo(200);
  }

  @Test
  void credentials_from_the_api_reference_are_accepted_in_lower_case() {
    Reply reply =
        http.authorize(
            body(
                "Username",
                "greatday_nomfa",
                "Password",
                "everyday",
                "Institution",
                "FlinksCapital",
                "Language",
                "en",
                "MostRecentCached",
                false,
                "Save",
                true));
    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void an_unknown_login_id_is_refused_with_invalid_login() {
    Reply reply = http.authorizeCached("11111111-2222-3333-4444-555555555555");
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.code()).isEqualTo("INVALID_LOGIN");
  }

  @Test
  void an_unknown_username_is_refused_with_invalid_username() {
    Reply reply =
        http.authorize(
            body("Institution", "FlinksCapital", "Username", "nobody", "Password", "Everyday"));
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.code()).isEqualTo("INVALID_USERNAME");
  }

  @Test
  void a_wrong_password_is_refused_with_invalid_password() {
    Reply reply =
        http.authorize(
            body("Institution", "FlinksCapital", "Username", "Greatday", "Password", "Sunday"));
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.code()).isEqualTo("INVALID_PASSWORD");
  }

  @Test
  void a_malformed_json_body_is_an_invalid_request() {
    Reply reply = http.post("Authorize", Map.of("flinks-auth-key", http.token()), "{\"LoginId\": ");
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.code()).isEqualTo("INVALID_REQUEST");
  }

  @Test
  void a_body_with_neither_login_nor_credentials_is_an_invalid_request() {
    Reply reply = http.authorize(body("Save", true));
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.code()).isEqualTo("INVALID_REQUEST");
  }

  @Test
  void a_live_login_in_another_language_gets_its_own_stable_login_id() {
    Map<String, Object> french =
        body(
            "Institution",
            "FlinksCapital",
            "Username",
            "greatday_nomfa",
            "Password",
            "Everyday",
            "Language",
            "fr");
    String first = http.authorize(french).json().at("/Login/Id").asText();
    String second = http.authorize(french).json().at("/Login/Id").asText();
    assertThat(first).isEqualTo(second).isNotEqualTo(sandbox.login("greatday_nomfa").loginId());
  }

  @Test
  void a_huge_body_is_refused_with_413_and_a_matching_body() {
    String huge = "{\"LoginId\":\"" + "x".repeat(2_000_000) + "\"}";
    Reply reply = http.post("Authorize", Map.of("flinks-auth-key", http.token()), huge);
    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.json().get("HttpStatusCode").asInt()).isEqualTo(413);
  }

  @Test
  void a_token_presented_by_many_callers_at_once_opens_exactly_one_session() throws Exception {
    String token = http.token();
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      var replies = new java.util.ArrayList<java.util.concurrent.Future<Reply>>();
      for (int i = 0; i < 16; i++) {
        replies.add(
            pool.submit(
                () -> http.post("Authorize", Map.of("flinks-auth-key", token), cachedGreatday())));
      }
      int opened = 0;
      for (var reply : replies) {
        opened += reply.get().status() == 200 ? 1 : 0;
      }
      assertThat(opened).isEqualTo(1);
    }
  }
}
