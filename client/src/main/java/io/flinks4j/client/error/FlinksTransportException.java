package io.flinks4j.client.error;

/**
 * No usable response arrived (connection refused or reset, timeout, body cut short); the request
 * may or may not have reached Flinks, and trying again may succeed.
 */
public final class FlinksTransportException extends FlinksException {
  /**
   * @param message what failed, free of secrets
   * @param cause the underlying I/O failure (already sanitised by the caller), or null
   */
  public FlinksTransportException(String message, Throwable cause) {
    super(message, 0, null, null, cause);
  }

  @Override
  public RetryAdvice retryAdvice() {
    return RetryAdvice.RETRY;
  }
}
