package io.flinks4j.sync.storage;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Names the cause of a failed database connection in a few words (host unreachable, authentication
 * failed, database does not exist), so an operator reads what to fix on one line rather than in a
 * stack trace.
 */
final class ConnectionFailure {

  private ConnectionFailure() {}

  /**
   * {@code "database does not exist: database \"x\" does not exist"} and the like; never a
   * password.
   */
  static String describe(Throwable failure) {
    String detail = firstLine(deepestMessage(failure));
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      switch (t) {
        case UnknownHostException e -> {
          return "host unreachable: unknown host " + e.getMessage();
        }
        case ConnectException e -> {
          return "host unreachable: " + firstLine(e.getMessage());
        }
        case NoRouteToHostException e -> {
          return "host unreachable: " + firstLine(e.getMessage());
        }
        case SocketTimeoutException e -> {
          return "host unreachable: connection timed out";
        }
        case SQLException e -> {
          String state = e.getSQLState() == null ? "" : e.getSQLState();
          String message = firstLine(e.getMessage());
          if (state.equals("3D000")
              || e.getErrorCode() == org.h2.api.ErrorCode.DATABASE_NOT_FOUND_1
              || e.getErrorCode() == org.h2.api.ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1) {
            return "database does not exist: " + message;
          }
          if (state.startsWith("28")) {
            return "authentication failed: " + message;
          }
          if (state.startsWith("08")) {
            // PostgreSQL's message names host and port ("Connection to db:5432 refused. ...").
            return "host unreachable: " + message;
          }
        }
        default -> {}
      }
    }
    return detail;
  }

  private static String deepestMessage(Throwable failure) {
    String message = failure.toString();
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    return message;
  }

  /** The first line, without PostgreSQL's severity prefix. */
  private static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    String line = message.strip().lines().findFirst().orElse("").strip();
    String upper = line.toUpperCase(Locale.ROOT);
    for (String severity : new String[] {"FATAL: ", "ERROR: "}) {
      if (upper.startsWith(severity)) {
        return line.substring(severity.length()).strip();
      }
    }
    return line;
  }
}
