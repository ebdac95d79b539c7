package io.flinks4j.client.error;

import io.flinks4j.client.FlinksCode;
import java.time.Duration;

/**
 * Flinks or the institution cannot serve the call right now ({@code RETRY_LATER}, {@code
 * AGGREGATION_ERROR}, {@code DISABLED_INSTITUTION}, {@code CARD_IN_USE}, {@code
 * CONCURRENT_SESSION}, any 5xx): the same call may succeed later.
 */
public final class TemporarilyUnavailableException extends FlinksApiException {
  TemporarilyUnavailableException(
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
