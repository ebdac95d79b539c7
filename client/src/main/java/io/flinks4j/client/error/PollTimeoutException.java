package io.flinks4j.client.error;

import io.flinks4j.client.FlinksCode;
import java.time.Duration;

/**
 * Flinks still answered 202 when the poll timeout (30 minutes by default) ran out; the session is
 * likely dead, so start a new one later.
 */
public final class PollTimeoutException extends FlinksException {
  private final int attempts;
  private final Duration elapsed;

  /**
   * @param requestId the session that never completed
   * @param lastCode the FlinksCode of the last 202 ({@code OPERATION_PENDING} or {@code
   *     OPERATION_DISPATCHED})
   * @param attempts number of data calls made (first {@code GetAccountsDetail} included)
   * @param elapsed time spent polling, per the client's clock
   */
  public PollTimeoutException(
      String requestId, FlinksCode lastCode, int attempts, Duration elapsed) {
    this("GetAccountsDetailAsync", requestId, lastCode, attempts, elapsed);
  }

  /**
   * @param operation the polled endpoint, e.g. {@code GetAccountsSummaryAsync}
   * @param requestId the session that never completed
   * @param lastCode the FlinksCode of the last 202
   * @param attempts number of data calls made (the first, synchronous one included)
   * @param elapsed time spent polling, per the client's clock
   */
  public PollTimeoutException(
      String operation, String requestId, FlinksCode lastCode, int attempts, Duration elapsed) {
    super(
        operation
            + " still pending ("
            + lastCode
            + ") after "
            + attempts
            + " attempts in "
            + elapsed,
        202,
        lastCode,
        requestId,
        null);
    this.attempts = attempts;
    this.elapsed = elapsed;
  }

  /** Number of data calls made before giving up. */
  public int attempts() {
    return attempts;
  }

  /** Time spent polling, per the client's clock. */
  public Duration elapsed() {
    return elapsed;
  }

  @Override
  public RetryAdvice retryAdvice() {
    return RetryAdvice.NEW_SESSION;
  }
}
