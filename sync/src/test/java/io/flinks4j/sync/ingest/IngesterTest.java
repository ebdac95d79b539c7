package io.flinks4j.sync.ingest;

import static io.flinks4j.sync.testing.IngestFixture.DAY;
import static io.flinks4j.sync.testing.IngestFixture.LOGIN_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.client.model.FlinksJson;
import io.flinks4j.sync.login.LoginRepository;
import io.flinks4j.sync.login.StoredLogin;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.IngestFixture;
import io.flinks4j.sync.testing.Payloads;
import io.flinks4j.sync.testing.TestDatabase;
import io.flinks4j.sync.testing.TestDialects;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;

@ParameterizedClass(name = "{0}")
@ArgumentsSource(TestDialects.class)
class IngesterTest {

  private static final List<String> TABLES =
      List.of("logins", "accounts", "holders", "transactions", "balance_snapshots");

  static TestDatabase db;

  @Parameter Dialect dialect;

  private final IngestFixture ingest = new IngestFixture(db);
  private final Ingester ingester = ingest.ingester();
  private final LoginRepository logins = ingest.logins();
  private long loginRef;

  @BeforeParameterizedClassInvocation
  static void open(Dialect dialect) {
    db = TestDatabase.create(dialect);
  }

  @AfterParameterizedClassInvocation
  static void close() {
    db.close();
  }

  @BeforeEach
  void registerLogin() {
    loginRef = ingest.registerLogin();
  }

  @Test
  void the_documented_payload_lands_in_every_table() {
    IngestResult result =
        apply(
            "r1",
            FlinksJson.parseAccountsDetail(Payloads.fixture("getaccountsdetailasync-200.json")));

    assertThat(result).isEqualTo(new IngestResult(1, 1, 2, 2, 0, 0, 1));
    assertThat(counts())
        .isEqualTo(
            Map.of(
                "logins",
                1L,
                "accounts",
                1L,
                "holders",
                1L,
                "transactions",
                2L,
                "balance_snapshots",
                1L));
    StoredLogin login = logins.findById(loginRef).orElseThrow();
    assertThat(login.institution()).contains("FlinksCapital");
    assertThat(login.lastRefresh()).contains(LocalDateTime.parse("2025-01-31T17:40:54.569261"));
  }

  @Test
  void the_same_payload_applied_twice_changes_nothing() {
    AccountsDetail detail =
        FlinksJson.parseAccountsDetail(Payloads.fixture("getaccountsdetailasync-200.json"));
    apply("r1", detail);
    Map<String, List<String>> before = contents();

    IngestResult again = apply("r1", detail);

    assertThat(again).isEqualTo(new IngestResult(1, 0, 2, 0, 0, 0, 0));
    assertThat(contents()).isEqualTo(before);
  }

  @Test
  void no_table_holds_the_login_id_in_clear_after_ingest() {
    Payloads payload = Payloads.forLogin(LOGIN_ID);
    payload.account("acc-1", BigDecimal.ONE).transactions("t", 3, DAY);

    apply("r1", payload.parse());

    assertThat(contents().values().stream().flatMap(List::stream))
        .isNotEmpty()
        .noneMatch(row -> row.contains(LOGIN_ID));
  }

  @Test
  void a_nul_in_bank_text_is_stored_as_a_replacement_character_not_refused() {
    Payloads payload = Payloads.forLogin(LOGIN_ID);
    payload
        .account("acc-1", BigDecimal.ONE)
        .transaction("t-\u0000-1", DAY, "coffee\u0000shop", "3.50", null);

    apply("r1", payload.parse());

    assertThat(this.<String>column("select description from transactions"))
        .containsExactly("coffee\uFFFDshop");
  }

  @Test
  void amounts_are_stored_exactly() {
    apply(
        "r1", FlinksJson.parseAccountsDetail(Payloads.fixture("getaccountsdetailasync-200.json")));

    List<BigDecimal> credits = column("select credit from transactions order by credit");
    assertThat(credits)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(new BigDecimal("100"), new BigDecimal("1500.25"));
  }

