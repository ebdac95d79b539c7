package io.flinks4j.sync.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinks4j.sync.crypto.LoginIdProtector;
import io.flinks4j.sync.crypto.MasterKey;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.TestDatabase;
import io.flinks4j.sync.testing.TestDialects;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;

@ParameterizedClass(name = "{0}")
@ArgumentsSource(TestDialects.class)
class LoginRepositoryTest {

  private static final String LOGIN_ID = "5602459c-f6d0-4ca0-6750-08dccdcadcc0";
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  static TestDatabase db;

  @Parameter Dialect dialect;

  private final LoginRepository logins =
      new LoginRepository(
          db.database(),
          new LoginIdProtector(MasterKey.generate()),
          Clock.fixed(NOW, ZoneOffset.UTC));

  @BeforeParameterizedClassInvocation
  static void open(Dialect dialect) {
    db = TestDatabase.create(dialect);
  }

  @AfterParameterizedClassInvocation
  static void close() {
    db.close();
  }

  @BeforeEach
  void empty() {
    db.clear();
  }

  @Test
  void registering_a_new_login_creates_it() {
    Registration registration = logins.register(LOGIN_ID, Optional.of("customer-42"));

    assertThat(registration.created()).isTrue();
    assertThat(registration.login().loginId()).isEqualTo(LOGIN_ID);
    assertThat(registration.login().tag()).contains("customer-42");
    assertThat(registration.login().createdAt()).isEqualTo(NOW);
  }

  @Test
  void registering_twice_returns_the_same_login_without_a_duplicate() {
    Registration first = logins.register(LOGIN_ID, Optional.empty());
    Registration second = logins.register(LOGIN_ID, Optional.empty());

    assertThat(second.created()).isFalse();
    assertThat(second.login().id()).isEqualTo(first.login().id());
    assertThat(db.count("logins")).isEqualTo(1);
  }

  @Test
  void re_registering_with_a_tag_replaces_the_tag() {
    logins.register(LOGIN_ID, Optional.of("old"));

    assertThat(logins.register(LOGIN_ID, Optional.of("new")).login().tag()).contains("new");
  }

  @Test
  void a_login_is_found_by_login_id_and_by_internal_id() {
    long id = logins.register(LOGIN_ID, Optional.empty()).login().id();

    assertThat(logins.find(LOGIN_ID)).map(StoredLogin::id).contains(id);
    assertThat(logins.findById(id)).map(StoredLogin::loginId).contains(LOGIN_ID);
    assertThat(logins.find("00000000-0000-0000-0000-000000000000")).isEmpty();
  }

  @Test
  void the_database_never_holds_the_login_id_in_clear() {
    logins.register(LOGIN_ID, Optional.empty());

    assertThat(allValues("logins")).isNotEmpty().noneMatch(value -> value.contains(LOGIN_ID));
  }

  @Test
  void delete_removes_the_login() {
    logins.register(LOGIN_ID, Optional.empty());

    assertThat(logins.delete(LOGIN_ID)).isTrue();
    assertThat(logins.delete(LOGIN_ID)).isFalse();
    assertThat(logins.find(LOGIN_ID)).isEmpty();
  }

  @Test
  void list_pages_through_logins_in_registration_order() {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(logins.register("login-" + i, Optional.empty()).login().id());
    }

    List<StoredLogin> firstPage = logins.list(0, 3);
    List<StoredLogin> secondPage = logins.list(firstPage.getLast().id(), 3);

    assertThat(firstPage).extracting(StoredLogin::id).containsExactlyElementsOf(ids.subList(0, 3));
    assertThat(secondPage).extracting(StoredLogin::id).containsExactlyElementsOf(ids.subList(3, 5));
  }

  @Test
  void a_malformed_login_id_is_refused_without_being_echoed() {
    assertThatThrownBy(() -> logins.register("has space", Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("has space");
    assertThat(logins.find("x".repeat(500))).isEmpty();
  }

  @Test
  void to_string_hides_the_login_id() {
    assertThat(logins.register(LOGIN_ID, Optional.empty()).toString()).doesNotContain(LOGIN_ID);
  }

  private static List<String> allValues(String table) {
    return db.database()
        .inTransaction(connection -> {
          List<String> values = new ArrayList<>();
          try (ResultSet rows =
              connection.createStatement().executeQuery("select * from " + table)) {
            ResultSetMetaData meta = rows.getMetaData();
            while (rows.next()) {
              for (int column = 1; column <= meta.getColumnCount(); column++) {
                values.add(String.valueOf(rows.getObject(column)));
              }
            }
          }
          return values;
        });
  }
}
