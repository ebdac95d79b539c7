package io.flinks4j.sync.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.TestDatabase;
import io.flinks4j.sync.testing.TestDialects;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * A database that held transactions before the change feed existed gets them numbered by V7 (the H2
 * database lives as long as the test holds its connection).
 */
class ChangeFeedMigrationTest {

  @ParameterizedTest
  @ArgumentsSource(TestDialects.class)
  void transactions_stored_before_v7_are_numbered_in_insertion_order(Dialect dialect)
      throws Exception {
    String schema = "m_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String url =
        dialect == Dialect.H2
            ? "jdbc:h2:mem:" + schema + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
            : TestDatabase.PG_URL;
    try (Connection connection = DriverManager.getConnection(url)) {
      flyway(url, dialect, schema).target("4").load().migrate();
      try (Statement sql = connection.createStatement()) {
        String prefix = dialect == Dialect.H2 ? "" : schema + ".";
        sql.execute(
            "insert into "
                + prefix
                + "logins (login_hash, login_id_enc, created_at) values"
                + " ('h1', 'e1', current_timestamp), ('h2', 'e2', current_timestamp)");
        sql.execute(
            "insert into "
                + prefix
                + "accounts (login_id, flinks_account_id, first_seen_at)"
                + " select id, 'acc-' || id, current_timestamp from "
                + prefix
                + "logins");
        for (String id : List.of("a", "b", "c")) {
          sql.execute(
              "insert into "
                  + prefix
                  + "transactions (account_id, flinks_transaction_id, booked_on,"
                  + " first_seen_at) select id, '"
                  + id
                  + "', date '2026-11-20', current_timestamp from "
                  + prefix
                  + "accounts");
        }

        flyway(url, dialect, schema).load().migrate();

        List<String> rows = new ArrayList<>();
        try (ResultSet result =
            sql.executeQuery(
                "select l.login_hash, t.flinks_transaction_id, t.added_seq ="
                    + " t.change_seq, t.version, l.change_seq = (select max(x.change_seq) from "
                    + prefix
                    + "transactions x where x.login_id = l.id) from "
                    + prefix
                    + "transactions t join "
                    + prefix
                    + "logins l on l.id = t.login_id order by l.login_hash, t.change_seq")) {
          while (result.next()) {
            rows.add(
                result.getString(1)
                    + ":"
                    + result.getString(2)
                    + ":"
                    + result.getBoolean(3)
                    + ":"
                    + result.getInt(4)
                    + ":"
                    + result.getBoolean(5));
          }
        }
        assertThat(rows)
            .containsExactly(
                "h1:a:true:1:true",
                "h1:b:true:1:true",
                "h1:c:true:1:true",
                "h2:a:true:1:true",
                "h2:b:true:1:true",
                "h2:c:true:1:true");
      } finally {
        if (dialect == Dialect.POSTGRESQL) {
          try (Statement drop = connection.createStatement()) {
            drop.execute("drop schema " + schema + " cascade");
          }
        }
      }
    }
  }

  private static FluentConfiguration flyway(String url, Dialect dialect, String schema) {
    FluentConfiguration config =
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration");
    return dialect == Dialect.H2 ? config : config.schemas(schema).createSchemas(true);
  }
}
