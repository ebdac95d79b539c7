package io.flinks4j.client.error;

import io.flinks4j.client.FlinksCode;
import java.time.Duration;
import java.util.Optional;

/**
 * Flinks answered, and the answer was a refusal; the subtype is chosen from the FlinksCode (never
 * from the HTTP status alone). Use {@link #of} to build the right subtype from a response.
 */
public abstract sealed class FlinksApiException extends FlinksException
    permits SessionException,
        AuthenticationException,
        UserActionRequiredException,
        RateLimitedException,
        TemporarilyUnavailableException,
        InvalidRequestException,
        UnexpectedResponseException {

  private final String flinksMessage;
  private final Duration retryAfter;

  FlinksApiException(
      String operation,
      int httpStatus,
      FlinksCode code,
      String flinksMessage,
      String requestId,
      Duration retryAfter) {
    super(describe(operation, httpStatus, code, flinksMessage), httpStatus, code, requestId, null);
    this.flinksMessage = flinksMessage;
    this.retryAfter = retryAfter;
  }

  private static String describe(
      String operation, int status, FlinksCode code, String flinksMessage) {
    StringBuilder sb = new StringBuilder(operation).append(" failed: HTTP ").append(status);
    sb.append(code == null ? " (no FlinksCode)" : " " + code.value());
    if (flinksMessage != null && !flinksMessage.isBlank()) {
      sb.append(": ").append(flinksMessage);
    }
    return sb.toString();
  }

  /** The {@code Message} Flinks sent, with any known secret masked, when present. */
  public Optional<String> flinksMessage() {
    return Optional.ofNullable(flinksMessage);
  }

  /** The server's {@code Retry-After}, when it sent one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * Builds the subtype that matches a refused response.
   *
   * @param operation endpoint name for the message, e.g. {@code Authorize}
   * @param httpStatus transport status
   * @param code FlinksCode from the body, or null
   * @param flinksMessage {@code Message} from the body, already free of secrets, or null
   * @param requestId RequestId from the body or the call, or null
   * @param retryAfter parsed {@code Retry-After}, or null
   */
  public static FlinksApiException of(
      String operation,
      int httpStatus,
      FlinksCode code,
      String flinksMessage,
      String requestId,
      Duration retryAfter) {
    if (code == null) {
      return byStatus(operation, httpStatus, flinksMessage, requestId, retryAfter);
    }
    return switch (code.value()) {
      case "SESSION_NONEXISTENT", "SESSION_EXPIRED" ->
          new SessionException(operation, httpStatus, code, flinksMessage, requestId);
      case "ACCESS_DENIED" ->
          new AuthenticationException(operation, httpStatus, code, flinksMessage, requestId);
      case "INVALID_LOGIN",
          "INVALID_USERNAME",
          "INVALID_PASSWORD",
          "INVALID_SECURITY_RESPONSE",
          "INVALID_SECURITY_RESPONSE_NO_RETRY",
          "QUESTION_NOT_FOUND",
          "UNAUTHORIZED",
          "NEW_ACCOUNT",
          "DISABLED_LOGIN" ->
          new UserActionRequiredException(operation, httpStatus, code, flinksMessage, requestId);
      case "TOO_MANY_REQUESTS" ->
          new RateLimitedException(
              operation, httpStatus, code, flinksMessage, requestId, retryAfter);
      case "RETRY_LATER",
          "DISABLED_INSTITUTION",
          "CONCURRENT_SESSION",
          "CARD_IN_USE",
          "AGGREGATION_ERROR" ->
          new TemporarilyUnavailableException(
              operation, httpStatus, code, flinksMessage, requestId, retryAfter);
      case "INVALID_REQUEST",
          "UNKNOWN_CHALLENGE_KEY",
          "SECURITYRESPONSES_INCOMPLETE",
          "ALREADY_AUTHORIZED",
          "NO_TRANSACTION",
          "METHOD_NOT_AVAILABLE" ->
          new InvalidRequestException(operation, httpStatus, code, flinksMessage, requestId);
      default ->
          httpStatus >= 500
              ? new TemporarilyUnavailableException(
                  operation, httpStatus, code, flinksMessage, requestId, retryAfter)
              : new UnexpectedResponseException(
                  operation, httpStatus, code, flinksMessage, requestId);
    };
  }

  // Without a FlinksCode the status is all there is: 5xx and 429 may pass, 401/403 are credentials,
  // a 203 where
  // MFA cannot be answered needs the user, the rest is unknown.
  private static FlinksApiException byStatus(
      String operation,
      int httpStatus,
      String flinksMessage,
      String requestId,
      Duration retryAfter) {
    if (httpStatus == 203) {
      return new UserActionRequiredException(operation, httpStatus, null, flinksMessage, requestId);
    }
    if (httpStatus >= 500 || httpStatus == 408) {
      return new TemporarilyUnavailableException(
          operation, httpStatus, null, flinksMessage, requestId, retryAfter);
    }
    if (httpStatus == 429) {
      return new RateLimitedException(
          operation, httpStatus, null, flinksMessage, requestId, retryAfter);
    }
    if (httpStatus == 401 || httpStatus == 403) {
      return new AuthenticationException(operation, httpStatus, null, flinksMessage, requestId);
    }
    return new UnexpectedResponseException(operation, httpStatus, null, flinksMessage, requestId);
  }
}
