package io.flinks4j.client.error;

import io.flinks4j.client.FlinksCode;
import java.util.Optional;

/**
 * Base of every failure the Flinks client reports, so callers can catch one type and still switch
 * on the sealed subtypes. Carries the HTTP status, the {@link FlinksCode} (kept verbatim when
 * unknown), the RequestId and whether a retry can help. Messages never contain keys, tokens or
 * loginIds.
 */
public abstract sealed class FlinksException extends RuntimeException
    permits FlinksApiException,
        FlinksTransportException,
        UnreadableResponseException,
        PollTimeoutException {

  private final int httpStatus;
  private final FlinksCode flinksCode;
  private final String requestId;

  FlinksException(
      String message, int httpStatus, FlinksCode flinksCode, String requestId, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.flinksCode = flinksCode;
    this.requestId = requestId;
  }

  /** HTTP status of the response that failed, or 0 when there was no response. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The FlinksCode of the response, when it had one. */
  public Optional<FlinksCode> flinksCode() {
    return Optional.ofNullable(flinksCode);
  }

  /**
   * The RequestId of the session, when known (it stays usable after some failures, e.g.
   * QUESTION_NOT_FOUND).
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** What the caller can do about this failure. */
  public abstract RetryAdvice retryAdvice();

  /** Whether repeating the same call later may succeed. */
  public boolean isRetryable() {
    return retryAdvice() == RetryAdvice.RETRY;
  }
}
