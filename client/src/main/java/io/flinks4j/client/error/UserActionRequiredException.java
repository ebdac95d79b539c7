package io.flinks4j.client.error;

import io.flinks4j.client.FlinksCode;

/**
 * Only the end user can fix this (bad bank credentials, wrong MFA answer, disabled login, {@code
 * QUESTION_NOT_FOUND}, {@code NEW_ACCOUNT}, ...): send them back through Flinks Connect.
 */
public final class UserActionRequiredException extends FlinksApiException {
  UserActionRequiredException(
      String operation, int httpStatus, FlinksCode code, String flinksMessage, String requestId) {
    super(operation, httpStatus, code, flinksMessage, requestId, null);
  }

  @Override
  public RetryAdvice retryAdvice() {
    return RetryAdvice.USER_ACTION;
  }
}
