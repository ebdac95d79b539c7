package io.flinks4j.bench.sync;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * Random schemas on the PostgreSQL test server for a sync instance in another JVM (created before,
 * dropped after).
 */
public final class PgSchemas {

  private PgSchemas() {}

  static String baseUrl() {
    return Optional.ofNullable(System.getenv("FLINKS4J_TEST_PG_URL"))
        .orElse(BenchDatabase.DEFAULT_PG_URL);
  }

  /** Creates a randomly named schema and returns its name. */
  public static String create() throws SQLException {
    String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("create schema " + schema);
    return schema;
  }

  /** The test server's URL with {@code schema} as the connections' current schema. */
  public static String url(String schema) {
    String base = baseUrl();
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  public static void drop(String schema) throws SQLException {
    execute("drop schema if exists " + schema + " cascade");
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(baseUrl());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
