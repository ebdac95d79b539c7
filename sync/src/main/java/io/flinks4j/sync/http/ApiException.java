package io.flinks4j.sync.http;

/**
 * A request that cannot be served, turned by the server into {@code {"error":{"code","message"}}}
 * with the given status; route handlers throw it instead of writing error bodies themselves.
 *
 * <p>The message is shown to the API caller: never put secrets (loginIds, keys) in it.
 */
public final class ApiException extends RuntimeException {

  private final int status;
  private final String code;

  public ApiException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  /** 400 with {@code code}. */
  public static ApiException badRequest(String code, String message) {
    return new ApiException(400, code, message);
  }

  /** 404 {@code not_found}. */
  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  /** 409 with {@code code}. */
  public static ApiException conflict(String code, String message) {
    return new ApiException(409, code, message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
