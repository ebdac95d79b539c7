package io.flinks4j.sync.stream;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Single-use, short-lived tickets that open one event stream: a browser's {@code EventSource}
 * cannot send an {@code Authorization} header, and the API key must never travel in a URL (logs,
 * history, referrers). A ticket is minted by an authenticated request and is worth one stream, on
 * this instance, within {@link #TTL}.
 */
final class StreamTickets {

  static final Duration TTL = Duration.ofSeconds(60);
  private static final int MAX_OUTSTANDING = 10_000;

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
  private final Clock clock;

  StreamTickets(Clock clock) {
    this.clock = clock;
  }

  /** A new ticket. */
  String mint() {
    Instant now = clock.instant();
    if (expiries.size() >= MAX_OUTSTANDING) {
      expiries.values().removeIf(expiry -> !expiry.isAfter(now)); // minted and never used
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    expiries.put(ticket, now.plus(TTL));
    return ticket;
  }

  /**
   * Whether {@code ticket} was minted here and is still unused and fresh; it is used up either way.
   */
  boolean redeem(String ticket) {
    if (ticket == null || ticket.isEmpty()) {
      return false;
    }
    Instant expiry = expiries.remove(ticket);
    return expiry != null && clock.instant().isBefore(expiry);
  }
}
