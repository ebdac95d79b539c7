package io.flinks4j.sync.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The service's connection pool over an up-to-date schema: opening it runs the Flyway migrations, so every
 * component finds its tables present.
 *
 * <p>Migrations live in {@code classpath:db/migration} and are written once for H2 (in PostgreSQL mode) and
 * PostgreSQL. Thread-safe; close it on shutdown.
 */
public final class Database implements AutoCloseable {

  private final HikariDataSource dataSource;
  private final Dialect dialect;

  private Database(HikariDataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  /**
   * Pools connections to {@code config}'s database and migrates it (creating the schema when one is given).
   *
   * @throws StorageException when the database is unreachable or a migration fails
   */
  public static Database open(DatabaseConfig config) {
    return open(config, null);
  }

  /**
   * {@link #open(DatabaseConfig)}, publishing the pool's metrics ({@code hikaricp_connections_*}) to
   * {@code meters}.
   */
  public static Database open(DatabaseConfig config, MeterRegistry meters) {
    config.schema().ifPresent(schema -> createSchema(config, schema));
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(config.effectiveUrl());
    config.user().ifPresent(hikari::setUsername);
    config.password().ifPresent(hikari::setPassword);
    config.schema().ifPresent(hikari::setSchema);
    hikari.setMaximumPoolSize(config.poolSize());
    hikari.setMinimumIdle(Math.min(2, config.poolSize()));
    hikari.setPoolName("flinks4j-db");
    if (meters != null) {
      hikari.setMetricRegistry(meters);
    }
    if (config.dialect() == Dialect.POSTGRESQL) {
      // Lets the driver send a JDBC batch as multi-row INSERTs: several times faster ingest.
      hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new StorageException("cannot connect to " + config, e);
    }
    try {
      var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
      config.schema().ifPresent(schema -> flyway.schemas(schema).defaultSchema(schema));
      flyway.load().migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw new StorageException("cannot migrate " + config, e);
    }
    return new Database(dataSource, config.dialect());
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Dialect dialect() {
    return dialect;
  }

  /**
   * Runs {@code work} in one transaction: commit on return, rollback on any exception.
   *
   * @throws StorageException wrapping an SQLException
   */
  public <T> T inTransaction(SqlWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StorageException("database call failed: " + e.getMessage(), e);
    }
  }

  /** True when a connection can be obtained and answers within two seconds (for readiness checks). */
  public boolean isReachable() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  private static void createSchema(DatabaseConfig config, String schema) {
    Properties properties = new Properties();
    config.user().ifPresent(user -> properties.setProperty("user", user));
    config.password().ifPresent(password -> properties.setProperty("password", password));
    try (Connection connection = DriverManager.getConnection(config.effectiveUrl(), properties);
        Statement statement = connection.createStatement()) {
      statement.execute("create schema if not exists " + schema); // validated identifier
    } catch (SQLException e) {
      throw new StorageException("cannot create schema " + schema + " in " + config, e);
    }
  }

  @Override
  public String toString() {
    return "Database[" + dialect + "]";
  }
}
