package io.flinks4j.bench.sync;

import io.flinks4j.sync.storage.Database;
import io.flinks4j.sync.storage.DatabaseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A throw-away database for one benchmark run, migrated by the sync module itself: an H2 file in a
 * temporary folder, or a fresh randomly named schema on the PostgreSQL test server (dropped on
 * close), so runs never see each other's rows nor disturb other users of that server.
 */
final class BenchDatabase implements AutoCloseable {

  static final String DEFAULT_PG_URL =
      "jdbc:postgresql://127.0.0.1:5432/flinks4j_test?user=postgres";

  private final String name;
  private final Database database;
  private final Path h2Folder;
  private final String schema;

  private BenchDatabase(String name, Database database, Path h2Folder, String schema) {
    this.name = name;
    this.database = database;
    this.h2Folder = h2Folder;
    this.schema = schema;
  }

  /** {@code h2} or {@code pg}. */
  static BenchDatabase open(String kind, int poolSize) {
    String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return switch (kind) {
      case "h2" -> {
        Path folder;
        try {
          folder = Files.createTempDirectory("flinks4j-bench-h2");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        DatabaseConfig config = DatabaseConfig.h2File(folder).withPoolSize(poolSize);
        yield new BenchDatabase("H2 (file)", Database.open(config), folder, null);
      }
      case "pg" -> {
        String url =
            Optional.ofNullable(System.getenv("FLINKS4J_TEST_PG_URL")).orElse(DEFAULT_PG_URL);
        DatabaseConfig config =
            new DatabaseConfig(
                url, Optional.empty(), Optional.empty(), poolSize, Optional.of(schema));
        yield new BenchDatabase("PostgreSQL", Database.open(config), null, schema);
      }
      default -> throw new IllegalArgumentException("database must be h2 or pg, not " + kind);
    };
  }

  String name() {
    return name;
  }

  Database database() {
    return database;
  }

  /** Inserts a bare login row and returns its internal id. */
  long newLogin(Connection connection) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "insert into logins (login_hash, login_id_enc, created_at) values (?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, UUID.randomUUID().toString().replace("-", ""));
      insert.setString(2, "bench");
      insert.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  @Override
  public void close() {
    if (schema != null) {
      database.inTransaction(c -> {
        try (Statement drop = c.createStatement()) {
          drop.execute("drop schema " + schema + " cascade");
        }
        return null;
      });
    }
    database.close();
    if (h2Folder != null) {
      try (Stream<Path> files = Files.walk(h2Folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
