package io.flinks4j.sync.storage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinks4j.sync.testing.TestDatabase;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectionFailureTest {

  private static DatabaseConfig config(String url, String user) {
    return new DatabaseConfig(
        url, Optional.ofNullable(user), Optional.empty(), 2, Optional.empty());
  }

  /** The test server's URL with another database name, keeping its host, port and parameters. */
  private static String otherDatabase(String name) {
    return TestDatabase.PG_URL.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
  }

  @Test
  void a_database_that_does_not_exist_is_named_as_the_cause_in_one_line() {
    assertThatThrownBy(() -> Database.open(config(otherDatabase("flinks4j_absent_db"), null)))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("cannot connect to jdbc:postgresql://")
        .hasMessageContaining(
            "database does not exist: database \"flinks4j_absent_db\" does not exist")
        .hasMessageNotContaining("\n");
  }

  @Test
  void a_refused_login_is_an_authentication_failure() {
    String url = TestDatabase.PG_URL.replaceFirst("\\?.*$", "");
    assertThatThrownBy(() -> Database.open(config(url, "flinks4j_no_such_role")))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("authentication failed: ")
        .hasMessageContaining("flinks4j_no_such_role")
        .hasMessageNotContaining("\n");
  }

  @Test
  void a_port_nobody_listens_on_is_an_unreachable_host() {
    assertThatThrownBy(
            () -> Database.open(config("jdbc:postgresql://127.0.0.1:1/flinks4j_test", "postgres")))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("host unreachable: ")
        .hasMessageContaining("127.0.0.1:1")
        .hasMessageNotContaining("\n");
  }

  @Test
  void the_password_in_a_url_query_is_not_repeated() {
    assertThatThrownBy(
            () -> Database.open(config("jdbc:postgresql://127.0.0.1:1/x?password=pw-secret", null)))
        .isInstanceOf(StorageException.class)
        .hasMessageNotContaining("pw-secret");
  }
}