  @Test
  void transactions_that_leave_the_window_are_kept() {
    Payloads first = Payloads.forLogin(LOGIN_ID);
    first
        .account("acc-1", new BigDecimal("100.00"))
        .transaction("old", DAY.minusDays(90), "old one", "1.00", null)
        .transaction("kept", DAY.minusDays(1), "kept", "2.00", null);
    apply("r1", first.parse());
    Payloads second = Payloads.forLogin(LOGIN_ID);
    second
        .account("acc-1", new BigDecimal("100.00"))
        .transaction("kept", DAY.minusDays(1), "kept", "2.00", null)
        .transaction("new", DAY, "new", null, "3.00");

    IngestResult result = apply("r2", second.parse());

    assertThat(result.newTransactions()).isEqualTo(1);
    assertThat(
            this.<String>column(
                "select flinks_transaction_id from transactions order by booked_on"))
        .containsExactly("old", "kept", "new");
  }

  @Test
  void each_retrieval_adds_one_balance_snapshot_per_account() {
    Payloads first = Payloads.forLogin(LOGIN_ID);
    first.account("acc-1", new BigDecimal("100.00"));
    first.account("acc-2", new BigDecimal("5.00"));
    apply("r1", first.parse());
    Payloads second = Payloads.forLogin(LOGIN_ID).lastRefresh("2026-11-21T10:00:00");
    second.account("acc-1", new BigDecimal("150.00"));
    second.account("acc-2", new BigDecimal("5.00"));

    apply("r2", second.parse());
    apply("r2", second.parse());

    assertThat(db.count("balance_snapshots")).isEqualTo(4);
    assertThat(
            this.<BigDecimal>column(
                "select b.available from balance_snapshots b join accounts a on a.id = b.account_id"
                    + " where a.flinks_account_id = 'acc-1' order by b.id"))
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(new BigDecimal("100.00"), new BigDecimal("150.00"));
  }

  @Test
  void transactions_without_a_usable_id_are_stored_once_each_and_idempotently() {
    Payloads payload = Payloads.forLogin(LOGIN_ID);
    payload
        .account("acc-1", BigDecimal.ONE)
        .transaction(null, DAY, "coffee", "3.50", null)
        .transaction(null, DAY, "coffee", "3.50", null)
        .transaction("xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", DAY, "tea", "2.00", null)
        .transaction("xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", DAY, "cake", "4.00", null);

    apply("r1", payload.parse());
    apply("r2", payload.parse());

    assertThat(db.count("transactions")).isEqualTo(4);
  }

  @Test
  void a_transaction_id_repeated_within_a_payload_is_stored_once() {
    Payloads payload = Payloads.forLogin(LOGIN_ID);
    payload
        .account("acc-1", BigDecimal.ONE)
        .transaction("same", DAY, "a", "1.00", null)
        .transaction("same", DAY, "a", "1.00", null);

    assertThat(apply("r1", payload.parse()).newTransactions()).isEqualTo(1);
    assertThat(db.count("transactions")).isEqualTo(1);
  }

  @Test
  void large_payloads_are_stored_completely() {
    Payloads payload = Payloads.forLogin(LOGIN_ID);
    payload
        .account("acc-1", BigDecimal.ONE)
        .transactions("a", 2_001, DAY); // more than one JDBC batch
    payload.account("acc-2", BigDecimal.ONE).transactions("b", 5, DAY);

    IngestResult result = apply("r1", payload.parse());

    assertThat(result.newTransactions()).isEqualTo(2_006);
    assertThat(db.count("transactions")).isEqualTo(2_006);
    assertThat(apply("r2", payload.parse()).newTransactions()).isZero();
  }

  @Test
  void a_value_the_next_payload_omits_keeps_its_stored_value() {
    Payloads first = Payloads.forLogin(LOGIN_ID);
    first.account("acc-1", BigDecimal.ONE);
    apply("r1", first.parse());
    Payloads second = Payloads.forLogin(LOGIN_ID);
    second.account("acc-1", BigDecimal.ONE).without("AccountNumber").without("Holder");

    apply("r2", second.parse());

    assertThat(this.<String>column("select account_number from accounts"))
        .containsExactly("7641238");
    assertThat(this.<String>column("select name from holders")).containsExactly("Ron Swanson");
  }

