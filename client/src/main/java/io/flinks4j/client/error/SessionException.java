package io.flinks4j.client.error;

import io.flinks4j.client.FlinksCode;

/**
 * The session (RequestId) is unknown or expired ({@code SESSION_NONEXISTENT}, {@code
 * SESSION_EXPIRED}): start a new one with a fresh token and {@code /Authorize}.
 */
public final class SessionException extends FlinksApiException {
  SessionException(
      String operation, int httpStatus, FlinksCode code, String flinksMessage, String requestId) {
    super(operation, httpStatus, code, flinksMessage, requestId, null);
  }

  @Override
  public RetryAdvice retryAdvice() {
    return RetryAdvice.NEW_SESSION;
  }
}
