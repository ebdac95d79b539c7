package io.flinks4j.sync.retrieval;

import io.flinks4j.client.polling.PollPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Every decision of the retrieval state machine, as pure functions: a retrieval, what Flinks
 * answered (or how the call failed) and the time go in; the next value of the retrieval and when to
 * step again come out. The engine persists what these return and makes the calls; nothing here
 * touches the database, the network or a clock.
 *
 * <pre>
 *  requested ──▶ authorizing ──/Authorize 200──▶ processing ──200──▶ ready
 *                  │   ▲  └──203──▶ mfa_required ──answers──┘ │ ▲ └──202──┘ (poll after the interval)
 *                  │   └──────── session lost ───────────────┘ │
 *                  └── transient failure: same state, backoff ─┘   permanent failure ──▶ failed (reason)
 *  any non-terminal state at its deadline ──▶ timed_out (deadline, or mfa_timeout)
 * </pre>
 */
final class Transitions {

  private Transitions() {}

  /** What to do after a decision. */
  sealed interface Next {
    Retrieval retrieval();

    /** Persist {@code retrieval} and step again at {@code at} (never after its deadline). */
    record Continue(Retrieval retrieval, Instant at) implements Next {}

    /** Persist the terminal {@code retrieval} and report it. */
    record End(Retrieval retrieval) implements Next {}
  }

  /** A new retrieval of a login: it has {@code pollTimeout} to end with data. */
  static Retrieval requested(
      String id,
      long loginRef,
      RetrievalMode mode,
      int recoveryRound,
      Instant now,
      RetrievalSettings settings) {
    return Retrieval.builder(id, loginRef, mode, now)
        .recoveryRound(recoveryRound)
        .deadlineAt(now.plus(settings.pollTimeout()))
        .build();
  }

  /**
   * When {@code r} gives up; rows written before deadlines covered every state get one from their
   * last change.
   */
  static Instant deadlineOf(Retrieval r, RetrievalSettings settings) {
    return r.deadlineAt() != null ? r.deadlineAt() : r.updatedAt().plus(settings.pollTimeout());
  }

  /** The timed-out retrieval, when {@code r} has reached its deadline. */
  static Optional<Retrieval> expired(Retrieval r, Instant now, RetrievalSettings settings) {
    if (now.isBefore(deadlineOf(r, settings))) {
      return Optional.empty();
    }
    FailureReason reason =
        r.state() == RetrievalState.MFA_REQUIRED
            ? FailureReason.category(
                FailureReason.MFA_TIMEOUT,
                "the security questions were not answered within " + spoken(settings.mfaTimeout()))
            : FailureReason.category(
                FailureReason.DEADLINE,
                "no data within "
                    + spoken(settings.pollTimeout())
                    + (r.reason() == null
                        ? " (Flinks was still processing)"
                        : "; last failure: "
                            + r.reason()
                            + (r.reasonMessage() == null ? "" : " (" + r.reasonMessage() + ")")));
    return Optional.of(
        r.withState(RetrievalState.TIMED_OUT, now)
            .withFailure(reason, r.attempts())
            .withMfa(List.of()));
  }

  /** {@code 30 min}, {@code 5 s}: as the message reader thinks of the setting. */
  private static String spoken(Duration d) {
    return d.toSeconds() % 60 == 0 && d.toMinutes() > 0
        ? d.toMinutes() + " min"
        : d.toSeconds() + " s";
  }

  /** {@code /Authorize} opened a session: ask for the data. */
  static Retrieval authorized(Retrieval r, String requestId, Instant now) {
    return r.withState(RetrievalState.PROCESSING, now)
        .withSession(requestId, r.sessions())
        .withMfa(List.of())
        .withAnswer();
  }

  /** {@code /Authorize} answered 203: wait for answers until the MFA timeout. */
  static Retrieval mfaRequired(
      Retrieval r,
      String requestId,
      List<MfaChallenge> challenges,
      Instant now,
      RetrievalSettings settings) {
    return r.withState(RetrievalState.MFA_REQUIRED, now)
        .withSession(requestId, r.sessions())
        .withMfa(challenges)
        .withDeadline(now.plus(settings.mfaTimeout()))
        .withAnswer();
  }

