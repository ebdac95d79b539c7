package io.flinks4j.sync.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.sync.testing.TestDatabase;
import io.flinks4j.sync.testing.TestDialects;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

class DatabaseTest {

  @ParameterizedTest
  @ArgumentsSource(TestDialects.class)
  void opening_migrates_the_storage_tables(Dialect dialect) {
    try (TestDatabase test = TestDatabase.create(dialect)) {
      assertThat(tables(test.database()))
          .contains("logins", "accounts", "holders", "transactions", "balance_snapshots");
      assertThat(test.database().isReachable()).isTrue();
    }
  }

  @ParameterizedTest
  @ArgumentsSource(TestDialects.class)
  void reopening_an_up_to_date_database_keeps_its_data(Dialect dialect) {
    try (TestDatabase test = TestDatabase.create(dialect)) {
      test.database()
          .inTransaction(c ->
              c.createStatement()
                  .executeUpdate(
                      "insert into logins (login_hash, login_id_enc, created_at) values ('h', 'e', current_timestamp)"));

      try (Database again = Database.open(test.config())) {
        int count =
            again.inTransaction(c -> {
              try (ResultSet rows =
                  c.createStatement().executeQuery("select count(*) from logins")) {
                rows.next();
                return rows.getInt(1);
              }
            });
        assertThat(count).isEqualTo(1);
      }
    }
  }

  @Test
  void pool_metrics_are_published_when_a_registry_is_given() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    try (Database database = Database.open(TestDatabase.config(Dialect.H2), meters)) {
      assertThat(database.isReachable()).isTrue();
      assertThat(meters.find("hikaricp.connections.max").gauge()).isNotNull();
    }
  }

  @Test
  void default_embedded_database_is_a_file_in_the_given_folder(@TempDir Path folder) {
    try (Database database = Database.open(DatabaseConfig.h2File(folder))) {
      assertThat(database.dialect()).isEqualTo(Dialect.H2);
    }

    assertThat(folder.resolve("flinks4j.mv.db")).exists();
  }

  @Test
  void the_embedded_database_files_and_the_folder_created_for_them_are_the_owner_s_only(
      @TempDir Path folder) throws Exception {
    Path data = folder.resolve("data");
    try (Database database = Database.open(DatabaseConfig.h2File(data))) {
      assertThat(permissions(data.resolve("flinks4j.mv.db"))).isEqualTo("rw-------");
    }
    // Reopened: the compaction before each start rewrites the file, and the copy is restricted
    // again.
    try (Database database = Database.open(DatabaseConfig.h2File(data))) {
      assertThat(permissions(data.resolve("flinks4j.mv.db"))).isEqualTo("rw-------");
    }
    assertThat(permissions(data)).isEqualTo("rwx------");
  }

  private static String permissions(Path path) throws java.io.IOException {
    return java.nio.file.attribute.PosixFilePermissions.toString(
        java.nio.file.Files.getPosixFilePermissions(path));
  }

  private static List<String> tables(Database database) {
    return database.inTransaction(connection -> {
      List<String> names = new ArrayList<>();
      try (ResultSet rows =
          connection
              .getMetaData()
              .getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
        while (rows.next()) {
          names.add(rows.getString("TABLE_NAME").toLowerCase());
        }
      }
      return names;
    });
  }
}
