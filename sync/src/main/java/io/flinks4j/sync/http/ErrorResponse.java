package io.flinks4j.sync.http;

/**
 * The body of every error answer, {@code {"error":{"code","message"}}}.
 *
 * @param error what went wrong
 */
@ApiDoc("An error: a stable code to branch on and a message for people")
record ErrorResponse(ErrorDetail error) {

  /** An error's code and message (the message never holds a secret). */
  record ErrorDetail(
      @ApiDoc("stable, machine-readable, e.g. not_found, invalid_parameter") String code,
      @ApiDoc("for people; never quotes a secret") String message) {}

  static ErrorResponse of(String code, String message) {
    return new ErrorResponse(new ErrorDetail(code, message));
  }
}
