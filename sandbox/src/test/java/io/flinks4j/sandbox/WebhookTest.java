package io.flinks4j.sandbox;

import static io.flinks4j.sandbox.FlinksHttp.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import io.flinks4j.sandbox.webhook.WebhookDelivery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FlinksSandboxExtension.class)
class WebhookTest {

  private final FlinksSandbox sandbox;
  private final FlinksHttp http;
  private final WebhookReceiver receiver = new WebhookReceiver();

  WebhookTest(FlinksSandbox sandbox) {
    this.sandbox = sandbox;
    this.http = new FlinksHttp(sandbox);
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  private String refresh(String tag) {
    return http.authorize(
            body(
                "LoginId",
                sandbox.login("greatday_nomfa").loginId(),
                "MostRecentCached",
                false,
                "Tag",
                tag))
        .requestId();
  }

  private static JsonNode json(WebhookReceiver.Received r) throws Exception {
    return FlinksHttp.JSON.readTree(r.body());
  }

  private static boolean signatureValid(String key, WebhookReceiver.Received r) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] expected = mac.doFinal(r.body());
    byte[] given = Base64.getDecoder().decode(r.header("flinks-authenticity-key"));
    return MessageDigest.isEqual(expected, given);
  }

  @Test
  void a_completed_live_aggregation_is_posted_signed_with_response_type_and_tag() throws Exception {
    sandbox.configureWebhooks(sandbox.webhookSettings().withUrl(receiver.url()));
    String requestId = refresh("loan-42");
    sandbox.advanceClock(Duration.ofSeconds(3));

    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
    WebhookReceiver.Received hook = receiver.received().getFirst();
    assertThat(signatureValid(sandbox.webhookKey(), hook)).isTrue();
    JsonNode payload = json(hook);
    assertThat(payload.get("ResponseType").asText()).isEqualTo("GetAccountsDetail");
    assertThat(payload.get("RequestId").asText()).isEqualTo(requestId);
    assertThat(payload.get("Tag").asText()).isEqualTo("loan-42");
    assertThat(payload.get("Accounts")).isNotEmpty();
    assertThat(payload.at("/Login/Id").asText())
        .isEqualTo(sandbox.login("greatday_nomfa").loginId());
  }

  @Test
  void a_signature_made_with_another_key_does_not_verify() throws Exception {
    sandbox.configureWebhooks(
        sandbox.webhookSettings().withUrl(receiver.url()).withKey("the-right-key"));
    refresh("t");
    sandbox.advanceClock(Duration.ofSeconds(3));
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
    assertThat(signatureValid("the-right-key", receiver.received().getFirst())).isTrue();
    assertThat(signatureValid("another-key", receiver.received().getFirst())).isFalse();
  }

  @Test
  void a_delivery_not_answered_200_is_retried_every_30_minutes_of_sandbox_time() {
    receiver.answering(500, 503);
    sandbox.configureWebhooks(sandbox.webhookSettings().withUrl(receiver.url()));
    refresh("t");
    sandbox.advanceClock(Duration.ofSeconds(3));
    await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.webhookDeliveries().size() == 1);

    sandbox.advanceClock(Duration.ofMinutes(30));
    await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.webhookDeliveries().size() == 2);
    sandbox.advanceClock(Duration.ofMinutes(30));
    await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.webhookDeliveries().size() == 3);

    assertThat(sandbox.webhookDeliveries())
        .extracting(WebhookDelivery::attempt)
        .containsExactly(1, 2, 3);
    assertThat(sandbox.webhookDeliveries())
        .extracting(WebhookDelivery::status)
        .containsExactly(500, 503, 200);
    assertThat(sandbox.webhookDeliveries())
        .extracting(WebhookDelivery::deliveryId)
        .containsOnly(sandbox.webhookDeliveries().getFirst().deliveryId());
    assertThat(
            Duration.between(
                sandbox.webhookDeliveries().get(0).at(), sandbox.webhookDeliveries().get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void retries_stop_after_the_configured_number_of_attempts() {
    receiver.answering(500, 500, 500, 500);
    sandbox.configureWebhooks(
        sandbox.webhookSettings().withUrl(receiver.url()).withRetries(2, Duration.ofMinutes(30)));
    refresh("t");
    sandbox.advanceClock(Duration.ofSeconds(3));
    await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.webhookDeliveries().size() == 1);
    sandbox.advanceClock(Duration.ofMinutes(30));
    await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.webhookDeliveries().size() == 2);
    sandbox.advanceClock(Duration.ofMinutes(30));
    // A third attempt would be due now; a later, unrelated delivery proves the queue moved past it.
    sandbox.configureWebhooks(sandbox.webhookSettings().withRetries(10, Duration.ofMinutes(30)));
    receiver.answering();
    refresh("marker");
    sandbox.advanceClock(Duration.ofSeconds(3));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> receiver.received().stream().anyMatch(r -> r.text().contains("marker")));
    assertThat(sandbox.webhookDeliveries()).filteredOn(d -> d.attempt() > 2).isEmpty();
  }

  @Test
  void double_delivery_sends_the_same_payload_twice() {
    sandbox.configureWebhooks(
        sandbox.webhookSettings().withUrl(receiver.url()).withDeliverTwice(true));
    refresh("t");
    sandbox.advanceClock(Duration.ofSeconds(3));
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
    assertThat(receiver.received().get(0).body()).isEqualTo(receiver.received().get(1).body());
    assertThat(sandbox.webhookDeliveries())
        .extracting(WebhookDelivery::duplicate)
        .containsExactly(false, true);
  }

  @Test
  void the_kyc_webhook_comes_first_when_enabled() throws Exception {
    sandbox.configureWebhooks(sandbox.webhookSettings().withUrl(receiver.url()).withKycFirst(true));
    String requestId = refresh("t");
    sandbox.advanceClock(Duration.ofSeconds(3));
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
    JsonNode kyc = json(receiver.received().get(0));
    assertThat(kyc.get("ResponseType").asText()).isEqualTo("KYC");
    assertThat(kyc.at("/Holders/0/Name").asText()).isNotBlank();
    assertThat(kyc.get("RequestId").asText()).isEqualTo(requestId);
    assertThat(json(receiver.received().get(1)).get("ResponseType").asText())
        .isEqualTo("GetAccountsDetail");
  }

  @Test
  void the_delivery_log_is_listed_by_the_control_api() {
    sandbox.configureWebhooks(sandbox.webhookSettings().withUrl(receiver.url()));
    refresh("t");
    sandbox.advanceClock(Duration.ofSeconds(3));
    await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.webhookDeliveries().size() == 1);
    JsonNode log = http.control("GET", "/sandbox/webhooks", null).json();
    assertThat(log.at("/0/responseType").asText()).isEqualTo("GetAccountsDetail");
    assertThat(log.at("/0/delivered").asBoolean()).isTrue();
  }
}
