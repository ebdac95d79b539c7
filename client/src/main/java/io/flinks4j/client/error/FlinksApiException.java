package io.flinks4j.client.error;

import io.flinks4j.client.FlinksCode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    Family family = FAMILIES.get(code);
    if (family == null) { // a code this version does not know: the status decides
      return httpStatus >= 500
          ? new TemporarilyUnavailableException(
              operation, httpStatus, code, flinksMessage, requestId, retryAfter)
          : new UnexpectedResponseException(operation, httpStatus, code, flinksMessage, requestId);
    }
    return switch (family) {
      case SESSION -> new SessionException(operation, httpStatus, code, flinksMessage, requestId);
      case AUTHENTICATION ->
          new AuthenticationException(operation, httpStatus, code, flinksMessage, requestId);
      case USER_ACTION ->
          new UserActionRequiredException(operation, httpStatus, code, flinksMessage, requestId);
      case RATE_LIMITED ->
          new RateLimitedException(
              operation, httpStatus, code, flinksMessage, requestId, retryAfter);
      case TEMPORARY ->
          new TemporarilyUnavailableException(
              operation, httpStatus, code, flinksMessage, requestId, retryAfter);
      case INVALID_REQUEST ->
          new InvalidRequestException(operation, httpStatus, code, flinksMessage, requestId);
    };
  }

  /** Which subtype a known FlinksCode makes; one per permitted subtype but the fallback. */
  private enum Family {
    SESSION,
    AUTHENTICATION,
    USER_ACTION,
    RATE_LIMITED,
    TEMPORARY,
    INVALID_REQUEST
  }

  private static final Map<FlinksCode, Family> FAMILIES =
      families(
          Map.of(
              Family.SESSION,
              List.of(FlinksCode.SESSION_NONEXISTENT, FlinksCode.SESSION_EXPIRED),
              Family.AUTHENTICATION,
              List.of(FlinksCode.ACCESS_DENIED),
              Family.USER_ACTION,
              List.of(
                  FlinksCode.INVALID_LOGIN,
                  FlinksCode.INVALID_USERNAME,
                  FlinksCode.INVALID_PASSWORD,
                  FlinksCode.INVALID_SECURITY_RESPONSE,
                  FlinksCode.INVALID_SECURITY_RESPONSE_NO_RETRY,
                  FlinksCode.QUESTION_NOT_FOUND,
                  FlinksCode.UNAUTHORIZED,
                  FlinksCode.NEW_ACCOUNT,
                  FlinksCode.DISABLED_LOGIN),
              Family.RATE_LIMITED,
              List.of(FlinksCode.TOO_MANY_REQUESTS),
              Family.TEMPORARY,
              List.of(
                  FlinksCode.RETRY_LATER,
                  FlinksCode.DISABLED_INSTITUTION,
                  FlinksCode.CONCURRENT_SESSION,
                  FlinksCode.CARD_IN_USE,
                  FlinksCode.AGGREGATION_ERROR),
              Family.INVALID_REQUEST,
              List.of(
                  FlinksCode.INVALID_REQUEST,
                  FlinksCode.UNKNOWN_CHALLENGE_KEY,
                  FlinksCode.SECURITYRESPONSES_INCOMPLETE,
                  FlinksCode.ALREADY_AUTHORIZED,
                  FlinksCode.NO_TRANSACTION,
                  FlinksCode.METHOD_NOT_AVAILABLE)));

  /** The inverse of {@code codesByFamily}; a code listed under two families fails at class load. */
  private static Map<FlinksCode, Family> families(Map<Family, List<FlinksCode>> codesByFamily) {
    Map<FlinksCode, Family> families = new HashMap<>();
    codesByFamily.forEach((family, codes) ->
        codes.forEach(code -> {
          if (families.put(code, family) != null) {
            throw new IllegalStateException(code + " is listed under two families");
          }
        }));
    return Map.copyOf(families);
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
