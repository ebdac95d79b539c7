package io.flinks4j.sync.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failed authentications per client address (see {@link ClientAddress#throttleKey}) in a
 * fixed window that starts at an address's first failure; an address that reaches the limit is
 * refused until its window ends, without its key being looked at, so guessing costs time and floods
 * of refusals stop early.
 *
 * <p>Memory is bounded: at most {@code capacity} addresses are tracked, the least recently seen
 * forgotten first, so an attacker rotating addresses cannot grow it (forgetting an address only
 * gives it its full count back). Per instance: several instances each count on their own.
 * Thread-safe.
 */
final class AuthThrottle {

  private static final class Window {
    Instant start;
    int failures;

    Window(Instant start) {
      this.start = start;
    }
  }

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Window> windows;

  /**
   * @param limit failures allowed within {@code window}; {@code 0} turns throttling off
   * @param capacity most addresses tracked at once
   */
  AuthThrottle(int limit, Duration window, int capacity, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
    this.windows =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > capacity;
          }
        };
  }

  /** How long {@code address} is still refused, or empty when it may try. */
  synchronized Optional<Duration> refusedFor(String address) {
    if (limit == 0) {
      return Optional.empty();
    }
    Window current = windows.get(ClientAddress.throttleKey(address));
    Instant now = clock.instant();
    if (current == null || current.failures < limit || !now.isBefore(current.start.plus(window))) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, current.start.plus(window)));
  }

  /**
   * Counts one failure of {@code address}.
   *
   * @return true when this failure reached the limit (the address is refused from now on)
   */
  synchronized boolean failed(String address) {
    if (limit == 0) {
      return false;
    }
    Instant now = clock.instant();
    Window current =
        windows.computeIfAbsent(ClientAddress.throttleKey(address), key -> new Window(now));
    if (!now.isBefore(current.start.plus(window))) {
      current.start = now;
      current.failures = 0;
    }
    current.failures++;
    return current.failures == limit;
  }

  /** Addresses tracked now (at most the capacity). */
  synchronized int tracked() {
    return windows.size();
  }

  int limit() {
    return limit;
  }

  Duration window() {
    return window;
  }
}
