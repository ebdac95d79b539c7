package io.flinks4j.client.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinks4j.client.Fixtures;
import io.flinks4j.client.webhook.WebhookEvent.AccountsDetailWebhook;
import io.flinks4j.client.webhook.WebhookEvent.KycWebhook;
import io.flinks4j.client.webhook.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlinksWebhooksTest {
  private static final String KEY = "whsec-2b7e1516-28ae-d2a6-abf7-158809cf4f3c";

  @Test
  void signed_detail_webhook_verifies_into_a_detail_event() {
    byte[] body = Fixtures.bytes("webhook-payload.json");
    String signature = FlinksWebhooks.sign(body, KEY);

    WebhookEvent event =
        FlinksWebhooks.verify(body, Map.of("flinks-authenticity-key", signature), KEY);

    assertThat(event)
        .isInstanceOfSatisfying(
            AccountsDetailWebhook.class,
            e -> {
              assertThat(e.detail().tag()).isEqualTo("YourTag");
              assertThat(e.loginId()).isEqualTo("5e115eac-1209-4f19-641c-08d6d484e2fe");
              assertThat(e.raw().bytes()).isEqualTo(body);
            });
  }

  @Test
  void x_flinks_signature_header_is_accepted_in_any_case() {
    byte[] body = Fixtures.bytes("webhook-kyc.json");

    WebhookEvent event =
        FlinksWebhooks.verify(
            body, Map.of("x-FLINKS-signature", FlinksWebhooks.sign(body, KEY)), KEY);

    assertThat(event)
        .isInstanceOfSatisfying(KycWebhook.class, e -> assertThat(e.kyc().holders()).hasSize(1));
    assertThat(event.responseType()).isEqualTo("KYC");
  }

  @Test
  void signature_matches_the_documented_hmac_sha256_base64_over_raw_bytes() throws Exception {
    byte[] body = Fixtures.bytes("webhook-kyc.json");
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(
        new javax.crypto.spec.SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));

    assertThat(FlinksWebhooks.sign(body, KEY))
        .isEqualTo(java.util.Base64.getEncoder().encodeToString(mac.doFinal(body)));
  }

  @Test
  void header_lookup_function_is_asked_for_the_signature() {
    byte[] body = Fixtures.bytes("webhook-payload.json");
    String signature = FlinksWebhooks.sign(body, KEY);

    WebhookEvent event =
        FlinksWebhooks.verify(
            body, name -> name.equalsIgnoreCase("X-Flinks-Signature") ? signature : null, KEY);

    assertThat(event).isInstanceOf(AccountsDetailWebhook.class);
  }

  @Test
  void tampered_body_is_rejected_as_signature_mismatch() {
    byte[] body = Fixtures.bytes("webhook-payload.json");
    String signature = FlinksWebhooks.sign(body, KEY);
    byte[] tampered =
        new String(body, StandardCharsets.UTF_8)
            .replace("1111000", "9999999")
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() ->
            FlinksWebhooks.verify(tampered, Map.of("flinks-authenticity-key", signature), KEY))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH));
  }

  @Test
  void signature_made_with_another_key_is_rejected() {
    byte[] body = Fixtures.bytes("webhook-payload.json");

    assertThatThrownBy(() ->
            FlinksWebhooks.verify(
                body,
                Map.of("flinks-authenticity-key", FlinksWebhooks.sign(body, "other-key")),
                KEY))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.isAuthenticationFailure()).isTrue());
  }

  @Test
  void missing_signature_header_is_rejected() {
    assertThatThrownBy(
            () -> FlinksWebhooks.verify(Fixtures.bytes("webhook-payload.json"), Map.of(), KEY))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_SIGNATURE));
  }

  @Test
  void signature_that_is_not_base64_is_a_mismatch() {
    assertThatThrownBy(() ->
            FlinksWebhooks.verify(
                Fixtures.bytes("webhook-payload.json"),
                Map.of("flinks-authenticity-key", "%%% not base64 %%%"),
                KEY))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH));
  }

  @Test
  void correctly_signed_garbage_is_a_malformed_payload() {
    byte[] body = "{\"ResponseType\":\"GetAccountsDetail\",".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() ->
            FlinksWebhooks.verify(
                body, Map.of("flinks-authenticity-key", FlinksWebhooks.sign(body, KEY)), KEY))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_PAYLOAD));
  }

  @Test
  void unsupported_response_type_is_reported_as_such() {
    byte[] body =
        "{\"ResponseType\":\"Investments\",\"HttpStatusCode\":200}"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> FlinksWebhooks.parse(body))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_TYPE));
  }

  @Test
  void failure_messages_never_contain_the_key_the_signature_or_the_body() {
    byte[] body = Fixtures.bytes("webhook-payload.json");
    String wrongSignature = FlinksWebhooks.sign(Arrays.copyOf(body, 10), KEY);

    assertThatThrownBy(() ->
            FlinksWebhooks.verify(body, Map.of("flinks-authenticity-key", wrongSignature), KEY))
        .hasMessageNotContaining(KEY)
        .hasMessageNotContaining(wrongSignature)
        .hasMessageNotContaining("5e115eac-1209-4f19-641c-08d6d484e2fe");
  }
}
