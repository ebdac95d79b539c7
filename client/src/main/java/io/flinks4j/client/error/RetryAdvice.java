package io.flinks4j.client.error;

/** What a caller can do about a failure, following the retry column of the Flinks error table. */
public enum RetryAdvice {
  /**
   * The same call may succeed later (network trouble, 5xx, throttling, institution unreachable).
   */
  RETRY,
  /** The session is gone: mint a new authorize token and call {@code /Authorize} again. */
  NEW_SESSION,
  /** The end user must act (reconnect through Flinks Connect, answer MFA, fix online banking). */
  USER_ACTION,
  /** Retrying the same request cannot help; the request or configuration must change. */
  NONE
}
