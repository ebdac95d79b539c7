package io.flinks4j.sync.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The state machine's decisions alone: no database, no network, no clock. */
class TransitionsTest {

  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final RetrievalSettings SETTINGS = RetrievalSettings.defaults();
  private static final FailureReason HTTP_503 =
      FailureReason.category("http_503", "Authorize failed: HTTP 503");

  private final Random random = new Random(7);

  private static Retrieval requested() {
    return Transitions.requested("r1", 1, RetrievalMode.CACHED, 0, T0, SETTINGS);
  }

  private static Retrieval processing() {
    return Transitions.authorized(requested(), "req-1", T0.plusSeconds(1)).withDetailRequested(0);
  }

  @Test
  void a_new_retrieval_has_the_poll_timeout_to_end() {
    assertThat(requested().deadlineAt()).isEqualTo(T0.plus(SETTINGS.pollTimeout()));
  }

  @Test
  void a_permanent_failure_ends_the_retrieval_with_its_code() {
    var next =
        Transitions.failed(
            requested(),
            new Failure.Permanent(FailureReason.flinks("DISABLED_LOGIN", "m")),
            T0,
            SETTINGS,
            random);

    assertThat(next).isInstanceOf(Transitions.Next.End.class);
    assertThat(next.retrieval().state()).isEqualTo(RetrievalState.FAILED);
    assertThat(next.retrieval().reason()).isEqualTo("DISABLED_LOGIN");
    assertThat(next.retrieval().flinksCode()).isEqualTo("DISABLED_LOGIN");
  }

  @Test
  void transient_failures_back_off_exponentially_with_jitter_up_to_the_cap() {
    Retrieval r = requested();
    Instant now = T0;
    for (int failure = 1; failure <= 12; failure++) {
      var next =
          (Transitions.Next.Continue)
              Transitions.failed(
                  r, new Failure.Transient(HTTP_503, Optional.empty()), now, SETTINGS, random);
      Duration full = SETTINGS.retryBase().multipliedBy(1L << Math.min(failure - 1, 20));
      Duration cap = full.compareTo(SETTINGS.retryCap()) > 0 ? SETTINGS.retryCap() : full;
      Duration wait = Duration.between(now, next.at());
      if (next.at().isBefore(r.deadlineAt())) {
        assertThat(wait).as("failure %d", failure).isBetween(cap.dividedBy(2), cap);
      }
      assertThat(next.retrieval().state()).isEqualTo(RetrievalState.REQUESTED);
      assertThat(next.retrieval().reason()).isEqualTo("http_503");
      r = next.retrieval();
      now = next.at();
    }
    assertThat(r.attempts()).isEqualTo(12);
  }

  @Test
  void a_transient_failure_is_never_retried_past_the_deadline() {
    Instant late = requested().deadlineAt().minusSeconds(3);

    var next =
        (Transitions.Next.Continue)
            Transitions.failed(
                requested().toBuilder().attempts(8).build(),
                new Failure.Transient(HTTP_503, Optional.empty()),
                late,
                SETTINGS,
                random);

    assertThat(next.at()).isEqualTo(requested().deadlineAt());
    assertThat(Transitions.expired(next.retrieval(), next.at(), SETTINGS))
        .hasValueSatisfying(done -> {
          assertThat(done.state()).isEqualTo(RetrievalState.TIMED_OUT);
          assertThat(done.reason()).isEqualTo(FailureReason.DEADLINE);
          assertThat(done.reasonMessage()).contains("last failure: http_503");
        });
  }

  @Test
  void a_longer_retry_after_wins_over_the_backoff() {
    var next =
        (Transitions.Next.Continue)
            Transitions.failed(
                requested(),
                new Failure.Transient(
                    FailureReason.flinks("TOO_MANY_REQUESTS", "m"),
                    Optional.of(Duration.ofMinutes(2))),
                T0,
                SETTINGS,
                random);

    assertThat(next.at()).isEqualTo(T0.plus(Duration.ofMinutes(2)));
  }

  @Test
  void a_failed_data_call_is_not_repeated_sooner_than_the_poll_interval() {
    var next =
        (Transitions.Next.Continue)
            Transitions.failed(
                processing(),
                new Failure.Transient(HTTP_503, Optional.empty()),
                T0.plusSeconds(2),
                new RetrievalSettings(
                    Duration.ofSeconds(10),
                    Duration.ofMinutes(30),
                    Duration.ofMinutes(8),
                    Duration.ofSeconds(1),
                    Duration.ofMinutes(5),
                    Duration.ofMinutes(2),
                    SETTINGS.recoveryDelays(),
                    SETTINGS.webhookFallbackPolls()),
                random);

    assertThat(next.at()).isEqualTo(T0.plusSeconds(12));
  }

  @Test
  void a_lost_session_opens_a_new_one_at_once_the_first_time() {
    var next =
        (Transitions.Next.Continue)
            Transitions.failed(
                processing(),
                new Failure.SessionLost(FailureReason.flinks("SESSION_EXPIRED", "m")),
                T0.plusSeconds(5),
                SETTINGS,
                random);

    assertThat(next.at()).isEqualTo(T0.plusSeconds(5));
    assertThat(next.retrieval().state()).isEqualTo(RetrievalState.AUTHORIZING);
    assertThat(next.retrieval().requestId()).isNull();
  }

  @Test
  void an_answer_from_flinks_resets_the_backoff() {
    Retrieval failing = processing().toBuilder().attempts(4).build();

    var next =
        (Transitions.Next.Continue)
            Transitions.pending(failing, T0.plusSeconds(60), SETTINGS, random);

    assertThat(next.retrieval().attempts()).isZero();
    assertThat(next.at()).isEqualTo(T0.plusSeconds(60).plus(SETTINGS.pollInterval()));
  }

  @Test
  void an_unanswered_mfa_times_out_as_mfa_timeout() {
    Retrieval waiting = Transitions.mfaRequired(requested(), "req-1", List.of(), T0, SETTINGS);

    assertThat(Transitions.expired(waiting, T0.plus(SETTINGS.mfaTimeout()), SETTINGS))
        .hasValueSatisfying(done -> assertThat(done.reason()).isEqualTo(FailureReason.MFA_TIMEOUT));
    assertThat(
            Transitions.expired(waiting, T0.plus(SETTINGS.mfaTimeout()).minusMillis(1), SETTINGS))
        .isEmpty();
  }
}
