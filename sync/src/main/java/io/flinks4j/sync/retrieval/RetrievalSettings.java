package io.flinks4j.sync.retrieval;

import java.time.Duration;

/**
 * How retrievals are paced; every default is the documented Flinks value.
 *
 * @param pollInterval wait between two Async polls (Flinks: 10 s)
 * @param pollTimeout give up polling a session after this long (Flinks: 30 min)
 * @param mfaTimeout an unanswered MFA expires after this long (the RequestId idles out after 8 min)
 * @param maxAttempts retryable failures (RETRY_LATER, TOO_MANY_REQUESTS, network, 5xx) before failing
 * @param retryBase first retry delay, doubled at each further attempt
 * @param maxSessions sessions a retrieval may open (an expired RequestId opens a new one)
 * @param answerGrace how long an MFA answer call may be in flight before the engine assumes it was lost
 */
public record RetrievalSettings(
    Duration pollInterval,
    Duration pollTimeout,
    Duration mfaTimeout,
    int maxAttempts,
    Duration retryBase,
    int maxSessions,
    Duration answerGrace) {

  public RetrievalSettings {
    if (pollInterval.isZero() || pollInterval.isNegative()) {
      throw new IllegalArgumentException("pollInterval must be positive");
    }
    if (maxAttempts < 1 || maxSessions < 1) {
      throw new IllegalArgumentException("maxAttempts and maxSessions must be positive");
    }
  }

  /** The documented Flinks pacing. */
  public static RetrievalSettings defaults() {
    return new RetrievalSettings(Duration.ofSeconds(10), Duration.ofMinutes(30), Duration.ofMinutes(8), 5,
        Duration.ofSeconds(10), 3, Duration.ofMinutes(2));
  }

  /** The same settings with another poll interval (tests use milliseconds). */
  public RetrievalSettings withPollInterval(Duration interval) {
    return new RetrievalSettings(interval, pollTimeout, mfaTimeout, maxAttempts, retryBase, maxSessions,
        answerGrace);
  }

  /** The same settings with another poll timeout. */
  public RetrievalSettings withPollTimeout(Duration timeout) {
    return new RetrievalSettings(pollInterval, timeout, mfaTimeout, maxAttempts, retryBase, maxSessions,
        answerGrace);
  }

  /** The same settings with another MFA timeout. */
  public RetrievalSettings withMfaTimeout(Duration timeout) {
    return new RetrievalSettings(pollInterval, pollTimeout, timeout, maxAttempts, retryBase, maxSessions,
        answerGrace);
  }

  /** The same settings with another retry policy. */
  public RetrievalSettings withRetries(int attempts, Duration base) {
    return new RetrievalSettings(pollInterval, pollTimeout, mfaTimeout, attempts, base, maxSessions, answerGrace);
  }
}
