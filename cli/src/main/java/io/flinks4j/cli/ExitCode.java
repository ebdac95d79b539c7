package io.flinks4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The documented exit codes of every {@code flinks4j} command, so scripts can branch on what went
 * wrong; help texts and the README's table are derived from (or checked against) these
 * descriptions.
 */
public enum ExitCode {
  /** Done. */
  OK(0, "ok"),
  /**
   * Something unexpected happened (a bug, or {@code demo} logins not ending as documented); the
   * message says what.
   */
  INTERNAL_ERROR(1, "internal error, or demo logins not ending as documented"),
  /**
   * Bad command line or configuration (missing option, unparsable value, port in use, missing
   * x-api-key).
   */
  USAGE(2, "usage or configuration error (missing or invalid option, port in use)"),
  /** The bank wants MFA answers nobody gave; the relaunch URL is printed. */
  MFA_REQUIRED(3, "MFA required: security questions unanswered (Connect relaunch URL printed)"),
  /**
   * Flinks still answered 202 when the poll timeout ran out, or the demo's logins did not settle in
   * time.
   */
  TIMEOUT(4, "timed out (fetch/refresh: --poll-timeout; demo: --timeout)"),
  /** Flinks refused; the message names the FlinksCode. */
  REJECTED(5, "rejected by Flinks (the FlinksCode is named)"),
  /** Flinks could not be reached, or answered something unreadable, after retries. */
  UNREACHABLE(6, "Flinks unreachable or unreadable after retries");

  private final int code;
  private final String description;

  ExitCode(int code, String description) {
    this.code = code;
    this.description = description;
  }

  /** The process exit status. */
  public int code() {
    return code;
  }

  /** What the code means, as help and the README say it. */
  public String description() {
    return description;
  }

  /**
   * Help-footer lines documenting {@code codes}: a heading, then one {@code " N meaning"} line
   * each.
   */
  public static String[] footer(List<ExitCode> codes) {
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add("Exit codes:");
    for (ExitCode c : codes) {
      lines.add(String.format(Locale.ROOT, "  %d  %s", c.code, c.description));
    }
    return lines.toArray(String[]::new);
  }
}
