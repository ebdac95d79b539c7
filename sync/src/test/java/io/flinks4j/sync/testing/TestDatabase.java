package io.flinks4j.sync.testing;

import io.flinks4j.sync.storage.Database;
import io.flinks4j.sync.storage.DatabaseConfig;
import io.flinks4j.sync.storage.Dialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * A migrated, isolated test database: an in-memory H2 database, or a freshly created random schema
 * on the shared PostgreSQL test server ({@code FLINKS4J_TEST_PG_URL}), dropped again on close.
 */
public final class TestDatabase implements AutoCloseable {

  public static final String PG_URL =
      Optional.ofNullable(System.getenv("FLINKS4J_TEST_PG_URL"))
          .orElse("jdbc:postgresql://127.0.0.1:5432/flinks4j_test?user=postgres");

  private final DatabaseConfig config;
  private final Database database;

  private TestDatabase(DatabaseConfig config) {
    this.config = config;
    this.database = Database.open(config);
  }

  /** A fresh database of {@code dialect}. */
  public static TestDatabase create(Dialect dialect) {
    return new TestDatabase(config(dialect));
  }

  /** A configuration for a fresh, not yet created database of {@code dialect}. */
  public static DatabaseConfig config(Dialect dialect) {
    String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    return switch (dialect) {
      case H2 ->
          new DatabaseConfig(
              "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1",
              Optional.empty(),
              Optional.empty(),
              4,
              Optional.empty());
      case POSTGRESQL ->
          new DatabaseConfig(PG_URL, Optional.empty(), Optional.empty(), 4, Optional.empty())
              .withSchema(name);
    };
  }

  public Database database() {
    return database;
  }

  public DatabaseConfig config() {
    return config;
  }

  public Dialect dialect() {
    return database.dialect();
  }

  /** Deletes every login and, by cascade, everything stored for them. */
  public void clear() {
    database.inTransaction(connection -> {
      try (Statement statement = connection.createStatement()) {
        return statement.executeUpdate("delete from logins");
      }
    });
  }

  /** Number of rows in {@code table}. */
  public long count(String table) {
    return database.inTransaction(connection -> {
      try (Statement statement = connection.createStatement();
          var rows = statement.executeQuery("select count(*) from " + table)) {
        rows.next();
        return rows.getLong(1);
      }
    });
  }

  @Override
  public void close() {
    try {
      if (dialect() == Dialect.H2) {
        try (Connection connection = database.dataSource().getConnection();
            Statement statement = connection.createStatement()) {
          statement.execute("shutdown"); // frees the in-memory database
        } catch (SQLException expected) {
          // the pool fails to reset the connection H2 just closed: nothing to clean up
        }
      }
    } finally {
      database.close();
    }
    if (config.schema().isPresent()) {
      dropSchema(config.schema().get());
    }
  }

  private static void dropSchema(String schema) {
    try (Connection connection = DriverManager.getConnection(PG_URL);
        Statement statement = connection.createStatement()) {
      statement.execute("drop schema if exists " + schema + " cascade");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test schema " + schema, e);
    }
  }
}
