package io.flinks4j.client.polling;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * The one pacing of repeated attempts in flinks4j, as data (AWS SDK v2's waiter override
 * configuration): how long to wait between attempts, how much of it is random, and when to stop.
 * The client's Async waiters, its HTTP retries, and sync's retrievals, outbound events and webhook
 * applies all compute their waits here, so a change of the schedule is made once.
 *
 * <pre>{@code
 * PollPolicy polls = PollPolicy.defaults();                      // every 10 s for 30 min
 * PollPolicy patient = polls.withInterval(Duration.ofSeconds(30)).withTimeout(Duration.ofHours(1));
 * PollPolicy retries = PollPolicy.builder()
 *     .exponential(Duration.ofSeconds(5), Duration.ofHours(1))   // 5 s, 10 s, 20 s, ... 1 h
 *     .jitter(0.5).maxAttempts(10).build();
 * }</pre>
 *
 * @param backoff the wait between two attempts, before jitter
 * @param jitter fraction of each wait that is random: 0 = exact waits, 0.5 = between half and the
 *     full wait, 1 = anywhere up to the full wait (never longer than the backoff)
 * @param timeout total time from the first attempt after which no further attempt is made; the last
 *     wait is cut short so that one attempt lands on the deadline. Empty = no deadline
 * @param maxAttempts attempts at most, the first one included; empty = no bound
 */
public record PollPolicy(
    Backoff backoff, double jitter, Optional<Duration> timeout, OptionalInt maxAttempts) {

  /** Flinks' documented poll interval after a 202. */
  private static final Duration FLINKS_POLL_INTERVAL = Duration.ofSeconds(10);

  /** Flinks' documented longest wait for a session's data. */
  private static final Duration FLINKS_POLL_TIMEOUT = Duration.ofMinutes(30);

  private static final PollPolicy DEFAULTS =
      new PollPolicy(
          Backoff.fixed(FLINKS_POLL_INTERVAL),
          0.0,
          Optional.of(FLINKS_POLL_TIMEOUT),
          OptionalInt.empty());

  public PollPolicy {
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(maxAttempts, "maxAttempts");
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be between 0 and 1");
    }
    if (timeout.isPresent() && timeout.get().isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative");
    }
    if (maxAttempts.isPresent() && maxAttempts.getAsInt() < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /**
   * The documented Flinks polling: every 10 s, no jitter, for at most 30 minutes. The one place
   * these values are written.
   */
  public static PollPolicy defaults() {
    return DEFAULTS;
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder(DEFAULTS);
  }

  /** A builder starting from this policy. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The same policy polling every {@code interval} (a fixed backoff). */
  public PollPolicy withInterval(Duration interval) {
    return toBuilder().interval(interval).build();
  }

  /** The same policy with another backoff. */
  public PollPolicy withBackoff(Backoff backoff) {
    return toBuilder().backoff(backoff).build();
  }

  /** The same policy with another jitter fraction. */
  public PollPolicy withJitter(double jitter) {
    return toBuilder().jitter(jitter).build();
  }

  /** The same policy with another total wait timeout. */
  public PollPolicy withTimeout(Duration timeout) {
    return toBuilder().timeout(timeout).build();
  }

  /** The same policy without a deadline (bounded by attempts only, if at all). */
  public PollPolicy withoutTimeout() {
    return toBuilder().noTimeout().build();
  }

  /** The same policy with at most {@code attempts} attempts. */
  public PollPolicy withMaxAttempts(int attempts) {
    return toBuilder().maxAttempts(attempts).build();
  }

  /** The first wait, before jitter (the poll interval of a fixed backoff). */
  public Duration interval() {
    return backoff.first();
  }

  /**
   * The wait before attempt {@code retry + 1}: the backoff, with its jitter fraction drawn from
   * {@code random} (one draw, and none when the jitter is 0, so a seeded run replays exactly).
   *
   * @param retry 1 for the wait after the first attempt, 2 after the second, ...
   */
  public Duration delay(int retry, RandomGenerator random) {
    double full = backoff.nanos(retry);
    if (jitter == 0.0) {
      return Duration.ofNanos((long) full);
    }
    double randomized = full * (1.0 - jitter) + full * jitter * random.nextDouble();
    return Duration.ofNanos((long) randomized);
  }

  /** When a wait started at {@code start} must end, if this policy has a timeout. */
  public Optional<Instant> deadlineFrom(Instant start) {
    return timeout.map(start::plus);
  }

  /**
   * {@code wait}, cut short so that the next attempt is not after {@code deadline} (so one last
   * attempt lands on it).
   */
  public static Duration clip(Duration wait, Instant now, Instant deadline) {
    Duration remaining = Duration.between(now, deadline);
    if (remaining.isNegative()) {
      return Duration.ZERO;
    }
    return remaining.compareTo(wait) < 0 ? remaining : wait;
  }

  /**
   * Whether another attempt may follow {@code attemptsMade} attempts at {@code now}, for a wait
   * that ends at {@code deadline}.
   */
  public boolean allowsAnother(int attemptsMade, Instant now, Optional<Instant> deadline) {
    if (maxAttempts.isPresent() && attemptsMade >= maxAttempts.getAsInt()) {
      return false;
    }
    return deadline.isEmpty() || now.isBefore(deadline.get());
  }

  /** Builds a {@link PollPolicy} by name rather than by position. */
  public static final class Builder {
    private Backoff backoff;
    private double jitter;
    private Optional<Duration> timeout;
    private OptionalInt maxAttempts;

    private Builder(PollPolicy from) {
      this.backoff = from.backoff;
      this.jitter = from.jitter;
      this.timeout = from.timeout;
      this.maxAttempts = from.maxAttempts;
    }

    /** A fixed wait of {@code interval} between attempts (must be positive). */
    public Builder interval(Duration interval) {
      this.backoff = Backoff.fixed(positive(interval, "interval"));
      return this;
    }

    /** Waits of {@code base}, doubling with each retry up to {@code cap}. */
    public Builder exponential(Duration base, Duration cap) {
      this.backoff = Backoff.exponential(base, cap);
      return this;
    }

    /** Any backoff. */
    public Builder backoff(Backoff backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /** Fraction of each wait that is random, 0 to 1. */
    public Builder jitter(double jitter) {
      this.jitter = jitter;
      return this;
    }

    /** Total wait timeout from the first attempt (must be positive). */
    public Builder timeout(Duration timeout) {
      this.timeout = Optional.of(positive(timeout, "timeout"));
      return this;
    }

    /** No total wait timeout. */
    public Builder noTimeout() {
      this.timeout = Optional.empty();
      return this;
    }

    /** At most {@code attempts} attempts, the first one included. */
    public Builder maxAttempts(int attempts) {
      this.maxAttempts = OptionalInt.of(attempts);
      return this;
    }

    /** No bound on attempts (a timeout should bound the wait then). */
    public Builder unlimitedAttempts() {
      this.maxAttempts = OptionalInt.empty();
      return this;
    }

    /** The policy. */
    public PollPolicy build() {
      return new PollPolicy(backoff, jitter, timeout, maxAttempts);
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return d;
    }
  }
}
