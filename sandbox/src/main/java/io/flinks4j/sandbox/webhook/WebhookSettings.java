package io.flinks4j.sandbox.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where and how the sandbox delivers webhooks when a live aggregation completes. Flinks's own
 * policy is the default: 10 attempts 30 minutes apart, answered only by HTTP 200.
 *
 * @param urls target URLs; none means webhooks are off
 * @param key shared secret of the {@code flinks-authenticity-key} HMAC signature
 * @param kycFirst send a {@code KYC} webhook before the {@code GetAccountsDetail} one
 * @param deliverTwice send every successful delivery a second time, to test deduplication
 * @param maxAttempts attempts per delivery, the first included
 * @param retryInterval sandbox time between attempts
 */
public record WebhookSettings(
    List<String> urls,
    String key,
    boolean kycFirst,
    boolean deliverTwice,
    int maxAttempts,
    Duration retryInterval) {

  public static final int DEFAULT_ATTEMPTS = 10;
  public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofMinutes(30);

  public WebhookSettings {
    urls = List.copyOf(urls);
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(retryInterval, "retryInterval");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (retryInterval.isNegative()) {
      throw new IllegalArgumentException("retryInterval must not be negative");
    }
  }

  public static WebhookSettings none(String key) {
    return new WebhookSettings(
        List.of(), key, false, false, DEFAULT_ATTEMPTS, DEFAULT_RETRY_INTERVAL);
  }

  public WebhookSettings withUrls(List<String> value) {
    return new WebhookSettings(value, key, kycFirst, deliverTwice, maxAttempts, retryInterval);
  }

  public WebhookSettings withUrl(String value) {
    return withUrls(List.of(value));
  }

  public WebhookSettings withKey(String value) {
    return new WebhookSettings(urls, value, kycFirst, deliverTwice, maxAttempts, retryInterval);
  }

  public WebhookSettings withKycFirst(boolean value) {
    return new WebhookSettings(urls, key, value, deliverTwice, maxAttempts, retryInterval);
  }

  public WebhookSettings withDeliverTwice(boolean value) {
    return new WebhookSettings(urls, key, kycFirst, value, maxAttempts, retryInterval);
  }

  public WebhookSettings withRetries(int attempts, Duration interval) {
    return new WebhookSettings(urls, key, kycFirst, deliverTwice, attempts, interval);
  }

  @Override
  public String toString() {
    return "WebhookSettings[urls="
        + urls
        + ", kycFirst="
        + kycFirst
        + ", deliverTwice="
        + deliverTwice
        + ", maxAttempts="
        + maxAttempts
        + ", retryInterval="
        + retryInterval
        + "]";
  }
}
