package io.flinks4j.sandbox.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Single-use authorize tokens minted from the secret key, each dying a fixed time after minting.
 */
public final class AuthorizeTokens {

  /** Why a token was or was not accepted. */
  public enum Check {
    ACCEPTED,
    UNKNOWN,
    EXPIRED,
    ALREADY_USED
  }

  private static final int PURGE_THRESHOLD = 10_000;

  private final Clock clock;
  private final Duration lifetime;
  private final Map<String, Instant> unused = new ConcurrentHashMap<>();
  private final Map<String, Instant> used = new ConcurrentHashMap<>();

  AuthorizeTokens(Clock clock, Duration lifetime) {
    this.clock = clock;
    this.lifetime = lifetime;
  }

  public String mint() {
    String token = UUID.randomUUID().toString();
    unused.put(token, clock.instant());
    if (unused.size() > PURGE_THRESHOLD) {
      purge();
    }
    return token;
  }

  /** Checks a token and, when it is accepted, consumes it. */
  public Check consume(String token) {
    if (token == null) {
      return Check.UNKNOWN;
    }
    String key = token.trim().toLowerCase(Locale.ROOT);
    Instant minted = unused.remove(key);
    if (minted == null) {
      return used.containsKey(key) ? Check.ALREADY_USED : Check.UNKNOWN;
    }
    Instant now = clock.instant();
    if (now.isAfter(minted.plus(lifetime))) {
      return Check.EXPIRED;
    }
    used.put(key, now);
    if (used.size() > PURGE_THRESHOLD) {
      purge();
    }
    return Check.ACCEPTED;
  }

  private void purge() {
    Instant horizon = clock.instant().minus(lifetime).minus(lifetime);
    unused.values().removeIf(minted -> minted.isBefore(horizon));
    used.values().removeIf(at -> at.isBefore(horizon));
  }

  void clear() {
    unused.clear();
    used.clear();
  }
}
