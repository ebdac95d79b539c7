package io.flinks4j.client;

import java.time.Duration;

/**
 * How the client waits between polls and retries; injectable so tests advance a fake clock instead
 * of sleeping. Implementations must throw {@link InterruptedException} when interrupted, which is
 * how cancellation stops a wait.
 */
@FunctionalInterface
public interface Sleeper {

  /** Waits for {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;

  /** Real sleeping on the current thread. */
  static Sleeper system() {
    return duration -> {
      if (!duration.isNegative() && !duration.isZero()) {
        Thread.sleep(duration);
      }
    };
  }
}
