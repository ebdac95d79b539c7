package io.flinks4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SandboxClockTest {

  private final Clock fixed = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  private final SandboxClock clock = new SandboxClock(fixed);

  @Test
  void advancing_moves_time_forward_by_exactly_that_much() {
    clock.advance(Duration.ofMinutes(30));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-25T12:30:00Z"));
    assertThat(clock.offset()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void time_never_moves_backwards() {
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void listeners_hear_every_advance() {
    int[] calls = {0};
    clock.onAdvance(() -> calls[0]++);
    clock.advance(Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    assertThat(calls[0]).isEqualTo(2);
  }

  @Test
  void a_zoned_view_follows_the_sandbox_time() {
    Clock montreal = clock.withZone(ZoneId.of("America/Montreal"));
    clock.advance(Duration.ofHours(2));
    assertThat(montreal.instant()).isEqualTo(clock.instant());
    assertThat(montreal.getZone()).isEqualTo(ZoneId.of("America/Montreal"));
  }
}
