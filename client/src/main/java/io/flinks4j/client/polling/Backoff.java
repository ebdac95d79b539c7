package io.flinks4j.client.polling;

import java.time.Duration;
import java.util.Objects;

/**
 * How the wait between two attempts grows, before jitter: the same arithmetic for polling a 202 (a
 * fixed interval) and for retrying failures (exponential with a cap).
 */
public sealed interface Backoff {

  /**
   * The wait before attempt {@code retry + 1}, in nanoseconds and before jitter.
   *
   * @param retry 1 for the first wait (after the first attempt), 2 for the second, ...
   */
  double nanos(int retry);

  /** The first wait, before jitter: the poll interval of a fixed backoff, the base of another. */
  default Duration first() {
    return Duration.ofNanos((long) nanos(1));
  }

  /** The same wait every time. */
  static Backoff fixed(Duration interval) {
    return new Fixed(interval);
  }

  /** {@code base}, doubling with each retry, never more than {@code cap}. */
  static Backoff exponential(Duration base, Duration cap) {
    return new Exponential(base, cap, 2.0);
  }

  /**
   * A constant wait, as Flinks documents for polling its Async endpoints.
   *
   * @param interval the wait between two attempts
   */
  record Fixed(Duration interval) implements Backoff {
    public Fixed {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("interval must not be negative");
      }
    }

    @Override
    public double nanos(int retry) {
      return interval.toNanos();
    }
  }

  /**
   * A wait of {@code base * multiplier^(retry - 1)}, capped (a cap below the base caps every wait).
   *
   * @param base the first wait
   * @param cap the longest wait
   * @param multiplier growth per retry, at least 1
   */
  record Exponential(Duration base, Duration cap, double multiplier) implements Backoff {
    public Exponential {
      Objects.requireNonNull(base, "base");
      Objects.requireNonNull(cap, "cap");
      if (base.isNegative() || cap.isNegative()) {
        throw new IllegalArgumentException("delays must not be negative");
      }
      if (!(multiplier >= 1.0)) {
        throw new IllegalArgumentException("multiplier must be at least 1");
      }
    }

    @Override
    public double nanos(int retry) {
      double grown = base.toNanos() * Math.pow(multiplier, Math.max(0, retry - 1));
      return Math.min(grown, cap.toNanos());
    }
  }
}
