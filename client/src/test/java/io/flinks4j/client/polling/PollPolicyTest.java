package io.flinks4j.client.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinks4j.client.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class PollPolicyTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  /** Draws fail the test: a policy without jitter must not consume randomness. */
  private static final RandomGenerator NO_DRAWS =
      () -> {
        throw new AssertionError("drew a random number");
      };

  @Test
  void defaults_are_the_documented_flinks_polling() {
    PollPolicy defaults = PollPolicy.defaults();

    assertThat(defaults.backoff()).isEqualTo(Backoff.fixed(Duration.ofSeconds(10)));
    assertThat(defaults.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.timeout()).contains(Duration.ofMinutes(30));
    assertThat(defaults.jitter()).isZero();
    assertThat(defaults.maxAttempts()).isEmpty();
  }

  @Test
  void a_fixed_interval_without_jitter_waits_exactly_and_draws_nothing() {
    PollPolicy policy = PollPolicy.defaults().withInterval(Duration.ofSeconds(3));

    for (int retry = 1; retry <= 5; retry++) {
      assertThat(policy.delay(retry, NO_DRAWS)).isEqualTo(Duration.ofSeconds(3));
    }
  }

  @Test
  void exponential_backoff_doubles_up_to_the_cap() {
    PollPolicy policy =
        PollPolicy.builder().exponential(Duration.ofSeconds(5), Duration.ofMinutes(1)).build();

    assertThat(
            java.util.stream.IntStream.rangeClosed(1, 7)
                .mapToObj(retry -> policy.delay(retry, NO_DRAWS).toSeconds()))
        .containsExactly(5L, 10L, 20L, 40L, 60L, 60L, 60L);
    assertThat(policy.delay(10_000, NO_DRAWS)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void half_jitter_stays_between_half_and_the_full_wait() {
    PollPolicy policy =
        PollPolicy.builder()
            .exponential(Duration.ofSeconds(10), Duration.ofMinutes(5))
            .jitter(0.5)
            .build();
    Random random = new Random(42);

    for (int retry = 1; retry <= 12; retry++) {
      Duration full = Duration.ofNanos((long) policy.backoff().nanos(retry));
      for (int draw = 0; draw < 200; draw++) {
        assertThat(policy.delay(retry, random)).isBetween(full.dividedBy(2), full);
      }
    }
  }

  @Test
  void full_jitter_never_exceeds_the_cap() {
    PollPolicy policy =
        PollPolicy.builder()
            .exponential(Duration.ofSeconds(1), Duration.ofSeconds(8))
            .jitter(1.0)
            .build();
    Random random = new Random(1);

    for (int draw = 0; draw < 500; draw++) {
      assertThat(policy.delay(20, random)).isBetween(Duration.ZERO, Duration.ofSeconds(8));
    }
  }

  @Test
  void the_same_seed_gives_the_same_jittered_schedule() {
    PollPolicy policy =
        PollPolicy.builder()
            .exponential(Duration.ofSeconds(10), Duration.ofMinutes(5))
            .jitter(0.5)
            .build();
    Random a = new Random(7);
    Random b = new Random(7);

    for (int retry = 1; retry <= 10; retry++) {
      assertThat(policy.delay(retry, a)).isEqualTo(policy.delay(retry, b));
    }
  }

  @Test
  void the_deadline_clips_the_last_wait_so_one_attempt_lands_on_it() {
    Instant deadline = PollPolicy.defaults().deadlineFrom(T0).orElseThrow();
    Instant now = deadline.minusSeconds(4);

    assertThat(deadline).isEqualTo(T0.plus(Duration.ofMinutes(30)));
    assertThat(PollPolicy.clip(Duration.ofSeconds(10), now, deadline))
        .isEqualTo(Duration.ofSeconds(4));
    assertThat(PollPolicy.clip(Duration.ofSeconds(3), now, deadline))
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(PollPolicy.clip(Duration.ofSeconds(3), deadline.plusSeconds(1), deadline)).isZero();
  }

  @Test
  void no_attempt_follows_the_deadline_or_the_attempt_bound() {
    PollPolicy policy = PollPolicy.defaults().withMaxAttempts(3);
    Optional<Instant> deadline = policy.deadlineFrom(T0);

    assertThat(policy.allowsAnother(2, T0, deadline)).isTrue();
    assertThat(policy.allowsAnother(3, T0, deadline)).isFalse();
    assertThat(policy.allowsAnother(1, deadline.orElseThrow(), deadline)).isFalse();
    assertThat(
            policy.withoutTimeout().allowsAnother(2, T0.plus(Duration.ofDays(9)), Optional.empty()))
        .isTrue();
  }

  @Test
  void withers_change_one_setting_only() {
    PollPolicy base = PollPolicy.defaults();

    PollPolicy changed = base.withTimeout(Duration.ofMinutes(5)).withJitter(0.25);

    assertThat(changed.backoff()).isEqualTo(base.backoff());
    assertThat(changed.timeout()).contains(Duration.ofMinutes(5));
    assertThat(changed.jitter()).isEqualTo(0.25);
    assertThat(changed.toBuilder().build()).isEqualTo(changed);
  }

  @Test
  void invalid_settings_are_refused() {
    assertThatThrownBy(() -> PollPolicy.defaults().withJitter(1.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PollPolicy.defaults().withMaxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PollPolicy.defaults().withInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PollPolicy.defaults().withTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_http_retry_policy_computes_its_backoff_through_the_poll_policy() {
    RetryPolicy retries = RetryPolicy.defaults();
    Random a = new Random(3);
    Random b = new Random(3);

    for (int retry = 1; retry <= 8; retry++) {
      assertThat(retries.delayBeforeRetry(retry, Optional.empty(), a))
          .contains(retries.schedule().delay(retry, b));
    }
    assertThat(retries.schedule().maxAttempts()).hasValue(retries.maxAttempts());
    assertThat(retries.schedule().jitter()).isEqualTo(retries.jitter());
  }
}
