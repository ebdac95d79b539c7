package io.flinks4j.sync.storage;

import java.sql.SQLException;

/**
 * Unchecked wrapper for a failed database call, so callers that cannot recover need not declare
 * SQLException.
 */
public final class StorageException extends RuntimeException {
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The SQLState of the underlying failure, or {@code unknown}: safe to log and to show, unlike the
   * driver's message, which may quote the values bound to the statement (bank data).
   */
  public String sqlState() {
    for (Throwable t = getCause(); t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return "unknown";
  }
}