  /** Answers were accepted for sending: the retrieval has a full poll timeout again from here. */
  static Retrieval answering(Retrieval r, Instant now, RetrievalSettings settings) {
    return r.withState(RetrievalState.AUTHORIZING, now)
        .withDeadline(now.plus(settings.pollTimeout()));
  }

  /**
   * Flinks answered 202: poll again after the interval; or, when webhooks are primary and this is a
   * live aggregation (whose end Flinks reports by webhook), at the next fallback offset from the
   * first 202.
   */
  static Next pending(
      Retrieval r, Instant now, RetrievalSettings settings, RandomGenerator random) {
    Retrieval polled =
        r.withDetailRequested(r.detailRequested() ? r.polls() + 1 : r.polls()).withAnswer();
    PollPolicy polls = settings.polls();
    Instant next = now.plus(polls.delay(polled.polls() + 1, random));
    if (settings.webhooksPrimary() && r.mode() == RetrievalMode.LIVE) {
      Instant processingSince = r.updatedAt(); // the state last changed when the session opened
      Instant lastChance = deadlineOf(r, settings).minus(polls.interval());
      Instant fallback =
          settings.webhookFallbackPolls().stream()
              .map(processingSince::plus)
              .filter(at -> at.isAfter(now))
              .findFirst()
              .orElse(lastChance);
      next = fallback.isAfter(next) ? fallback : next;
    }
    return atOrBeforeDeadline(polled, next, settings);
  }

  /**
   * A Flinks call failed. A permanent failure ends the retrieval with its reason; a lost session
   * opens a new one; a transient failure is repeated after a jittered exponential backoff ({@code
   * Retry-After} wins when longer), never sooner than the poll interval for a data call, until the
   * deadline.
   */
  static Next failed(
      Retrieval r,
      Failure failure,
      Instant now,
      RetrievalSettings settings,
      RandomGenerator random) {
    int attempts = r.attempts() + 1;
    return switch (failure) {
      case Failure.Permanent permanent ->
          new Next.End(
              r.withState(RetrievalState.FAILED, now)
                  .withFailure(permanent.reason(), attempts)
                  .withMfa(List.of()));
      case Failure.SessionLost lost -> {
        Retrieval restart =
            r.withState(RetrievalState.AUTHORIZING, now)
                .withSession(null, r.sessions())
                .withFailure(lost.reason(), attempts);
        // The first loss is normal (a RequestId idles out); a new session at once. Repeated losses
        // back off.
        Duration wait =
            attempts == 1
                ? Duration.ZERO
                : backoff(attempts - 1, Optional.empty(), settings, random);
        yield atOrBeforeDeadline(restart, now.plus(wait), settings);
      }
      case Failure.Transient transientFailure -> {
        Retrieval retry = r.withFailure(transientFailure.reason(), attempts);
        Duration wait = backoff(attempts, transientFailure.retryAfter(), settings, random);
        Duration pollInterval = settings.polls().interval();
        if (r.state() == RetrievalState.PROCESSING && wait.compareTo(pollInterval) < 0) {
          wait = pollInterval; // a failed data call still counts as one for Flinks's pacing
        }
        yield atOrBeforeDeadline(retry, now.plus(wait), settings);
      }
    };
  }

  private static Duration backoff(
      int attempt,
      Optional<Duration> retryAfter,
      RetrievalSettings settings,
      RandomGenerator random) {
    Duration backoff = settings.retries().delay(attempt, random);
    return retryAfter.filter(asked -> asked.compareTo(backoff) > 0).orElse(backoff);
  }

  private static Next atOrBeforeDeadline(Retrieval r, Instant at, RetrievalSettings settings) {
    Instant deadline = deadlineOf(r, settings);
    return new Next.Continue(r, at.isAfter(deadline) ? deadline : at);
  }
}
