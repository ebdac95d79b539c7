package io.flinks4j.sync.retrieval;

import java.util.Optional;

/**
 * Why a retrieval failed or had to retry, in the words a lender reads in {@code /v1}, events, the
 * dashboard and metrics: the FlinksCode when Flinks sent one, else a stable category of ours.
 *
 * @param code a FlinksCode ({@code DISABLED_LOGIN}, {@code RETRY_LATER}, ...) or a category ({@link
 *     #NETWORK}, {@link #TIMEOUT}, {@link #UNREADABLE_RESPONSE}, {@code http_503}, {@link
 *     #DEADLINE}, {@link #MFA_TIMEOUT})
 * @param message a short description, free of secrets (the client's messages are scrubbed of keys,
 *     tokens and loginIds), at most {@value #MAX_MESSAGE} characters
 * @param flinksCode the FlinksCode, when {@code code} is one
 */
public record FailureReason(String code, String message, Optional<String> flinksCode) {

  /** No usable response: connection refused or reset, body cut short. */
  public static final String NETWORK = "network";

  /** The call did not answer within the client's request timeout. */
  public static final String TIMEOUT = "timeout";

  /** A 2xx answer whose body is not the JSON Flinks documents (empty, truncated, malformed). */
  public static final String UNREADABLE_RESPONSE = "unreadable_response";

  /**
   * The retrieval ran out of time (poll timeout) while Flinks was still processing or failing
   * transiently.
   */
  public static final String DEADLINE = "deadline";

  /** Our database refused a step's write (it is retried; the message gives the SQLState only). */
  public static final String STORAGE = "storage_error";

  /** Nobody answered the security questions in time. */
  public static final String MFA_TIMEOUT = "mfa_timeout";

  static final int MAX_MESSAGE = 300;

  public FailureReason {
    message =
        message == null || message.length() <= MAX_MESSAGE
            ? message
            : message.substring(0, MAX_MESSAGE - 1) + "…";
  }

  /** A reason named by a FlinksCode. */
  static FailureReason flinks(String flinksCode, String message) {
    return new FailureReason(flinksCode, message, Optional.of(flinksCode));
  }

  /** A reason named by one of our categories. */
  static FailureReason category(String code, String message) {
    return new FailureReason(code, message, Optional.empty());
  }

  /** The category of an HTTP status without a FlinksCode, e.g. {@code http_503}. */
  static String httpCategory(int status) {
    return "http_" + status;
  }
}
