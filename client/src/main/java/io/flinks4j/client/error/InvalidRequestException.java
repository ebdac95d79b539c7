package io.flinks4j.client.error;

import io.flinks4j.client.FlinksCode;

/**
 * The request itself is wrong ({@code INVALID_REQUEST}, {@code UNKNOWN_CHALLENGE_KEY}, {@code
 * SECURITYRESPONSES_INCOMPLETE}, ...): repeating it cannot help.
 */
public final class InvalidRequestException extends FlinksApiException {
  InvalidRequestException(
      String operation, int httpStatus, FlinksCode code, String flinksMessage, String requestId) {
    super(operation, httpStatus, code, flinksMessage, requestId, null);
  }

  @Override
  public RetryAdvice retryAdvice() {
    return RetryAdvice.NONE;
  }
}
