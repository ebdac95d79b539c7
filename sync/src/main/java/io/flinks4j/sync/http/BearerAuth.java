package io.flinks4j.sync.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;

/** Checks {@code Authorization: Bearer <key>} against the configured keys in constant time. */
final class BearerAuth {

  private final List<byte[]> keyDigests;

  BearerAuth(List<String> keys) {
    this.keyDigests = keys.stream().map(BearerAuth::digest).toList();
  }

  boolean hasKeys() {
    return !keyDigests.isEmpty();
  }

  /** @throws ApiException 401 when the header is missing, malformed or names an unknown key */
  void check(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      throw unauthorized(ctx, "missing bearer key: send Authorization: Bearer <key>");
    }
    String trimmed = header.strip();
    if (trimmed.length() < 7 || !trimmed.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      throw unauthorized(ctx, "the Authorization header must use the Bearer scheme");
    }
    byte[] presented = digest(trimmed.substring(7).strip());
    boolean match = false;
    for (byte[] key : keyDigests) {
      match |= MessageDigest.isEqual(key, presented); // no early exit: time does not reveal which key
    }
    if (!match) {
      throw unauthorized(ctx, "invalid bearer key");
    }
  }

  private static ApiException unauthorized(Context ctx, String message) {
    ctx.header("WWW-Authenticate", "Bearer realm=\"flinks4j\"");
    return new ApiException(401, "unauthorized", message);
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
