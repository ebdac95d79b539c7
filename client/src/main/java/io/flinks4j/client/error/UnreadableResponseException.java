package io.flinks4j.client.error;

/**
 * A complete response arrived but its body is not the JSON Flinks documents (malformed, truncated
 * JSON, wrong shape); the message gives the position, never the content.
 */
public final class UnreadableResponseException extends FlinksException {
  /**
   * @param message what could not be read and where, free of body content
   * @param httpStatus status of the response, or 0 when parsing a payload outside a call (e.g. a
   *     webhook)
   * @param requestId RequestId of the call, or null
   * @param cause the parse failure (sanitised), or null
   */
  public UnreadableResponseException(
      String message, int httpStatus, String requestId, Throwable cause) {
    super(message, httpStatus, null, requestId, cause);
  }

  @Override
  public RetryAdvice retryAdvice() {
    return RetryAdvice.NONE;
  }
}
