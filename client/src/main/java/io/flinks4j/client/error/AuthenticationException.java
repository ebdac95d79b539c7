package io.flinks4j.client.error;

import io.flinks4j.client.FlinksCode;

/**
 * A credential was refused ({@code ACCESS_DENIED}, or a 401/403 without FlinksCode): wrong secret
 * key or x-api-key, or a used or expired authorize token.
 */
public final class AuthenticationException extends FlinksApiException {
  AuthenticationException(
      String operation, int httpStatus, FlinksCode code, String flinksMessage, String requestId) {
    super(operation, httpStatus, code, flinksMessage, requestId, null);
  }

  @Override
  public RetryAdvice retryAdvice() {
    return RetryAdvice.NONE;
  }
}
