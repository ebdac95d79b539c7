package io.flinks4j.sync.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The service's connection pool over an up-to-date schema: opening it runs the Flyway migrations,
 * so every component finds its tables present.
 *
 * <p>Migrations live in {@code classpath:db/migration} and are written once for H2 (in PostgreSQL
 * mode) and PostgreSQL. Thread-safe; close it on shutdown.
 */
public final class Database implements AutoCloseable {

  /**
   * Effective URLs of the H2 files open in this JVM, with how many Databases hold each; guarded by
   * itself.
   */
  private static final Map<String, Integer> OPEN_H2_FILES = new HashMap<>();

  /**
   * Flyway history table of a database adopted from the application, apart from the application's
   * own {@code flyway_schema_history} so both can migrate the same schema.
   */
  static final String ADOPTED_HISTORY_TABLE = "flinks4j_schema_history";

  private final DataSource dataSource;
  private final Dialect dialect;
  private final Optional<String> h2File;

  /**
   * The pool this Database created and so closes; empty for an adopted DataSource, which its owner
   * closes.
   */
  private final Optional<HikariDataSource> ownPool;

  private Database(
      DataSource dataSource,
      Dialect dialect,
      Optional<String> h2File,
      Optional<HikariDataSource> ownPool) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.h2File = h2File;
    this.ownPool = ownPool;
  }

  /**
   * Pools connections to {@code config}'s database and migrates it (creating the schema when one is
   * given).
   *
   * @throws StorageException when the database is unreachable or a migration fails
   */
  public static Database open(DatabaseConfig config) {
    return open(config, null);
  }

  /**
   * {@link #open(DatabaseConfig)}, publishing the pool's metrics ({@code hikaricp_connections_*})
   * to {@code meters}.
   */
  public static Database open(DatabaseConfig config, MeterRegistry meters) {
    Optional<String> h2File =
        config.isH2File() ? Optional.of(config.effectiveUrl()) : Optional.empty();
    synchronized (OPEN_H2_FILES) {
      config.h2FilePath().ifPresent(Database::createOwnerOnlyFolder);
      compactAppendOnlyFile(config);
      h2File.ifPresent(url -> OPEN_H2_FILES.merge(url, 1, Integer::sum));
    }
    try {
      Database database = open(config, meters, h2File);
      config.h2FilePath().ifPresent(Database::restrictH2Files);
      return database;
    } catch (RuntimeException e) {
      h2File.ifPresent(Database::released);
      throw e;
    }
  }

  private static Database open(
      DatabaseConfig config, MeterRegistry meters, Optional<String> h2File) {
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
      // Keyed lookups on a table not analyzed yet (a new schema before autovacuum's first ANALYZE,
      // or autovacuum off) are planned as sequential scans at the default random_page_cost of 4,
      // and each connection's cached generic plan keeps that plan while the table grows: 1.1, the
      // usual figure for SSDs, makes the index the cheaper path from the first row. A URL that
      // sets options of its own overrides this.
      hikari.addDataSourceProperty("options", "-c random_page_cost=1.1");
    }
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new StorageException(
          "cannot connect to " + config.displayUrl() + ": " + ConnectionFailure.describe(e), e);
    }
    try {
      var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
      config.schema().ifPresent(schema -> flyway.schemas(schema).defaultSchema(schema));
      flyway.load().migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw new StorageException(
          "cannot migrate " + config.displayUrl() + ": " + ConnectionFailure.describe(e), e);
    }
    return new Database(dataSource, config.dialect(), h2File, Optional.of(dataSource));
  }

  /**
   * Runs on the application's own pool (the Spring Boot starter's {@code DataSource}) after
   * migrating it; its pool settings and metrics stay the application's, and {@link #close()} leaves
   * it open. The migration history goes to {@value #ADOPTED_HISTORY_TABLE}, so a schema that
   * already holds the application's tables (and its Flyway history) is migrated beside them. An H2
   * database must be in the PostgreSQL compatibility mode of {@link
   * DatabaseConfig#H2_COMPATIBILITY}, which only its URL can set.
   *
   * @throws StorageException when the database is unreachable, is an H2 one in another mode, or a
   *     migration fails
   */
  public static Database adopt(DataSource dataSource) {
    Dialect dialect;
    try (Connection connection = dataSource.getConnection()) {
      dialect = Dialect.ofProduct(connection.getMetaData().getDatabaseProductName());
      if (dialect == Dialect.H2 && !inPostgreSqlMode(connection)) {
        throw new StorageException(
            "the H2 DataSource must be opened with a URL ending in "
                + DatabaseConfig.H2_COMPATIBILITY
                + " (flinks4j's SQL is PostgreSQL's)",
            null);
      }
    } catch (SQLException e) {
      throw new StorageException(
          "cannot connect to the application's DataSource: " + ConnectionFailure.describe(e), e);
    }
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .table(ADOPTED_HISTORY_TABLE)
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new StorageException(
          "cannot migrate the application's DataSource: " + ConnectionFailure.describe(e), e);
    }
    return new Database(dataSource, dialect, Optional.empty(), Optional.empty());
  }

  private static boolean inPostgreSqlMode(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        var rs =
            statement.executeQuery(
                "select setting_name, setting_value from information_schema.settings"
                    + " where setting_name in ('MODE', 'DATABASE_TO_LOWER')")) {
      Map<String, String> settings = new HashMap<>();
      while (rs.next()) {
        settings.put(rs.getString(1), rs.getString(2));
      }
      return "PostgreSQL".equalsIgnoreCase(settings.get("MODE"))
          && "TRUE".equalsIgnoreCase(settings.get("DATABASE_TO_LOWER"));
    }
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

  /**
   * Runs {@code work} with auto-commit on, so each of its statements commits on its own: for work
   * that is a single statement (atomic by itself) or reads that need no common snapshot. It saves
   * the round trip of a {@code COMMIT} of {@link #inTransaction}, which on PostgreSQL is one of two
   * for a lone statement (the {@code BEGIN} goes out with the statement).
   *
   * @throws StorageException wrapping an SQLException
   */
  public <T> T autoCommitted(SqlWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      if (!autoCommit) {
        connection.setAutoCommit(true); // an adopted pool may hand out connections without it
      }
      try {
        return work.run(connection);
      } finally {
        if (!autoCommit) {
          connection.setAutoCommit(false);
        }
      }
    } catch (SQLException e) {
      throw new StorageException("database call failed: " + e.getMessage(), e);
    }
  }

  /**
   * True when a connection can be obtained and answers within two seconds (for readiness checks).
   */
  public boolean isReachable() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    ownPool.ifPresent(HikariDataSource::close);
    h2File.ifPresent(Database::released);
  }

  private static void released(String h2File) {
    synchronized (OPEN_H2_FILES) {
      OPEN_H2_FILES.computeIfPresent(h2File, (url, count) -> count == 1 ? null : count - 1);
    }
  }

  /**
   * An H2 file that never reuses space (see {@link DatabaseConfig#H2_DURABILITY}) grows with every
   * commit, so it is rewritten to its live data before each start: {@code SHUTDOWN COMPACT} copies
   * the live pages into a new file and replaces the old one only when the copy is complete. Skipped
   * when the database may be open elsewhere: served to other processes ({@code AUTO_SERVER}), or
   * open in this JVM. Called holding {@link #OPEN_H2_FILES}.
   */
  private static void compactAppendOnlyFile(DatabaseConfig config) {
    String url = config.effectiveUrl();
    String upper = url.toUpperCase(Locale.ROOT);
    if (!config.isH2File()
        || !upper.contains(";REUSE_SPACE=FALSE")
        || upper.contains(";AUTO_SERVER=TRUE")) {
      return;
    }
    if (OPEN_H2_FILES.containsKey(url)) {
      return;
    }
    Properties properties = new Properties();
    config.user().ifPresent(user -> properties.setProperty("user", user));
    config.password().ifPresent(password -> properties.setProperty("password", password));
    try (Connection connection = DriverManager.getConnection(url + ";IFEXISTS=TRUE", properties);
        Statement statement = connection.createStatement()) {
      statement.execute("shutdown compact");
    } catch (SQLException e) {
      if (e.getErrorCode() != org.h2.api.ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1) {
        throw new StorageException(
            "cannot compact " + config.displayUrl() + ": " + ConnectionFailure.describe(e), e);
      }
    }
  }

  /**
   * A data folder this creates is its owner's only, so the database files are never readable by
   * others.
   */
  private static void createOwnerOnlyFolder(Path h2File) {
    try {
      OwnerOnly.createDirectories(h2File.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new StorageException(
          "cannot create the data folder " + h2File.toAbsolutePath().getParent(), e);
    }
  }

  /**
   * The database's files ({@code flinks4j.mv.db}, a trace file, ...) owner-only: they hold bank
   * data.
   */
  private static void restrictH2Files(Path h2File) {
    Path folder = h2File.toAbsolutePath().getParent();
    String prefix = h2File.getFileName().toString() + ".";
    try (var files = Files.list(folder)) {
      for (Path file :
          (Iterable<Path>)
              files.filter(f -> f.getFileName().toString().startsWith(prefix))::iterator) {
        OwnerOnly.restrict(file);
      }
    } catch (IOException e) {
      throw new StorageException(
          "cannot restrict the permissions of the database files in " + folder, e);
    }
  }

  private static void createSchema(DatabaseConfig config, String schema) {
    Properties properties = new Properties();
    config.user().ifPresent(user -> properties.setProperty("user", user));
    config.password().ifPresent(password -> properties.setProperty("password", password));
    try (Connection connection = DriverManager.getConnection(config.effectiveUrl(), properties);
        Statement statement = connection.createStatement()) {
      statement.execute("create schema if not exists " + schema); // validated identifier
    } catch (SQLException e) {
      throw new StorageException(
          "cannot connect to "
              + config.displayUrl()
              + " to create schema "
              + schema
              + ": "
              + ConnectionFailure.describe(e),
          e);
    }
  }

  @Override
  public String toString() {
    return "Database[" + dialect + "]";
  }
}
