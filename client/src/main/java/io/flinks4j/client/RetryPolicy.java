package io.flinks4j.client;

import io.flinks4j.client.error.FlinksException;
import io.flinks4j.client.error.FlinksTransportException;
import io.flinks4j.client.error.RateLimitedException;
import io.flinks4j.client.error.TemporarilyUnavailableException;
import io.flinks4j.client.polling.Backoff;
import io.flinks4j.client.polling.PollPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The one place that decides which failed calls are repeated and how long to wait: network errors,
 * 5xx, {@code TOO_MANY_REQUESTS} and {@code RETRY_LATER}, with exponential backoff and jitter,
 * {@code Retry-After} honoured, and a bounded number of attempts.
 *
 * @param maxAttempts total attempts per logical call, first one included (1 = no retries)
 * @param initialDelay backoff before the first retry (before jitter)
 * @param maxDelay ceiling of the exponential backoff
 * @param multiplier growth factor of the backoff per retry
 * @param jitter fraction of each backoff that is randomised (0 = none, 0.5 = between half and full
 *     delay)
 * @param maxRetryAfter longest {@code Retry-After} the client agrees to wait; longer ones fail
 *     instead
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialDelay,
    Duration maxDelay,
    double multiplier,
    double jitter,
    Duration maxRetryAfter) {

  private static final RetryPolicy DEFAULTS =
      new RetryPolicy(
          4, Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, 0.5, Duration.ofMinutes(5));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (initialDelay.isNegative() || maxDelay.isNegative() || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative");
    }
    if (multiplier < 1.0) {
      throw new IllegalArgumentException("multiplier must be at least 1");
    }
    if (jitter < 0.0 || jitter > 1.0) {
      throw new IllegalArgumentException("jitter must be between 0 and 1");
    }
  }

  /** 4 attempts, 0.5 s doubling up to 30 s, half jitter, {@code Retry-After} up to 5 minutes. */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** One attempt only. */
  public static RetryPolicy none() {
    return DEFAULTS.withMaxAttempts(1);
  }

  /** The same policy with another attempt bound. */
  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, initialDelay, maxDelay, multiplier, jitter, maxRetryAfter);
  }

  /** The same policy with other backoff bounds. */
  public RetryPolicy withBackoff(Duration initial, Duration max) {
    return new RetryPolicy(maxAttempts, initial, max, multiplier, jitter, maxRetryAfter);
  }

  /** The same policy with another jitter fraction (0 makes delays deterministic). */
  public RetryPolicy withJitter(double fraction) {
    return new RetryPolicy(
        maxAttempts, initialDelay, maxDelay, multiplier, fraction, maxRetryAfter);
  }

  /**
   * Whether this failure is one the client repeats by itself: network failures, 5xx, {@code
   * TOO_MANY_REQUESTS}, {@code RETRY_LATER}. Other "retryable" codes (e.g. {@code CARD_IN_USE})
   * need minutes, not seconds, and are left to the caller.
   */
  public boolean retries(FlinksException failure) {
    return switch (failure) {
      case FlinksTransportException transport -> true;
      case RateLimitedException limited -> true;
      case TemporarilyUnavailableException unavailable ->
          unavailable.httpStatus() >= 500
              || unavailable.flinksCode().map(FlinksCode.RETRY_LATER::equals).orElse(false);
      default -> false;
    };
  }

  /**
   * How long to wait before retry number {@code retry} (1 = first retry).
   *
   * @param retryAfter the server's {@code Retry-After}, which wins over the backoff when present
   * @param random source of jitter
   * @return the delay, or empty when the server asks for more than {@link #maxRetryAfter()}
   */
  public Optional<Duration> delayBeforeRetry(
      int retry, Optional<Duration> retryAfter, RandomGenerator random) {
    if (retryAfter.isPresent()) {
      Duration asked = retryAfter.get().isNegative() ? Duration.ZERO : retryAfter.get();
      return asked.compareTo(maxRetryAfter) > 0 ? Optional.empty() : Optional.of(asked);
    }
    return Optional.of(schedule().delay(retry, random));
  }

  /**
   * This policy's backoff as the one {@link PollPolicy}: exponential from {@link #initialDelay()}
   * by {@link #multiplier()} up to {@link #maxDelay()}, with {@link #jitter()}, {@link
   * #maxAttempts()} attempts.
   */
  public PollPolicy schedule() {
    return PollPolicy.builder()
        .backoff(new Backoff.Exponential(initialDelay, maxDelay, multiplier))
        .jitter(jitter)
        .noTimeout()
        .maxAttempts(maxAttempts)
        .build();
  }
}
