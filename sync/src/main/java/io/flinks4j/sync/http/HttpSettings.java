package io.flinks4j.sync.http;

import io.flinks4j.sync.config.ConfigException;
import io.flinks4j.sync.config.Settings;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The HTTP front's own settings: how long an {@code Idempotency-Key} is remembered, how many failed
 * authentications an address may make before it is refused for a while, and which proxies' {@code
 * X-Forwarded-For} is believed. Read with the rest of the configuration, so a bad value stops the
 * start before the database opens.
 *
 * @param idempotencyTtl how long a key's first answer is replayed
 * @param authFailureLimit failed authentications an address may make within the window ({@code 0} =
 *     no throttling)
 * @param authFailureWindow the window, and how long an address that reached the limit is refused at
 *     most
 * @param trustedProxies addresses (IP literals) whose {@code X-Forwarded-For} names the client
 */
public record HttpSettings(
    Duration idempotencyTtl,
    int authFailureLimit,
    Duration authFailureWindow,
    Set<String> trustedProxies) {

  /** How long an {@code Idempotency-Key}'s first answer is kept and replayed; default 24h. */
  public static final String IDEMPOTENCY_TTL = "FLINKS4J_IDEMPOTENCY_TTL";

  /**
   * Failed authentications per client address within the window before it gets 429; default 10, 0 =
   * off.
   */
  public static final String AUTH_FAILURE_LIMIT = "FLINKS4J_AUTH_FAILURE_LIMIT";

  /** The window of {@link #AUTH_FAILURE_LIMIT}; default 1m. */
  public static final String AUTH_FAILURE_WINDOW = "FLINKS4J_AUTH_FAILURE_WINDOW";

  /**
   * Comma-separated proxy addresses whose {@code X-Forwarded-For} names the client; default none.
   */
  public static final String TRUSTED_PROXIES = "FLINKS4J_TRUSTED_PROXIES";

  public HttpSettings {
    trustedProxies = Set.copyOf(trustedProxies);
  }

  /** Reads and validates the keys. @throws ConfigException naming the first bad key */
  public static HttpSettings from(Settings settings) {
    Duration ttl = settings.duration(IDEMPOTENCY_TTL, Duration.ofHours(24));
    if (ttl.isZero()) {
      throw new ConfigException(IDEMPOTENCY_TTL + " must be positive");
    }
    Duration window = settings.duration(AUTH_FAILURE_WINDOW, Duration.ofMinutes(1));
    if (window.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new ConfigException(AUTH_FAILURE_WINDOW + " must be at least 1s");
    }
    Set<String> proxies = new LinkedHashSet<>();
    for (String proxy : settings.list(TRUSTED_PROXIES)) {
      proxies.add(
          ClientAddress.canonical(proxy)
              .orElseThrow(() ->
                  new ConfigException(
                      TRUSTED_PROXIES
                          + " must list IP addresses (e.g. 127.0.0.1,::1), separated by commas")));
    }
    return new HttpSettings(
        ttl, settings.integer(AUTH_FAILURE_LIMIT, 10, 0, 1_000_000), window, proxies);
  }
}
