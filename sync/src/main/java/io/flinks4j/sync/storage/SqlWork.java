package io.flinks4j.sync.storage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A unit of database work on one connection, run by {@link Database#inTransaction}.
 *
 * @param <T> the result
 */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
