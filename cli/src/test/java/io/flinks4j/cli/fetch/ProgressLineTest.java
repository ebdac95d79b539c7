package io.flinks4j.cli.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.client.DetailResponse;
import io.flinks4j.client.FlinksCode;
import io.flinks4j.client.PollAttempt;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final AtomicLong nanos = new AtomicLong();

  private ProgressLine line(boolean terminal, Duration interval, Duration timeout) {
    return new ProgressLine(
        new PrintStream(bytes, true, StandardCharsets.UTF_8),
        terminal,
        interval,
        timeout,
        nanos::get,
        false);
  }

  private static PollAttempt pending(int number, Duration elapsed) {
    return new PollAttempt(
        number,
        elapsed,
        new DetailResponse.Pending("request", FlinksCode.OPERATION_PENDING, Optional.empty()));
  }

  private String lastDrawn() {
    String text = bytes.toString(StandardCharsets.UTF_8);
    return text.substring(text.lastIndexOf('\r') + 1).strip();
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void each_tick_redraws_the_elapsed_time_and_the_countdown_to_the_next_poll() {
    ProgressLine progress = line(true, Duration.ofSeconds(10), Duration.ofMinutes(30));
    progress.onAttempt(pending(1, Duration.ofMillis(8)));
    assertThat(lastDrawn())
        .isEqualTo(
            "Waiting for Flinks: 8ms elapsed, attempt 1, OPERATION_PENDING, " + "next poll in 10s");

    advance(Duration.ofSeconds(3));
    progress.tick();

    assertThat(lastDrawn())
        .isEqualTo(
            "Waiting for Flinks: 3.0s elapsed, attempt 1, OPERATION_PENDING, " + "next poll in 7s");
  }

  @Test
  void the_countdown_says_polling_now_once_the_interval_is_over() {
    ProgressLine progress = line(true, Duration.ofSeconds(2), Duration.ofMinutes(30));
    progress.onAttempt(pending(2, Duration.ofSeconds(10)));

    advance(Duration.ofSeconds(2));
    progress.tick();

    assertThat(lastDrawn())
        .isEqualTo("Waiting for Flinks: 12.0s elapsed, attempt 2, OPERATION_PENDING, polling now");
  }

  @Test
  void the_countdown_is_shorter_when_the_poll_timeout_comes_first() {
    ProgressLine progress = line(true, Duration.ofSeconds(10), Duration.ofSeconds(14));
    progress.onAttempt(pending(2, Duration.ofSeconds(10)));

    assertThat(lastDrawn()).endsWith("next poll in 4s");
  }

  @Test
  void nothing_is_drawn_without_a_terminal() {
    ProgressLine progress = line(false, Duration.ofSeconds(10), Duration.ofMinutes(30));
    progress.onAttempt(pending(1, Duration.ofMillis(8)));
    advance(Duration.ofSeconds(1));
    progress.tick();
    progress.end();

    assertThat(bytes.size()).isZero();
  }

  @Test
  void after_the_line_ends_ticks_draw_nothing() {
    ProgressLine progress = line(true, Duration.ofSeconds(10), Duration.ofMinutes(30));
    progress.onAttempt(pending(1, Duration.ofMillis(8)));
    progress.end();
    int size = bytes.size();

    advance(Duration.ofSeconds(1));
    progress.tick();

    assertThat(bytes.size()).isEqualTo(size);
  }

  @Test
  void the_countdown_rounds_up_to_whole_seconds() {
    ProgressLine progress = line(true, Duration.ofSeconds(3), Duration.ofMinutes(30));
    progress.onAttempt(pending(1, Duration.ofMillis(8)));

    advance(Duration.ofMillis(2_008));
    progress.tick();

    assertThat(lastDrawn()).endsWith("next poll in 1s");
  }
}
