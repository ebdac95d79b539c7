package io.flinks4j.cli.fetch;

import io.flinks4j.cli.Console;
import io.flinks4j.cli.options.Durations;
import io.flinks4j.client.PollAttempt;
import io.flinks4j.client.PollListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Shows on one self-overwriting stderr line how long Flinks has been processing, how many calls
 * were made, the last state and when the next poll goes out, redrawn every second between polls so
 * the wait never looks frozen; silent when nobody watches (no terminal), so logs and pipes stay
 * clean.
 */
final class ProgressLine implements PollListener, AutoCloseable {
  static final Duration TICK = Duration.ofSeconds(1);

  private final PrintStream err;
  private final boolean enabled;
  private final Duration pollInterval;
  private final Duration pollTimeout;
  private final LongSupplier nanoTime;
  private final boolean selfTicking;
  private ScheduledExecutorService ticker;
  private ScheduledFuture<?> ticks;
  private PollAttempt last;
  private long lastAtNanos;
  private boolean open;
  private int width;

  /** On the console's stderr, when it is a terminal, redrawn every {@link #TICK}. */
  ProgressLine(Console console, Duration pollInterval, Duration pollTimeout) {
    this(console.err(), console.isInteractive(), pollInterval, pollTimeout, System::nanoTime, true);
  }

  /**
   * @param nanoTime the time source of the redraws (a test's fake clock)
   * @param selfTicking whether a timer thread calls {@link #tick()} every second (off in tests,
   *     which call it)
   */
  ProgressLine(
      PrintStream err,
      boolean enabled,
      Duration pollInterval,
      Duration pollTimeout,
      LongSupplier nanoTime,
      boolean selfTicking) {
    this.err = err;
    this.enabled = enabled;
    this.pollInterval = pollInterval;
    this.pollTimeout = pollTimeout;
    this.nanoTime = nanoTime;
    this.selfTicking = selfTicking;
  }

  @Override
  public synchronized void onAttempt(PollAttempt attempt) {
    if (!enabled) {
      return;
    }
    last = attempt;
    lastAtNanos = nanoTime.getAsLong();
    draw();
    if (attempt.httpStatus() == 200) {
      end();
    } else if (selfTicking) {
      if (ticker == null) {
        ticker =
            Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("flinks4j-progress").factory());
      }
      // Ticks counted from this attempt, so the countdown steps 10s, 9s, ... in time with the poll.
      if (ticks != null) {
        ticks.cancel(false);
      }
      ticks =
          ticker.scheduleAtFixedRate(
              this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Redraws the line with the time now: elapsed grows, the countdown to the next poll shrinks. */
  synchronized void tick() {
    if (open) {
      draw();
    }
  }

  /** Ends the line, so the next message starts on its own, and stops the redraws. */
  synchronized void end() {
    if (ticker != null) {
      ticker.shutdownNow();
      ticker = null;
      ticks = null;
    }
    if (open) {
      err.println();
      err.flush();
      open = false;
      width = 0;
    }
  }

  @Override
  public void close() {
    end();
  }

  private void draw() {
    Duration sinceAttempt = Duration.ofNanos(nanoTime.getAsLong() - lastAtNanos);
    Duration elapsed = last.elapsed().plus(sinceAttempt);
    StringBuilder line =
        new StringBuilder("Waiting for Flinks: ")
            .append(Durations.format(elapsed))
            .append(" elapsed, attempt ")
            .append(last.number())
            .append(", ")
            .append(last.status());
    if (last.httpStatus() != 200) {
      // The client waits the poll interval, or less when the poll timeout comes first.
      Duration untilTimeout = pollTimeout.minus(last.elapsed());
      Duration wait = untilTimeout.compareTo(pollInterval) < 0 ? untilTimeout : pollInterval;
      Duration next = wait.minus(sinceAttempt);
      line.append(
          next.isNegative() || next.isZero()
              ? ", polling now"
              : ", next poll in " + wholeSeconds(next));
    }
    String text = line.toString();
    err.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
    err.flush();
    width = text.length();
    open = true;
  }

  // A countdown reads best in whole seconds, rounded up: "next poll in 1s" until the poll goes out.
  private static String wholeSeconds(Duration d) {
    long seconds = (d.toMillis() + 999) / 1000;
    return seconds < 60 ? seconds + "s" : Durations.format(Duration.ofSeconds(seconds));
  }
}
