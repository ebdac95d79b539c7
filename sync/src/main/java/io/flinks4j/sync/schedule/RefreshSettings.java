package io.flinks4j.sync.schedule;

import java.time.Duration;

/**
 * How often each login is re-read from Flinks's cache and refreshed live at the bank; {@link
 * Duration#ZERO} turns one of them off.
 *
 * @param cachedPeriod period of scheduled cached reads
 * @param livePeriod period of scheduled live refreshes (these may end in {@code mfa_required})
 * @param tick how often the scheduler looks for due logins
 * @param batch most retrievals started per tick
 */
public record RefreshSettings(
    Duration cachedPeriod, Duration livePeriod, Duration tick, int batch) {

  public RefreshSettings {
    if (cachedPeriod.isNegative() || livePeriod.isNegative()) {
      throw new IllegalArgumentException("refresh periods must not be negative");
    }
    if (tick.isZero() || tick.isNegative() || batch < 1) {
      throw new IllegalArgumentException("tick and batch must be positive");
    }
  }

  /** Cached read every 24 h, live refresh every 7 days, checked every 30 s. */
  public static RefreshSettings defaults() {
    return new RefreshSettings(
        Duration.ofHours(24), Duration.ofDays(7), Duration.ofSeconds(30), 500);
  }

  /** No scheduled refreshes. */
  public static RefreshSettings disabled() {
    return new RefreshSettings(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(30), 500);
  }
}
