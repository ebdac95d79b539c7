package io.flinks4j.sync.retrieval;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A rate limit over the calls this instance makes to Flinks (GCRA: a token bucket kept as one
 * "theoretical arrival time", in exact integer nanoseconds). It never blocks: a step that gets no
 * permit is rescheduled for when one will be free, so a burst of due retrievals spreads out instead
 * of tripping Flinks's {@code TOO_MANY_REQUESTS}.
 */
public final class RateLimiter {

  private final Clock clock;
  private final long intervalNanos;
  private final long burstNanos;
  private long theoreticalArrival;

  /**
   * @param permitsPerSecond sustained rate; {@code 0} or less means unlimited
   * @param burst how many calls may go at once after a quiet period (at least 1)
   */
  public RateLimiter(double permitsPerSecond, int burst, Clock clock) {
    this.clock = clock;
    this.intervalNanos =
        permitsPerSecond <= 0 ? 0 : Math.max(1, Math.round(1e9 / permitsPerSecond));
    this.burstNanos = intervalNanos * (Math.max(1, burst) - 1);
    this.theoreticalArrival = nanos();
  }

  /**
   * Takes a permit if one is free ({@link Duration#ZERO}); otherwise returns how long until one
   * will be.
   */
  public Duration tryAcquire() {
    return tryAcquire(1);
  }

  /**
   * Takes {@code permits} permits at once (a step that will make that many calls) if they are free;
   * otherwise returns how long until they will be. A request larger than the burst is treated as
   * the burst.
   */
  public synchronized Duration tryAcquire(int permits) {
    if (intervalNanos == 0) {
      return Duration.ZERO;
    }
    long extra =
        intervalNanos * (Math.min(Math.max(1, permits), burstNanos / intervalNanos + 1) - 1);
    long now = nanos();
    long arrival = Math.max(theoreticalArrival, now);
    long early = arrival + extra - now - burstNanos;
    if (early > 0) {
      return Duration.ofNanos(early);
    }
    theoreticalArrival = arrival + extra + intervalNanos;
    return Duration.ZERO;
  }

  private long nanos() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
