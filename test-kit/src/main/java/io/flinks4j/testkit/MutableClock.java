package io.flinks4j.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when a test moves it (virtual time for simulations). */
public final class MutableClock extends Clock {

  private volatile Instant now;

  public MutableClock(Instant start) {
    this.now = start;
  }

  public void advance(Duration amount) {
    now = now.plus(amount);
  }

  /** Moves to {@code instant} unless it is in the past (time never runs backwards). */
  public void moveTo(Instant instant) {
    if (instant.isAfter(now)) {
      now = instant;
    }
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** The same virtual time; callers only ever ask for UTC. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