  @Test
  void a_changed_value_is_updated() {
    Payloads first = Payloads.forLogin(LOGIN_ID);
    first.account("acc-1", BigDecimal.ONE);
    apply("r1", first.parse());
    Payloads second = Payloads.forLogin(LOGIN_ID);
    second.account("acc-1", BigDecimal.ONE).without("Title");
    byte[] renamed =
        new String(second.bytes()).replace("\"Title\":null", "\"Title\":\"Renamed\"").getBytes();

    apply("r2", FlinksJson.parseAccountsDetail(renamed));

    assertThat(this.<String>column("select title from accounts")).containsExactly("Renamed");
  }

  @Test
  void nothing_is_stored_when_the_callers_transaction_rolls_back() throws SQLException {
    AccountsDetail detail =
        FlinksJson.parseAccountsDetail(Payloads.fixture("getaccountsdetail-200.json"));
    try (Connection connection = db.database().dataSource().getConnection()) {
      connection.setAutoCommit(false);
      ingester.apply(connection, loginRef, "r1", detail);
      connection.rollback();
    }

    assertThat(db.count("accounts")).isZero();
    assertThat(db.count("transactions")).isZero();
  }

  @Test
  void kyc_holders_are_replaced_and_reapplying_them_changes_nothing() {
    var kyc = FlinksJson.parseKyc(Payloads.fixture("webhook-kyc.json"));

    boolean first = db.database().inTransaction(c -> ingester.applyKyc(c, loginRef, kyc.holders()));
    boolean second =
        db.database().inTransaction(c -> ingester.applyKyc(c, loginRef, kyc.holders()));

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(this.<String>column("select name from holders where account_id is null"))
        .containsExactly("Ron Swanson");
  }

  @Test
  void metrics_count_new_transactions_and_time_each_payload() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Ingester measured = new Ingester(IngestFixture.CLOCK, meters);
    AccountsDetail detail =
        FlinksJson.parseAccountsDetail(Payloads.fixture("getaccountsdetailasync-200.json"));

    db.database().inTransaction(c -> measured.apply(c, loginRef, "r1", detail));
    db.database().inTransaction(c -> measured.apply(c, loginRef, "r1", detail));

    assertThat(meters.get("flinks4j.ingest.transactions.new").counter().count()).isEqualTo(2.0);
    assertThat(meters.get("flinks4j.ingest.duration").timer().count()).isEqualTo(2);
  }

  @Test
  void an_unknown_login_is_refused() {
    AccountsDetail detail =
        FlinksJson.parseAccountsDetail(Payloads.fixture("getaccountsdetail-200.json"));

    assertThatThrownBy(() ->
            db.database().inTransaction(c -> ingester.apply(c, loginRef + 1000, "r1", detail)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deleting_the_login_removes_its_data() {
    apply(
        "r1", FlinksJson.parseAccountsDetail(Payloads.fixture("getaccountsdetailasync-200.json")));

    logins.delete(LOGIN_ID);

    assertThat(counts()).allSatisfy((table, count) -> assertThat(count).as(table).isZero());
  }

  private IngestResult apply(String retrievalKey, AccountsDetail detail) {
    return ingest.apply(retrievalKey, detail);
  }

  private Map<String, Long> counts() {
    Map<String, Long> counts = new TreeMap<>();
    TABLES.forEach(table -> counts.put(table, db.count(table)));
    return counts;
  }

  /** Every row of every table, as text, to prove nothing changed. */
  private Map<String, List<String>> contents() {
    return db.database()
        .inTransaction(connection -> {
          Map<String, List<String>> all = new TreeMap<>();
          for (String table : TABLES) {
            List<String> rows = new ArrayList<>();
            try (ResultSet result =
                connection
                    .createStatement()
                    .executeQuery("select * from " + table + " order by id")) {
              ResultSetMetaData meta = result.getMetaData();
              while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                  row.append(result.getObject(i)).append('|');
                }
                rows.add(row.toString());
              }
            }
            all.put(table, rows);
          }
          return all;
        });
  }

  private <T> List<T> column(String sql) {
    return ingest.column(sql);
  }
}
