package io.flinks4j.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's notion of "now": real time plus an offset that only moves forward, so a demo waits
 * the real processing delay while a test jumps over a 30-minute expiry in one call.
 */
public final class SandboxClock extends Clock {

  private final Clock base;
  private final AtomicLong offsetNanos = new AtomicLong();
  private final List<Runnable> advanceListeners = new CopyOnWriteArrayList<>();

  public SandboxClock() {
    this(Clock.systemUTC());
  }

  public SandboxClock(Clock base) {
    this.base = base;
  }

  @Override
  public Instant instant() {
    return base.instant().plusNanos(offsetNanos.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** A view of this clock in another zone; it follows every {@link #advance} of this one. */
  @Override
  public Clock withZone(ZoneId zone) {
    SandboxClock source = this;
    return new Clock() {
      @Override
      public Instant instant() {
        return source.instant();
      }

      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return source.withZone(other);
      }
    };
  }

  /** Moves sandbox time forward; timers due in the skipped interval fire right away. */
  public void advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("the sandbox clock only moves forward");
    }
    offsetNanos.addAndGet(amount.toNanos());
    advanceListeners.forEach(Runnable::run);
  }

  /** How far sandbox time is ahead of real time. */
  public Duration offset() {
    return Duration.ofNanos(offsetNanos.get());
  }

  void resetOffset() {
    offsetNanos.set(0);
    advanceListeners.forEach(Runnable::run);
  }

  /**
   * Registers a callback run after every {@link #advance}; used by timers to re-check what is due.
   */
  public void onAdvance(Runnable listener) {
    advanceListeners.add(listener);
  }
}
