package io.flinks4j.sync.events;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs outbound events and verifies them on the receiving side: {@code t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "t.body">}. Signing the timestamp with the body lets a receiver refuse replays
 * older than its tolerance.
 */
public final class EventSignature {

  /** Header carrying the signature. */
  public static final String HEADER = "Flinks4j-Signature";

  /** Header carrying the event id, the receiver's idempotency key. */
  public static final String EVENT_ID_HEADER = "Flinks4j-Event-Id";

  /** Default replay window for {@link #verify}. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private EventSignature() {}

  /** The signature header value for {@code body} sent at {@code at}. */
  public static String sign(byte[] body, String secret, Instant at) {
    long t = at.getEpochSecond();
    return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(secret, t, body));
  }

  /**
   * Checks a received event: the signature matches the raw body and the timestamp is within {@code
   * tolerance} of now.
   *
   * @throws EventSignatureException naming what is wrong (never echoing the secret)
   */
  public static void verify(
      byte[] body, String header, String secret, Duration tolerance, Clock clock) {
    if (header == null || header.isBlank()) {
      throw new EventSignatureException("missing " + HEADER + " header");
    }
    Long t = null;
    byte[] expected = null;
    for (String part : header.split(",")) {
      String item = part.strip();
      if (item.startsWith("t=")) {
        try {
          t = Long.parseLong(item.substring(2));
        } catch (NumberFormatException e) {
          throw new EventSignatureException("malformed timestamp in " + HEADER);
        }
      } else if (item.startsWith("v1=")) {
        try {
          expected = HexFormat.of().parseHex(item.substring(3));
        } catch (IllegalArgumentException e) {
          throw new EventSignatureException("malformed signature in " + HEADER);
        }
      }
    }
    if (t == null || expected == null) {
      throw new EventSignatureException(HEADER + " must carry t= and v1=");
    }
    if (!MessageDigest.isEqual(expected, mac(secret, t, body))) {
      throw new EventSignatureException("signature does not match the body");
    }
    Duration age = Duration.between(Instant.ofEpochSecond(t), clock.instant()).abs();
    if (age.compareTo(tolerance) > 0) {
      throw new EventSignatureException("timestamp outside the replay window");
    }
  }

  private static byte[] mac(String secret, long t, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
