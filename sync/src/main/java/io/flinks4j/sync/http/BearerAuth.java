package io.flinks4j.sync.http;

import io.flinks4j.sync.config.ApiKey;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks {@code Authorization: Bearer <key>} against the configured keys in constant time, then the
 * key's scope against the request method (or the route's own, stricter scope); every refusal is
 * counted ({@code flinks4j.http.auth_failures}) and logged by reason, never with the presented key.
 * A client address that failed too often within a window is refused with 429 before its key is
 * looked at ({@link AuthThrottle}).
 *
 * <p>The key is compared as the exact bytes the client sent: the connector's header cache, which
 * would hand back an earlier, case-insensitively equal value on a kept-alive connection, is
 * switched off in {@link ApiServer}.
 */
final class BearerAuth {

  private static final Logger LOG = LoggerFactory.getLogger(BearerAuth.class);
  static final String FAILURES = "flinks4j.http.auth_failures";
  private static final String KEY_ATTRIBUTE = "flinks4j.apiKey";

  private record Entry(ApiKey key, byte[] digest) {}

  private final List<Entry> keys;
  private final MeterRegistry metrics;
  private final AuthThrottle throttle;
  private final Set<String> trustedProxies;

  BearerAuth(
      List<ApiKey> keys, MeterRegistry metrics, AuthThrottle throttle, Set<String> trustedProxies) {
    this.keys = keys.stream().map(key -> new Entry(key, digest(key.secret()))).toList();
    this.metrics = metrics;
    this.throttle = throttle;
    this.trustedProxies = Set.copyOf(trustedProxies);
    metrics.gauge("flinks4j.http.auth_throttle.addresses", throttle, AuthThrottle::tracked);
  }

  boolean hasKeys() {
    return !keys.isEmpty();
  }

  /**
   * The key that authenticates {@code ctx}, once its scope allows the request's method.
   *
   * @throws ApiException 401 when the header is missing, malformed or names an unknown key; 403
   *     {@code forbidden} when the key's scope does not cover the method; 429 {@code
   *     too_many_requests} while the client's address is throttled
   */
  ApiKey check(Context ctx) {
    String client = ClientAddress.of(ctx, trustedProxies);
    Optional<Duration> refused = throttle.refusedFor(client);
    if (refused.isPresent()) {
      metrics.counter(FAILURES, "reason", "throttled").increment();
      long seconds = Math.max(1, (refused.get().toMillis() + 999) / 1000);
      ctx.header("Retry-After", String.valueOf(seconds));
      throw new ApiException(
          429,
          "too_many_requests",
          "too many failed authentications from this address; retry in " + seconds + " s");
    }
    String header = ctx.header("Authorization");
    if (header != null && Collections.list(ctx.req().getHeaders("Authorization")).size() > 1) {
      throw refuse(
          ctx, client, "malformed", unauthorized(ctx, "send exactly one Authorization header"));
    }
    if (header == null || header.isBlank()) {
      throw refuse(
          ctx,
          client,
          "missing",
          unauthorized(ctx, "missing bearer key: send Authorization: Bearer <key>"));
    }
    String trimmed = header.strip();
    if (trimmed.length() < 7
        || !trimmed.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      throw refuse(
          ctx,
          client,
          "malformed",
          unauthorized(ctx, "the Authorization header must use the Bearer scheme"));
    }
    byte[] presented = digest(trimmed.substring(7).strip());
    ApiKey match = null;
    for (Entry entry : keys) { // no early exit: time does not reveal which key matched
      if (MessageDigest.isEqual(entry.digest(), presented)) {
        match = entry.key();
      }
    }
    if (match == null) {
      throw refuse(ctx, client, "invalid_key", unauthorized(ctx, "invalid bearer key"));
    }
    ctx.attribute(KEY_ATTRIBUTE, match);
    requireScope(ctx, scopeFor(ctx.method()), ctx.method().name());
    return match;
  }

  /**
   * Refuses the request unless the key {@link #check} accepted for it grants {@code needed}: the
   * routes that ask for more than their method's default (an admin POST) call this once they are
   * matched.
   *
   * @param request what is refused, for the log: a method, or a method and route template (never
   *     the raw path)
   * @throws ApiException 403 {@code forbidden}; 401 when no key was checked for this request
   */
  void requireScope(Context ctx, ApiKey.Scope needed, String request) {
    ApiKey key = ctx.attribute(KEY_ATTRIBUTE);
    if (key == null) {
      throw new ApiException(
          401, "unauthorized", "missing bearer key: send Authorization: Bearer <key>");
    }
    if (!key.scope().includes(needed)) {
      LOG.warn(
          "key '{}' ({}) refused {}: needs the {} scope",
          key.name(),
          key.scope().label(),
          request,
          needed.label());
      throw refuse(
          ctx,
          ClientAddress.of(ctx, trustedProxies),
          "insufficient_scope",
          new ApiException(
              403,
              "forbidden",
              "this key has the "
                  + key.scope().label()
                  + " scope; "
                  + request
                  + " needs "
                  + needed.label()));
    }
  }

  /** GET, HEAD and OPTIONS read; DELETE needs admin; every other method writes. */
  static ApiKey.Scope scopeFor(HandlerType method) {
    return switch (method.name()) {
      case "GET", "HEAD", "OPTIONS" -> ApiKey.Scope.READ;
      case "DELETE" -> ApiKey.Scope.ADMIN;
      default -> ApiKey.Scope.WRITE;
    };
  }

  private ApiException refuse(Context ctx, String client, String reason, ApiException answer) {
    metrics.counter(FAILURES, "reason", reason).increment();
    if (answer.status()
        == 401) { // a valid key short of scope is no guess: only 401s count towards throttling
      LOG.warn("authentication failed ({}) for {} from {}", reason, ctx.method(), client);
      if (throttle.failed(client)) {
        LOG.warn(
            "{} failed authentications from {} within {}: refusing it with 429 until the window ends",
            throttle.limit(),
            ClientAddress.throttleKey(client),
            throttle.window());
      }
    }
    return answer;
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
