package io.flinks4j.sync.retrieval;

import io.flinks4j.client.polling.PollPolicy;
import java.time.Duration;
import java.util.List;

/**
 * How retrievals are paced; every default is the documented Flinks value or a production-safe one.
 *
 * @param pollInterval wait between two Async polls (Flinks: 10 s); also the least wait before a
 *     failed poll is repeated, so Flinks never sees two data calls of a session closer than this
 * @param pollTimeout how long a retrieval may take, transient failures and polling included
 *     (Flinks: 30 min)
 * @param mfaTimeout an unanswered MFA expires after this long (the RequestId idles out after 8 min)
 * @param retryBase first backoff after a transient failure; doubles with each failure in a row,
 *     with jitter
 * @param retryCap longest backoff between two attempts ({@code Retry-After} may ask for more, up to
 *     the deadline)
 * @param answerGrace how long an MFA answer call may be in flight before the engine assumes it was
 *     lost
 * @param recoveryDelays after a retrieval ran out of time on transient failures (an outage), when
 *     the login is tried again on its own: the first delay after the first such ending, and so on;
 *     afterwards only the regular refresh schedule
 * @param webhookFallbackPolls empty: poll every {@code pollInterval} (webhooks only complete a
 *     retrieval sooner). Otherwise webhooks are primary: a live retrieval that got 202 waits for
 *     Flinks's webhook and polls only at these offsets from its first 202 (and once more just
 *     before its deadline), so a lost webhook still completes it. Cached reads always poll: Flinks
 *     sends webhooks only when an aggregation completes.
 */
public record RetrievalSettings(
    Duration pollInterval,
    Duration pollTimeout,
    Duration mfaTimeout,
    Duration retryBase,
    Duration retryCap,
    Duration answerGrace,
    List<Duration> recoveryDelays,
    List<Duration> webhookFallbackPolls) {

  public RetrievalSettings {
    recoveryDelays = List.copyOf(recoveryDelays);
    webhookFallbackPolls = webhookFallbackPolls.stream().sorted().toList();
    for (Duration d : List.of(pollInterval, pollTimeout, mfaTimeout, retryBase, retryCap)) {
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException("retrieval durations must be positive");
      }
    }
    if (retryCap.compareTo(retryBase) < 0) {
      throw new IllegalArgumentException("retryCap must not be shorter than retryBase");
    }
  }

  /**
   * The documented Flinks pacing, polling (webhooks not primary); retries from 10 s up to 5 min;
   * recovery after 5 min, 15 min and 1 h.
   */
  public static RetrievalSettings defaults() {
    return RetrievalSettings.builder()
        .pollInterval(PollPolicy.defaults().interval())
        .pollTimeout(PollPolicy.defaults().timeout().orElseThrow())
        .mfaTimeout(Duration.ofMinutes(8))
        .retryBase(Duration.ofSeconds(10))
        .retryCap(Duration.ofMinutes(5))
        .answerGrace(Duration.ofMinutes(2))
        .recoveryDelays(List.of(Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)))
        .webhookFallbackPolls(List.of())
        .build();
  }

  /** The poll schedule after a 202: every {@code pollInterval}, no jitter, within the timeout. */
  public PollPolicy polls() {
    return PollPolicy.defaults().withInterval(pollInterval).withTimeout(pollTimeout);
  }

  /**
   * The backoff after transient failures: {@code retryBase} doubling up to {@code retryCap}, half
   * jitter, within the timeout.
   */
  public PollPolicy retries() {
    return PollPolicy.builder()
        .exponential(retryBase, retryCap)
        .jitter(0.5)
        .timeout(pollTimeout)
        .build();
  }

  /** Whether live retrievals wait for webhooks rather than polling every interval. */
  public boolean webhooksPrimary() {
    return !webhookFallbackPolls.isEmpty();
  }

  /** A builder with every field unset (null, or the type's zero). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sets the fields of a {@link RetrievalSettings} by name, so two of the same type cannot be
   * swapped.
   */
  public static final class Builder {
    private Duration pollInterval;
    private Duration pollTimeout;
    private Duration mfaTimeout;
    private Duration retryBase;
    private Duration retryCap;
    private Duration answerGrace;
    private List<Duration> recoveryDelays;
    private List<Duration> webhookFallbackPolls;

    private Builder() {}

    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
      return this;
    }

    public Builder pollTimeout(Duration pollTimeout) {
      this.pollTimeout = pollTimeout;
      return this;
    }

    public Builder mfaTimeout(Duration mfaTimeout) {
      this.mfaTimeout = mfaTimeout;
      return this;
    }

    public Builder retryBase(Duration retryBase) {
      this.retryBase = retryBase;
      return this;
    }

    public Builder retryCap(Duration retryCap) {
      this.retryCap = retryCap;
      return this;
    }

    public Builder answerGrace(Duration answerGrace) {
      this.answerGrace = answerGrace;
      return this;
    }

    public Builder recoveryDelays(List<Duration> recoveryDelays) {
      this.recoveryDelays = recoveryDelays;
      return this;
    }

    public Builder webhookFallbackPolls(List<Duration> webhookFallbackPolls) {
      this.webhookFallbackPolls = webhookFallbackPolls;
      return this;
    }

    public RetrievalSettings build() {
      return new RetrievalSettings(
          pollInterval,
          pollTimeout,
          mfaTimeout,
          retryBase,
          retryCap,
          answerGrace,
          recoveryDelays,
          webhookFallbackPolls);
    }
  }
}
