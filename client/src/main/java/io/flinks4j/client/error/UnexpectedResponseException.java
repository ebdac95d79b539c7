package io.flinks4j.client.error;

import io.flinks4j.client.FlinksCode;

/**
 * Flinks refused with a code or status this version does not know; the code is kept verbatim so
 * callers can still act on it.
 */
public final class UnexpectedResponseException extends FlinksApiException {
  UnexpectedResponseException(
      String operation, int httpStatus, FlinksCode code, String flinksMessage, String requestId) {
    super(operation, httpStatus, code, flinksMessage, requestId, null);
  }

  @Override
  public RetryAdvice retryAdvice() {
    return RetryAdvice.NONE;
  }
}
