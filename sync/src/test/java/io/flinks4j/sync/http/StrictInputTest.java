package io.flinks4j.sync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinks4j.client.webhook.FlinksWebhooks;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.SandboxLogin;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import io.flinks4j.sync.EngineFixture;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.retrieval.RetrievalState;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.Payloads;
import io.flinks4j.sync.testing.RawHttp;
import io.flinks4j.sync.webhook.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input the service has been seen to mishandle is a 4xx with the documented error
 * body, never a 5xx, and nothing of it is stored; over real sockets, on H2 and PostgreSQL.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Dialect.class)
class StrictInputTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 4096;
  private static final int MAX_PAYLOAD = 65_536;
  private static final String GUID = "6a1f5a4e-3c2b-4d1e-9f8a-7b6c5d4e3f2a";

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS = FlinksSandboxExtension.withOptions(b -> b);

  @Parameter Dialect dialect;

  static EngineFixture fixture;
  static String loginId;
  static long accountId;

  @BeforeParameterizedClassInvocation
  static void startService(Dialect dialect, FlinksSandbox sandbox) {
    fixture =
        EngineFixture.start(
            dialect,
            sandbox,
            Map.of(
                SyncConfig.MAX_BODY_BYTES,
                String.valueOf(MAX_BODY),
                SyncConfig.MAX_PAYLOAD_BYTES,
                String.valueOf(MAX_PAYLOAD)));
    SandboxLogin login =
        sandbox.createLogin(
            LoginSpec.named("strict-" + UUID.randomUUID())
                .withTransactionsPerYear(20)
                .withProcessingDelay(Duration.ZERO));
    loginId = login.loginId();
    assertThat(fixture.register(loginId).status()).isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() ->
            fixture.retrieval(loginId).map(r -> r.state() == RetrievalState.READY).orElse(false));
    accountId =
        fixture.count("select min(id) from accounts where login_id = ?", fixture.loginRef(loginId));
  }

  @AfterParameterizedClassInvocation
  static void stopService() {
    fixture.close();
  }

  /**
   * One bad request: {@code target} may hold {@code {login}} and {@code {account}}; a {@code
   * signed} body gets a valid webhook signature, so only the check under test can refuse it.
   */
  record BadInput(
      String name,
      String method,
      String target,
      byte[] body,
      boolean chunked,
      boolean signed,
      int status,
      String code) {

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<BadInput> badInputs() {
    String register = "/v1/logins";
    String refresh = "/v1/logins/{login}/refresh";
    String transactions = "/v1/accounts/{account}/transactions";
    return Stream.of(
        json(
            "trailing garbage",
            register,
            "{\"loginId\":\"" + GUID + "\"} garbage",
            400,
            "invalid_json"),
        json(
            "a second JSON value",
            register,
            "{\"loginId\":\"" + GUID + "\"}{}",
            400,
            "invalid_json"),
        json(
            "duplicate keys",
            register,
            "{\"loginId\":\"" + GUID + "\",\"loginId\":\"" + UUID.randomUUID() + "\"}",
            400,
            "invalid_json"),
        json("loginId as a number", register, "{\"loginId\": 12345}", 400, "invalid_json"),
        json("loginId as a boolean", register, "{\"loginId\": true}", 400, "invalid_json"),
        json(
            "loginId not a GUID",
            register,
            "{\"loginId\":\"not-a-guid\"}",
            400,
            "invalid_login_id"),
        json(
            "loginId a GUID with a suffix",
            register,
            "{\"loginId\":\"" + GUID + "x\"}",
            400,
            "invalid_login_id"),
        json(
            "NUL in tag",
            register,
            "{\"loginId\":\"" + GUID + "\",\"tag\":\"a\\u0000b\"}",
            400,
            "invalid_tag"),
        json(
            "escape character in tag",
            register,
            "{\"loginId\":\"" + GUID + "\",\"tag\":\"\\u001b[31m\"}",
            400,
            "invalid_tag"),
        json(
            "lone surrogate in tag",
            register,
            "{\"loginId\":\"" + GUID + "\",\"tag\":\"\\ud800\"}",
            400,
            "invalid_tag"),
        json(
            "tag of 201 characters",
            register,
            "{\"loginId\":\"" + GUID + "\",\"tag\":\"" + "t".repeat(201) + "\"}",
            400,
            "invalid_tag"),
        json(
            "tag as a number",
            register,
            "{\"loginId\":\"" + GUID + "\",\"tag\":7}",
            400,
            "invalid_json"),
        json("live as 1", refresh, "{\"live\": 1}", 400, "invalid_json"),
        json("live as a string", refresh, "{\"live\": \"true\"}", 400, "invalid_json"),
        json(
            "deeply nested body",
            register,
            "[".repeat(1500) + "]".repeat(1500),
            400,
            "invalid_json"),
        get(
            "to with a six-digit year",
            transactions + "?to=%2B5874898-01-01",
            400,
            "invalid_parameter"),
        get(
            "to with an unencoded plus",
            transactions + "?to=+5874898-01-01",
            400,
            "invalid_parameter"),
        get("from before 1900", transactions + "?from=0001-01-01", 400, "invalid_parameter"),
        get("from not a calendar day", transactions + "?from=2025-02-30", 400, "invalid_parameter"),
        get(
            "from without leading zeros",
            transactions + "?from=2025-2-3",
            400,
            "invalid_parameter"),
        get("to with a time", transactions + "?to=2025-02-03T00:00", 400, "invalid_parameter"),
        webhook("webhook RequestId of 300 characters", "r".repeat(300), 400, "invalid_payload"),
        webhook("webhook RequestId not a GUID", "not-a-guid", 400, "invalid_payload"),
        new BadInput(
            "oversized chunked body",
            "POST",
            register,
            oversized(MAX_BODY),
            true,
            false,
            413,
            "payload_too_large"),
        new BadInput(
            "oversized body with a length",
            "POST",
            register,
            oversized(MAX_BODY),
            false,
            false,
            413,
            "payload_too_large"),
        new BadInput(
            "oversized chunked webhook, validly signed",
            "POST",
            WebhookReceiver.PATH,
            oversizedWebhook(MAX_PAYLOAD),
            true,
            true,
            413,
            "payload_too_large"),
        // Unsigned: refused on the bounded read as well, before any signature work.
        new BadInput(
            "oversized chunked webhook, unsigned",
            "POST",
            WebhookReceiver.PATH,
            oversizedWebhook(MAX_PAYLOAD),
            true,
            false,
            413,
            "payload_too_large"),
        new BadInput(
            "oversized webhook with a length, unsigned",
            "POST",
            WebhookReceiver.PATH,
            oversizedWebhook(MAX_PAYLOAD),
            false,
            false,
            413,
            "payload_too_large"),
        new BadInput(
            "webhook, unsigned",
            "POST",
            WebhookReceiver.PATH,
            webhookBody(GUID),
            false,
            false,
            401,
            "invalid_signature"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void bad_input_is_a_4xx_with_the_documented_error_body(BadInput input) throws Exception {
    long webhooksBefore = fixture.count("select count(*) from received_webhooks");

    RawHttp.Response response = send(input);

    assertThat(response.status())
        .as(input.name() + ": " + response.body())
        .isEqualTo(input.status());
    assertThat(response.header("Content-Type")).startsWith("application/json");
    JsonNode error = JSON.readTree(response.body()).path("error");
    assertThat(error.path("code").asText()).as(input.name()).isEqualTo(input.code());
    assertThat(error.path("message").asText()).as(input.name()).isNotBlank();
    assertThat(fixture.service().logins().find(GUID)).as("the login of the bad body").isEmpty();
    assertThat(fixture.count("select count(*) from received_webhooks")).isEqualTo(webhooksBefore);
  }

  @Test
  void a_well_formed_webhook_with_a_guid_request_id_is_still_recorded() throws Exception {
    byte[] body = webhookBody(UUID.randomUUID().toString());

    RawHttp.Response response =
        send(
            new BadInput(
                "good webhook", "POST", WebhookReceiver.PATH, body, true, true, 200, null));

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("recorded");
  }

  @Test
  void a_refresh_with_live_true_or_no_body_is_accepted() throws Exception {
    for (byte[] body : new byte[][] {"{\"live\":false}".getBytes(StandardCharsets.UTF_8), null}) {
      RawHttp.Response response =
          send(
              new BadInput(
                  "refresh", "POST", "/v1/logins/{login}/refresh", body, false, false, 202, null));
      assertThat(response.status())
          .as(response.body())
          .isIn(202, 409); // 409: the previous one still runs
    }
  }

  @Test
  void dates_within_range_are_accepted() throws Exception {
    RawHttp.Response response =
        send(
            get(
                "range",
                "/v1/accounts/{account}/transactions?from=1900-01-01&to=9999-12-31",
                200,
                null));

    assertThat(response.status()).as(response.body()).isEqualTo(200);
  }

  private static RawHttp.Response send(BadInput input) throws Exception {
    String target =
        input.target().replace("{login}", loginId).replace("{account}", String.valueOf(accountId));
    StringBuilder head =
        new StringBuilder(input.method() + " " + target + " HTTP/1.1\r\nHost: localhost");
    if (target.startsWith("/v1")) {
      head.append("\r\nAuthorization: Bearer ").append(EngineFixture.API_KEY);
    }
    if (input.body() != null) {
      head.append("\r\nContent-Type: application/json");
    }
    if (input.signed()) {
      head.append("\r\n")
          .append(FlinksWebhooks.AUTHENTICITY_HEADER)
          .append(": ")
          .append(FlinksWebhooks.sign(input.body(), fixture.sandbox().webhookKey()));
    }
    try (RawHttp connection = RawHttp.connect(fixture.service().uri().getPort())) {
      return input.chunked()
          ? connection.sendChunked(head.toString(), input.body(), 1000)
          : connection.send(head.toString(), input.body());
    }
  }

  private static BadInput json(String name, String target, String body, int status, String code) {
    return new BadInput(
        name, "POST", target, body.getBytes(StandardCharsets.UTF_8), false, false, status, code);
  }

  private static BadInput get(String name, String target, int status, String code) {
    return new BadInput(name, "GET", target, null, false, false, status, code);
  }

  private static BadInput webhook(String name, String requestId, int status, String code) {
    return new BadInput(
        name, "POST", WebhookReceiver.PATH, webhookBody(requestId), false, true, status, code);
  }

  private static byte[] webhookBody(String requestId) {
    return webhookBody(UUID.randomUUID().toString(), requestId);
  }

  private static byte[] webhookBody(String forLogin, String requestId) {
    try {
      ObjectNode body = (ObjectNode) JSON.readTree(Payloads.forLogin(forLogin).bytes());
      body.put("ResponseType", "GetAccountsDetail");
      body.put("RequestId", requestId);
      return JSON.writeValueAsBytes(body);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] oversized(int limit) {
    return ("{\"loginId\":\"" + GUID + "\",\"tag\":\"" + "x".repeat(limit) + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A webhook body past the limit whose signature covers all of it: only the bounded read can
   * refuse it.
   */
  private static byte[] oversizedWebhook(int limit) {
    try {
      ObjectNode body = (ObjectNode) JSON.readTree(webhookBody(UUID.randomUUID().toString()));
      body.put("Padding", "p".repeat(limit));
      return JSON.writeValueAsBytes(body);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
