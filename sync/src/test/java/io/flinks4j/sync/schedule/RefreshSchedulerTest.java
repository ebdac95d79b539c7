package io.flinks4j.sync.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RefreshSchedulerTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final Duration PERIOD = Duration.ofHours(24);

  @Test
  void logins_registered_together_fall_due_spread_over_the_whole_period() {
    int buckets = 24;
    long[] perHour = new long[buckets];
    LongStream.rangeClosed(1, 2_400)
        .forEach(loginRef -> {
          Instant due = RefreshScheduler.firstDue(loginRef, PERIOD, NOW);
          perHour[(int) Duration.between(NOW, due).toHours()]++;
        });

    // 100 per hour on average; consecutive ids must not bunch up in a few hours.
    assertThat(java.util.Arrays.stream(perHour).boxed().toList())
        .allSatisfy(count -> assertThat(count).isBetween(70L, 130L));
  }

  @Test
  void a_login_first_falls_due_within_one_period_and_keeps_its_phase() {
    Instant first = RefreshScheduler.firstDue(42, PERIOD, NOW);

    assertThat(first).isBetween(NOW, NOW.plus(PERIOD));
    assertThat(RefreshScheduler.firstDue(42, PERIOD, NOW)).isEqualTo(first);
  }

  @Test
  void the_next_turn_after_missed_periods_stays_on_the_same_phase() {
    Instant due = NOW.minus(Duration.ofHours(50)); // two periods and two hours late

    Instant next = RefreshScheduler.following(due, PERIOD, NOW);

    assertThat(next).isAfter(NOW).isEqualTo(due.plus(PERIOD.multipliedBy(3)));
  }

  @Test
  void a_turn_still_ahead_is_left_alone_and_a_disabled_period_has_no_turn() {
    Instant ahead = NOW.plusSeconds(60);

    assertThat(RefreshScheduler.following(ahead, PERIOD, NOW)).isEqualTo(ahead);
    assertThat(RefreshScheduler.firstDue(42, Duration.ZERO, NOW)).isNull();
  }
}
