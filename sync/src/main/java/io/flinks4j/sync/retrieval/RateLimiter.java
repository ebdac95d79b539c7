package io.flinks4j.sync.retrieval;

import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket over the calls this instance makes to Flinks. It never blocks: a step that gets no permit is
 * rescheduled for when one will be available, so a burst of due retrievals spreads out instead of tripping
 * Flinks's {@code TOO_MANY_REQUESTS}.
 */
public final class RateLimiter {

  private final Clock clock;
  private final double permitsPerNano;
  private final double capacity;
  private double tokens;
  private long lastRefill;

  /**
   * @param permitsPerSecond sustained rate; {@code 0} or less means unlimited
   * @param burst how many calls may go at once after a quiet period
   */
  public RateLimiter(double permitsPerSecond, int burst, Clock clock) {
    this.clock = clock;
    this.permitsPerNano = permitsPerSecond / 1e9;
    this.capacity = Math.max(1, burst);
    this.tokens = capacity;
    this.lastRefill = nanos();
  }

  /** Takes a permit if one is available; otherwise returns how long until one will be. */
  public synchronized Duration tryAcquire() {
    if (permitsPerNano <= 0) {
      return Duration.ZERO;
    }
    long now = nanos();
    tokens = Math.min(capacity, tokens + (now - lastRefill) * permitsPerNano);
    lastRefill = now;
    if (tokens >= 1) {
      tokens -= 1;
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil((1 - tokens) / permitsPerNano));
  }

  private long nanos() {
    java.time.Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
