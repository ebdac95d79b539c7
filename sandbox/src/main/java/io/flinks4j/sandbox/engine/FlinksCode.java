package io.flinks4j.sandbox.engine;

/**
 * The FlinksCodes the sandbox can answer with (docs section 8), each with its HTTP status and
 * message. Codes the docs list without a status ("?") use the status noted here, chosen by us.
 */
public enum FlinksCode {
  OPERATION_PENDING(202, "Your operation is still processing"),
  OPERATION_DISPATCHED(
      202, "Your operation took too long and was dispatched to a background queue"),
  SESSION_NONEXISTENT(400, "The RequestId does not exist"),
  SESSION_EXPIRED(400, "The RequestId has expired"),
  CARD_IN_USE(400, "The login is still being processed"),
  INVALID_REQUEST(401, "The request is missing fields or is malformed"),
  INVALID_LOGIN(401, "The LoginId is unknown or the credentials are invalid"),
  ACCESS_DENIED(401, "Authentication failed"),
  INVALID_USERNAME(401, "The institution rejected the username"),
  INVALID_PASSWORD(401, "The institution rejected the password"),
  INVALID_SECURITY_RESPONSE(401, "The answer to the security challenge is wrong"),
  QUESTION_NOT_FOUND(401, "A security challenge has no stored answer"),
  UNKNOWN_CHALLENGE_KEY(401, "An answer is keyed to a challenge that was not asked"),
  SECURITYRESPONSES_INCOMPLETE(401, "Not every security challenge was answered"),
  RETRY_LATER(401, "The institution could not be reached, retry later"),
  TOO_MANY_REQUESTS(401, "Too many requests, slow down"),
  UNAUTHORIZED(401, "Unauthorized"),
  NEW_ACCOUNT(401, "The user must act in online banking first"),
  DISABLED_LOGIN(401, "The account is disabled by the institution"),
  DISABLED_INSTITUTION(405, "The institution is unavailable"),
  CONCURRENT_SESSION(401, "Another session is open on this login"),
  ALREADY_AUTHORIZED(400, "The session is already authorized"),
  NO_TRANSACTION(400, "No transactions were found"),
  METHOD_NOT_AVAILABLE(401, "This method is not enabled on this instance"),
  AGGREGATION_ERROR(500, "Unexpected error during aggregation");

  private final int httpStatus;
  private final String message;

  FlinksCode(int httpStatus, String message) {
    this.httpStatus = httpStatus;
    this.message = message;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String message() {
    return message;
  }
}
