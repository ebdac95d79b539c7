package io.flinks4j.sync.retrieval;

/** MFA answers were posted for a login that has no retrieval waiting for them. */
public final class MfaNotPendingException extends RuntimeException {
  public MfaNotPendingException() {
    super("no retrieval of this login is waiting for MFA answers");
  }
}
