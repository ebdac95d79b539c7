package io.flinks4j.client.error;

import io.flinks4j.client.FlinksCode;
import java.time.Duration;

/**
 * Flinks is throttling ({@code TOO_MANY_REQUESTS}, sent as HTTP 401, not 429): back off and try
 * again.
 */
public final class RateLimitedException extends FlinksApiException {
  RateLimitedException(
      String operation,
      int httpStatus,
      FlinksCode code,
      String flinksMessage,
      String requestId,
      Duration retryAfter) {
    super(operation, httpStatus, code, flinksMessage, requestId, retryAfter);
  }

  @Override
  public RetryAdvice retryAdvice() {
    return RetryAdvice.RETRY;
  }
}
