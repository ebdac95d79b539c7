package io.flinks4j.sync.events;

import io.flinks4j.client.polling.PollPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how outbound events go.
 *
 * @param url the lender's endpoint; empty turns events off (nothing is recorded)
 * @param secret HMAC key shared with the lender; never printed
 * @param maxAttempts deliveries tried before giving up on an event
 * @param retryBase first retry delay; each further retry doubles it
 * @param retryCap longest delay between two retries
 * @param timeout per-request timeout
 */
public record EventSettings(
    Optional<URI> url,
    String secret,
    int maxAttempts,
    Duration retryBase,
    Duration retryCap,
    Duration timeout) {

  public EventSettings {
    Objects.requireNonNull(url, "url");
    if (url.isPresent() && (secret == null || secret.isBlank())) {
      throw new IllegalArgumentException("an events URL needs a signing secret");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be positive");
    }
  }

  /** No events. */
  public static EventSettings disabled() {
    return new EventSettings(
        Optional.empty(),
        null,
        1,
        Duration.ofSeconds(5),
        Duration.ofHours(1),
        Duration.ofSeconds(10));
  }

  /** Events to {@code url} signed with {@code secret}, with the default retry policy. */
  public static EventSettings to(URI url, String secret) {
    return new EventSettings(
        Optional.of(url),
        secret,
        12,
        Duration.ofSeconds(5),
        Duration.ofHours(1),
        Duration.ofSeconds(10));
  }

  /**
   * The delivery retries as the one poll policy: {@code retryBase} doubling up to {@code retryCap},
   * half jitter, {@code maxAttempts} deliveries, no deadline.
   */
  public PollPolicy retries() {
    return PollPolicy.builder()
        .exponential(retryBase, retryCap)
        .jitter(0.5)
        .noTimeout()
        .maxAttempts(maxAttempts)
        .build();
  }

  /** The same settings with another retry policy. */
  public EventSettings withRetries(int attempts, Duration base, Duration cap) {
    return new EventSettings(url, secret, attempts, base, cap, timeout);
  }

  @Override
  public String toString() {
    // Scheme, host and path only: a URL's user info or query may carry a credential.
    String where =
        url.map(u ->
                u.getScheme()
                    + "://"
                    + u.getHost()
                    + (u.getPort() < 0 ? "" : ":" + u.getPort())
                    + (u.getPath() == null ? "" : u.getPath()))
            .orElse("none");
    return "EventSettings[url=" + where + ", maxAttempts=" + maxAttempts + "]";
  }
}
