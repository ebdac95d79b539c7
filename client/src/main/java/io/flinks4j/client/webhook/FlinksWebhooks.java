package io.flinks4j.client.webhook;

import io.flinks4j.client.error.UnreadableResponseException;
import io.flinks4j.client.model.FlinksJson;
import io.flinks4j.client.webhook.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies and parses Flinks webhook deliveries, like stripe-java's {@code Webhook.constructEvent}:
 * raw body, headers and shared key in, a typed {@link WebhookEvent} out or a {@link
 * WebhookVerificationException}.
 *
 * <p>The signature is {@code Base64(HMAC-SHA256(key as UTF-8, raw body bytes))} in header {@code
 * flinks-authenticity-key} or {@code X-Flinks-Signature} (Flinks documents both; names are matched
 * case-insensitively), compared in constant time. Verify the bytes exactly as received, before any
 * JSON handling.
 */
public final class FlinksWebhooks {
  /** Signature header named by the Flinks reference and help centre. */
  public static final String AUTHENTICITY_HEADER = "flinks-authenticity-key";

  /** Signature header named by the newer Flinks HMAC guide. */
  public static final String SIGNATURE_HEADER = "X-Flinks-Signature";

  private static final String HMAC = "HmacSHA256";

  private FlinksWebhooks() {}

  /**
   * Verifies the signature found in {@code headers} (names matched case-insensitively), then parses
   * the body.
   *
   * @throws WebhookVerificationException when the signature is missing or wrong, or the body is not
   *     a supported Flinks payload
   */
  public static WebhookEvent verify(byte[] rawBody, Map<String, String> headers, String key) {
    Objects.requireNonNull(headers, "headers");
    return verify(rawBody, name -> headerIgnoringCase(headers, name), key);
  }

  /**
   * Verifies the signature read through {@code headerLookup} (e.g. {@code ctx::header} of a web
   * framework; it is asked for both header names), then parses the body.
   *
   * @throws WebhookVerificationException when the signature is missing or wrong, or the body is not
   *     a supported Flinks payload
   */
  public static WebhookEvent verify(
      byte[] rawBody, Function<String, String> headerLookup, String key) {
    Objects.requireNonNull(rawBody, "rawBody");
    Objects.requireNonNull(headerLookup, "headerLookup");
    requireKey(key);
    List<String> signatures =
        java.util.stream.Stream.of(AUTHENTICITY_HEADER, SIGNATURE_HEADER)
            .map(headerLookup)
            .filter(v -> v != null && !v.isBlank())
            .toList();
    if (signatures.isEmpty()) {
      throw new WebhookVerificationException(
          Reason.MISSING_SIGNATURE,
          "webhook has no " + AUTHENTICITY_HEADER + " or " + SIGNATURE_HEADER + " header",
          null);
    }
    byte[] expected = hmac(rawBody, key);
    boolean valid = false;
    for (String signature : signatures) {
      valid |= MessageDigest.isEqual(expected, decode(signature));
    }
    if (!valid) {
      throw new WebhookVerificationException(
          Reason.SIGNATURE_MISMATCH,
          "webhook signature does not match the body (" + rawBody.length + " bytes)",
          null);
    }
    return parse(rawBody);
  }

  /**
   * Parses a body without checking a signature, for instances where Flinks does not sign
   * deliveries.
   *
   * @throws WebhookVerificationException when the body is not a supported Flinks payload
   */
  public static WebhookEvent parse(byte[] rawBody) {
    Objects.requireNonNull(rawBody, "rawBody");
    try {
      Optional<String> type = FlinksJson.peekResponseType(rawBody);
      String responseType =
          type.orElse("GetAccountsDetail"); // a detail body without the field is still detail
      return switch (responseType) {
        case "GetAccountsDetail" ->
            new WebhookEvent.AccountsDetailWebhook(FlinksJson.parseAccountsDetail(rawBody));
        case "KYC" -> new WebhookEvent.KycWebhook(FlinksJson.parseKyc(rawBody));
        default ->
            throw new WebhookVerificationException(
                Reason.UNSUPPORTED_TYPE,
                "unsupported webhook ResponseType " + quoteShort(responseType),
                null);
      };
    } catch (UnreadableResponseException e) {
      throw new WebhookVerificationException(
          Reason.MALFORMED_PAYLOAD, "webhook body is not valid Flinks JSON: " + e.getMessage(), e);
    }
  }

  /** The signature Flinks would send for {@code body}: for tests and local senders. */
  public static String sign(byte[] body, String key) {
    Objects.requireNonNull(body, "body");
    requireKey(key);
    return Base64.getEncoder().encodeToString(hmac(body, key));
  }

  private static byte[] hmac(byte[] body, String key) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), HMAC));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  // An undecodable signature simply does not match; decoding is not secret-dependent timing.
  private static byte[] decode(String signature) {
    try {
      return Base64.getDecoder().decode(signature.strip());
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  private static String headerIgnoringCase(Map<String, String> headers, String name) {
    String direct = headers.get(name);
    if (direct != null) {
      return direct;
    }
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static void requireKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("webhook key must not be empty");
    }
  }

  private static String quoteShort(String value) {
    String v = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    return "'" + v.replaceAll("[^\\p{Alnum}_.-]", "?") + "'";
  }
}
