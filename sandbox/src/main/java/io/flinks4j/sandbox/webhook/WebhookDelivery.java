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

  /** A builder with every field unset (null, or the type's zero). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sets the fields of a {@link WebhookDelivery} by name, so two of the same type cannot be
   * swapped.
   */
  public static final class Builder {
    private String deliveryId;
    private String url;
    private String responseType;
    private String requestId;
    private int attempt;
    private Instant at;
    private int status;
    private String error;
    private boolean duplicate;

    private Builder() {}

    public Builder deliveryId(String deliveryId) {
      this.deliveryId = deliveryId;
      return this;
    }

    public Builder url(String url) {
      this.url = url;
      return this;
    }

    public Builder responseType(String responseType) {
      this.responseType = responseType;
      return this;
    }

    public Builder requestId(String requestId) {
      this.requestId = requestId;
      return this;
    }

    public Builder attempt(int attempt) {
      this.attempt = attempt;
      return this;
    }

    public Builder at(Instant at) {
      this.at = at;
      return this;
    }

    public Builder status(int status) {
      this.status = status;
      return this;
    }

    public Builder error(String error) {
      this.error = error;
      return this;
    }

    public Builder duplicate(boolean duplicate) {
      this.duplicate = duplicate;
      return this;
    }

    public WebhookDelivery build() {
      return new WebhookDelivery(
          deliveryId, url, responseType, requestId, attempt, at, status, error, duplicate);
    }
  }
}
