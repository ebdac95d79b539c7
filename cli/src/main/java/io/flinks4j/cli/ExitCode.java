package io.flinks4j.cli;

/** The documented exit codes of every {@code flinks4j} command, so scripts can branch on what went wrong. */
public enum ExitCode {
  /** Done. */
  OK(0),
  /** Something unexpected happened (a bug, or {@code demo} logins not ending as documented); the message says what. */
  INTERNAL_ERROR(1),
  /** Bad command line or configuration (missing option, unparsable value, port in use). */
  USAGE(2),
  /** The bank wants MFA answers nobody gave; the relaunch URL is printed. */
  MFA_REQUIRED(3),
  /** Flinks still answered 202 when the poll timeout ran out. */
  POLL_TIMEOUT(4),
  /** Flinks refused; the message names the FlinksCode. */
  REJECTED(5),
  /** Flinks could not be reached, or answered something unreadable, after retries. */
  UNREACHABLE(6);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /** The process exit status. */
  public int code() {
    return code;
  }
}
