package io.flinks4j.client.webhook;

/**
 * A webhook delivery was rejected; {@link #reason()} tells a receiver whether to answer 401
 * (signature) or 400 (payload). The message never contains the key, the signature or the body.
 */
public final class WebhookVerificationException extends RuntimeException {

  /** Why the delivery was rejected. */
  public enum Reason {
    /** Neither {@code flinks-authenticity-key} nor {@code X-Flinks-Signature} was present. */
    MISSING_SIGNATURE,
    /** A signature was present but does not match the body and key. */
    SIGNATURE_MISMATCH,
    /** The body is not a JSON object Flinks would send. */
    MALFORMED_PAYLOAD,
    /** The {@code ResponseType} is not one this client handles (e.g. {@code Investments}). */
    UNSUPPORTED_TYPE
  }

  private final Reason reason;

  WebhookVerificationException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Why the delivery was rejected. */
  public Reason reason() {
    return reason;
  }

  /**
   * Whether the sender is not proven to be Flinks (as opposed to a bad payload from a verified
   * sender).
   */
  public boolean isAuthenticationFailure() {
    return reason == Reason.MISSING_SIGNATURE || reason == Reason.SIGNATURE_MISMATCH;
  }
}
