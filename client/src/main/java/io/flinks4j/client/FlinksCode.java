package io.flinks4j.client;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A Flinks business code ({@code FlinksCode}) such as {@code OPERATION_PENDING} or {@code
 * TOO_MANY_REQUESTS}. Flinks reuses HTTP statuses (throttling is a 401, MFA a 203), so the code,
 * not the status, says what happened; codes this version does not know are kept verbatim.
 *
 * @param value the code exactly as Flinks sent it
 */
public record FlinksCode(@JsonValue String value) {
  public static final FlinksCode OPERATION_PENDING = new FlinksCode("OPERATION_PENDING");
  public static final FlinksCode OPERATION_DISPATCHED = new FlinksCode("OPERATION_DISPATCHED");
  public static final FlinksCode SESSION_NONEXISTENT = new FlinksCode("SESSION_NONEXISTENT");
  public static final FlinksCode SESSION_EXPIRED = new FlinksCode("SESSION_EXPIRED");
  public static final FlinksCode CARD_IN_USE = new FlinksCode("CARD_IN_USE");
  public static final FlinksCode INVALID_REQUEST = new FlinksCode("INVALID_REQUEST");
  public static final FlinksCode INVALID_LOGIN = new FlinksCode("INVALID_LOGIN");
  public static final FlinksCode ACCESS_DENIED = new FlinksCode("ACCESS_DENIED");
  public static final FlinksCode INVALID_USERNAME = new FlinksCode("INVALID_USERNAME");
  public static final FlinksCode INVALID_PASSWORD = new FlinksCode("INVALID_PASSWORD");
  public static final FlinksCode INVALID_SECURITY_RESPONSE =
      new FlinksCode("INVALID_SECURITY_RESPONSE");
  public static final FlinksCode INVALID_SECURITY_RESPONSE_NO_RETRY =
      new FlinksCode("INVALID_SECURITY_RESPONSE_NO_RETRY");
  public static final FlinksCode QUESTION_NOT_FOUND = new FlinksCode("QUESTION_NOT_FOUND");
  public static final FlinksCode UNKNOWN_CHALLENGE_KEY = new FlinksCode("UNKNOWN_CHALLENGE_KEY");
  public static final FlinksCode SECURITYRESPONSES_INCOMPLETE =
      new FlinksCode("SECURITYRESPONSES_INCOMPLETE");
  public static final FlinksCode RETRY_LATER = new FlinksCode("RETRY_LATER");
  public static final FlinksCode TOO_MANY_REQUESTS = new FlinksCode("TOO_MANY_REQUESTS");
  public static final FlinksCode UNAUTHORIZED = new FlinksCode("UNAUTHORIZED");
  public static final FlinksCode NEW_ACCOUNT = new FlinksCode("NEW_ACCOUNT");
  public static final FlinksCode DISABLED_LOGIN = new FlinksCode("DISABLED_LOGIN");
  public static final FlinksCode DISABLED_INSTITUTION = new FlinksCode("DISABLED_INSTITUTION");
  public static final FlinksCode CONCURRENT_SESSION = new FlinksCode("CONCURRENT_SESSION");
  public static final FlinksCode ALREADY_AUTHORIZED = new FlinksCode("ALREADY_AUTHORIZED");
  public static final FlinksCode NO_TRANSACTION = new FlinksCode("NO_TRANSACTION");
  public static final FlinksCode METHOD_NOT_AVAILABLE = new FlinksCode("METHOD_NOT_AVAILABLE");
  public static final FlinksCode AGGREGATION_ERROR = new FlinksCode("AGGREGATION_ERROR");

  public FlinksCode {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("FlinksCode must not be blank");
    }
  }

  /** The code for a wire value, or null when the value is null or blank (Flinks sent no code). */
  public static FlinksCode ofNullable(String value) {
    return value == null || value.isBlank() ? null : new FlinksCode(value.strip());
  }

  /**
   * Whether this is a 202 "still processing" code, after which the Async endpoint must be polled.
   */
  public boolean isPending() {
    return equals(OPERATION_PENDING) || equals(OPERATION_DISPATCHED);
  }

  @Override
  public String toString() {
    return value;
  }
}
