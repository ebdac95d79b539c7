package io.flinks4j.sync.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.flinks4j.sync.testing.TestDatabase;
import io.flinks4j.sync.testing.TestDialects;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * A Database on an application's own pool (the Spring Boot starter's case): migrated beside its
 * tables, never closed.
 */
class AdoptedDatabaseTest {

  @ParameterizedTest
  @ArgumentsSource(TestDialects.class)
  void adopting_migrates_beside_the_applications_own_tables_and_leaves_its_pool_open(
      Dialect dialect) throws SQLException {
    String name = "app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (HikariDataSource app = applicationPool(dialect, name)) {
      execute(
          app,
          "create table flyway_schema_history (installed_rank int primary key)"); // the app's own
      // history
      execute(app, "create table orders (id bigint primary key)");

      try (Database database = Database.adopt(app)) {
        assertThat(database.dialect()).isEqualTo(dialect);
        database.inTransaction(c ->
            c.createStatement()
                .executeUpdate(
                    "insert into logins (login_hash, login_id_enc, created_at) values ('h', 'e', current_timestamp)"));
      }
      try (Database again = Database.adopt(app)) { // up to date: nothing migrated twice
        assertThat(again.isReachable()).isTrue();
      }

      assertThat(app.isClosed()).isFalse();
      assertThat(count(app, "orders")).isZero();
      assertThat(count(app, "logins")).isEqualTo(1);
      assertThat(count(app, "flyway_schema_history")).isZero();
      assertThat(count(app, Database.ADOPTED_HISTORY_TABLE)).isPositive();
    } finally {
      if (dialect == Dialect.POSTGRESQL) {
        execute(TestDatabase.PG_URL, "drop schema if exists " + name + " cascade");
      }
    }
  }

  @Test
  void an_h2_pool_outside_postgresql_mode_is_refused_before_any_migration() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(
        "jdbc:h2:mem:plain_"
            + UUID.randomUUID().toString().replace("-", "")
            + ";DB_CLOSE_DELAY=-1");
    try (HikariDataSource plain = new HikariDataSource(config)) {
      assertThatThrownBy(() -> Database.adopt(plain))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
      assertThat(plain.isClosed()).isFalse();
    }
  }

  private static HikariDataSource applicationPool(Dialect dialect, String name)
      throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setMaximumPoolSize(3);
    switch (dialect) {
      case H2 ->
          config.setJdbcUrl(
              "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1" + DatabaseConfig.H2_COMPATIBILITY);
      case POSTGRESQL -> {
        execute(TestDatabase.PG_URL, "create schema " + name);
        config.setJdbcUrl(TestDatabase.PG_URL);
        config.setSchema(name);
      }
    }
    return new HikariDataSource(config);
  }

  private static void execute(HikariDataSource pool, String sql) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement statement = c.createStatement()) {
      statement.execute(sql);
    }
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement statement = c.createStatement()) {
      statement.execute(sql);
    }
  }

  private static long count(HikariDataSource pool, String table) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement statement = c.createStatement();
        var rows = statement.executeQuery("select count(*) from " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
