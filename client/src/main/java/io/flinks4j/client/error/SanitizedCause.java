package io.flinks4j.client.error;

/**
 * Stands in for a library exception whose message may quote request URLs or body text: keeps the
 * original type name and stack trace, drops the message unless the caller has cleaned it.
 */
public final class SanitizedCause extends Exception {
  private final String originalType;

  private SanitizedCause(String originalType, String message) {
    super(message, null, false, true);
    this.originalType = originalType;
  }

  /**
   * Wraps {@code original} with {@code cleanMessage} (already free of secrets and body content) as
   * the message.
   */
  public static SanitizedCause of(Throwable original, String cleanMessage) {
    SanitizedCause cause = new SanitizedCause(original.getClass().getName(), cleanMessage);
    cause.setStackTrace(original.getStackTrace());
    return cause;
  }

  /** Fully qualified class name of the exception this stands in for. */
  public String originalType() {
    return originalType;
  }

  @Override
  public String toString() {
    String message = getMessage();
    return originalType + (message == null ? "" : ": " + message);
  }
}
