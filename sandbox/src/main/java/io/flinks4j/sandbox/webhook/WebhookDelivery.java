package io.flinks4j.sandbox.webhook;

import java.time.Instant;

/**
 * One webhook delivery attempt, as listed by {@code GET /sandbox/webhooks}.
 *
 * @param deliveryId the same for every attempt (and the duplicate) of one payload to one URL
 * @param at sandbox time of the attempt
 * @param status HTTP status received, or 0 when no answer came
 * @param error why the attempt failed, or null
 * @param duplicate true for the deliberate second copy of a delivered payload
 */
public record WebhookDelivery(
    String deliveryId,
    String url,
    String responseType,
    String requestId,
    int attempt,
    Instant at,
    int status,
    String error,
    boolean duplicate) {

  /** Flinks counts only HTTP 200 as delivered. */
  public boolean delivered() {
    return status == 200;
  }

  @Override
  public String toString() {
    return "WebhookDelivery["
        + responseType
        + " to "
        + url
        + ", attempt "
        + attempt
        + ", status "
        + status
        + (duplicate ? ", duplicate" : "")
        + "]";
  }
}
