package io.flinks4j.client;

import io.flinks4j.testkit.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A sleeper that moves the test kit's {@link MutableClock} instead of waiting, so 30 minutes of
 * polling take milliseconds; it records every sleep for the tests to assert the backoff.
 */
final class FakeTime implements Sleeper {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    sleeps.add(duration);
    clock.advance(duration);
  }

  /** The clock the client under test reads: it moves only when the client sleeps. */
  Clock clock() {
    return clock;
  }

  Instant instant() {
    return clock.instant();
  }

  List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }
}
