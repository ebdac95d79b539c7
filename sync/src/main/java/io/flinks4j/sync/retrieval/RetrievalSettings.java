package io.flinks4j.sync.retrieval;

import io.flinks4j.client.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How retrievals are paced; every default is the documented Flinks value or a production-safe one.
 *
 * @param pollInterval wait between two Async polls (Flinks: 10 s); also the least wait before a failed poll is
 *     repeated, so Flinks never sees two data calls of a session closer than this
 * @param pollTimeout how long a retrieval may take, transient failures and polling included (Flinks: 30 min)
 * @param mfaTimeout an unanswered MFA expires after this long (the RequestId idles out after 8 min)
 * @param retryBase first backoff after a transient failure; doubles with each failure in a row, with jitter
 * @param retryCap longest backoff between two attempts ({@code Retry-After} may ask for more, up to the deadline)
 * @param answerGrace how long an MFA answer call may be in flight before the engine assumes it was lost
 * @param recoveryDelays after a retrieval ran out of time on transient failures (an outage), when the login is
 *     tried again on its own: the first delay after the first such ending, and so on; afterwards only the regular
 *     refresh schedule
 */
public record RetrievalSettings(
    Duration pollInterval,
    Duration pollTimeout,
    Duration mfaTimeout,
    Duration retryBase,
    Duration retryCap,
    Duration answerGrace,
    List<Duration> recoveryDelays) {

  public RetrievalSettings {
    Objects.requireNonNull(recoveryDelays, "recoveryDelays");
    recoveryDelays = List.copyOf(recoveryDelays);
    for (Duration d : List.of(pollInterval, pollTimeout, mfaTimeout, retryBase, retryCap)) {
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException("retrieval durations must be positive");
      }
    }
    if (retryCap.compareTo(retryBase) < 0) {
      throw new IllegalArgumentException("retryCap must not be shorter than retryBase");
    }
  }

  /** The documented Flinks pacing; retries from 10 s up to 5 min; recovery after 5 min, 15 min and 1 h. */
  public static RetrievalSettings defaults() {
    return new RetrievalSettings(Duration.ofSeconds(10), Duration.ofMinutes(30), Duration.ofMinutes(8),
        Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(2),
        List.of(Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)));
  }

  /** The backoff between attempts, as the client's one retry policy computes it (half jitter). */
  RetryPolicy backoff() {
    return RetryPolicy.defaults().withBackoff(retryBase, retryCap).withJitter(0.5);
  }

  /** The same settings with another poll interval (tests use milliseconds). */
  public RetrievalSettings withPollInterval(Duration interval) {
    return new RetrievalSettings(interval, pollTimeout, mfaTimeout, retryBase, retryCap, answerGrace,
        recoveryDelays);
  }

  /** The same settings with another poll timeout (the retrieval's deadline). */
  public RetrievalSettings withPollTimeout(Duration timeout) {
    return new RetrievalSettings(pollInterval, timeout, mfaTimeout, retryBase, retryCap, answerGrace,
        recoveryDelays);
  }

  /** The same settings with another MFA timeout. */
  public RetrievalSettings withMfaTimeout(Duration timeout) {
    return new RetrievalSettings(pollInterval, pollTimeout, timeout, retryBase, retryCap, answerGrace,
        recoveryDelays);
  }

  /** The same settings with another backoff. */
  public RetrievalSettings withRetries(Duration base, Duration cap) {
    return new RetrievalSettings(pollInterval, pollTimeout, mfaTimeout, base, cap, answerGrace, recoveryDelays);
  }

  /** The same settings with another recovery schedule (empty: none). */
  public RetrievalSettings withRecoveryDelays(List<Duration> delays) {
    return new RetrievalSettings(pollInterval, pollTimeout, mfaTimeout, retryBase, retryCap, answerGrace, delays);
  }
}
