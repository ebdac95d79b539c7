package io.flinks4j.sync.feed;

import static io.flinks4j.sync.testing.IngestFixture.DAY;
import static io.flinks4j.sync.testing.IngestFixture.LOGIN_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.sync.ingest.IngestResult;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.IngestFixture;
import io.flinks4j.sync.testing.Payloads;
import io.flinks4j.sync.testing.TestDatabase;
import io.flinks4j.sync.testing.TestDialects;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Ingest detects added, modified and removed transactions, and the feed serves them by position.
 */
@ParameterizedClass(name = "{0}")
@ArgumentsSource(TestDialects.class)
class ChangeFeedTest {

  static TestDatabase db;

  @Parameter Dialect dialect;

  private final IngestFixture ingest = new IngestFixture(db);
  private ChangeFeed feed;
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
    feed = new ChangeFeed(db.database());
  }

  @Test
  void the_first_payload_is_all_added() {
    apply(
        "2026-11-20T10:00:00",
        a ->
            a.transaction("a", DAY.minusDays(2), "coffee", "3.00", null)
                .transaction("b", DAY, "pay", null, "900.00"));

    ChangeFeed.Page page = feed.page(loginRef, 0, 100);

    assertThat(page.added())
        .extracting(ChangeFeed.ChangedTransaction::id)
        .containsExactly("a", "b");
    assertThat(page.added()).extracting(ChangeFeed.ChangedTransaction::version).containsOnly(1);
    assertThat(page.modified()).isEmpty();
    assertThat(page.removed()).isEmpty();
    assertThat(page.hasMore()).isFalse();
  }

  @Test
  void a_transaction_with_changed_fields_is_modified_and_its_old_version_kept() {
    apply(
        "2026-11-20T10:00:00",
        a -> a.transaction("a", DAY.minusDays(2), "PENDING coffee", "3.00", null));
    long cursor = feed.page(loginRef, 0, 100).next();

    IngestResult result =
        apply(
            "2026-11-21T10:00:00",
            a -> a.transaction("a", DAY.minusDays(1), "coffee", "3.25", null));

    assertThat(result.modifiedTransactions()).isEqualTo(1);
    ChangeFeed.Page page = feed.page(loginRef, cursor, 100);
    assertThat(page.added()).isEmpty();
    assertThat(page.modified())
        .singleElement()
        .satisfies(change -> {
          assertThat(change.description()).isEqualTo("coffee");
          assertThat(change.date()).isEqualTo(DAY.minusDays(1).toString());
          assertThat(change.debit()).isEqualByComparingTo("3.25");
          assertThat(change.version()).isEqualTo(2);
        });
    assertThat(strings("select description || '/' || version from transaction_versions"))
        .containsExactly("PENDING coffee/1");
  }

  @Test
  void a_transaction_gone_from_the_window_while_inside_it_is_removed_and_an_older_one_is_not() {
    apply(
        "2026-11-20T10:00:00",
        a ->
            a.transaction("old", DAY.minusDays(100), "old", "1.00", null)
                .transaction("start", DAY.minusDays(10), "start", "1.00", null)
                .transaction("gone", DAY.minusDays(5), "dropped pending", "2.00", null)
                .transaction("kept", DAY.minusDays(1), "kept", "3.00", null));
    long cursor = feed.page(loginRef, 0, 100).next();

    IngestResult result =
        apply(
            "2026-11-21T10:00:00",
            a ->
                a.transaction("start", DAY.minusDays(10), "start", "1.00", null)
                    .transaction("kept", DAY.minusDays(1), "kept", "3.00", null));

    assertThat(result.removedTransactions()).isEqualTo(1);
    ChangeFeed.Page page = feed.page(loginRef, cursor, 100);
    assertThat(page.removed())
        .extracting(ChangeFeed.RemovedTransaction::id)
        .containsExactly("gone");
    assertThat(page.added()).isEmpty();
    assertThat(page.modified()).isEmpty();
    assertThat(
            strings(
                "select flinks_transaction_id from transactions where removed_at is null order by booked_on"))
        .containsExactly("old", "start", "kept");
  }

  @Test
  void a_removed_transaction_that_comes_back_is_added_again() {
    apply(
        "2026-11-20T10:00:00",
        a ->
            a.transaction("a", DAY.minusDays(3), "a", "1.00", null)
                .transaction("b", DAY.minusDays(1), "b", "1.00", null));
    apply("2026-11-21T10:00:00", a -> a.transaction("a", DAY.minusDays(3), "a", "1.00", null));
    long afterRemoval = feed.page(loginRef, 0, 100).next();

    apply(
        "2026-11-22T10:00:00",
        a ->
            a.transaction("a", DAY.minusDays(3), "a", "1.00", null)
                .transaction("b", DAY.minusDays(1), "b", "1.00", null));

    ChangeFeed.Page page = feed.page(loginRef, afterRemoval, 100);
    assertThat(page.added()).extracting(ChangeFeed.ChangedTransaction::id).containsExactly("b");
    assertThat(page.added().getFirst().version()).isEqualTo(1);
  }

  @Test
  void a_payload_older_than_the_stored_data_neither_modifies_nor_removes() {
    apply(
        "2026-11-21T10:00:00",
        a ->
            a.transaction("a", DAY.minusDays(3), "posted", "1.00", null)
                .transaction("b", DAY.minusDays(1), "b", "1.00", null));
    long cursor = feed.page(loginRef, 0, 100).next();

    IngestResult result =
        apply(
            "2026-11-20T10:00:00",
            a -> a.transaction("a", DAY.minusDays(3), "pending", "1.00", null));

    assertThat(result.transactionsChanged()).isFalse();
    assertThat(feed.page(loginRef, cursor, 100).next()).isEqualTo(cursor);
  }

  @Test
  void the_same_payload_again_adds_no_change() {
    apply("2026-11-20T10:00:00", a -> a.transaction("a", DAY, "a", "1.00", null));
    long cursor = feed.page(loginRef, 0, 100).next();

    apply("2026-11-20T10:00:00", a -> a.transaction("a", DAY, "a", "1.00", null));

    assertThat(feed.page(loginRef, cursor, 100).added()).isEmpty();
    assertThat(feed.page(loginRef, cursor, 100).next()).isEqualTo(cursor);
  }

  @Test
  void pages_follow_the_limit_and_say_when_more_follow() {
    apply(
        "2026-11-20T10:00:00",
        a -> {
          for (int i = 0; i < 5; i++) {
            a.transaction("t" + i, DAY.minusDays(i), "t" + i, "1.00", null);
          }
        });

    ChangeFeed.Page first = feed.page(loginRef, 0, 2);
    ChangeFeed.Page second = feed.page(loginRef, first.next(), 2);
    ChangeFeed.Page third = feed.page(loginRef, second.next(), 2);

    assertThat(List.of(first.hasMore(), second.hasMore(), third.hasMore()))
        .containsExactly(true, true, false);
    List<String> ids = new ArrayList<>();
    for (ChangeFeed.Page page : List.of(first, second, third)) {
      page.added().forEach(change -> ids.add(change.id()));
    }
    assertThat(ids).containsExactlyInAnyOrder("t0", "t1", "t2", "t3", "t4");
  }

  /**
   * Applies a payload of one account, as of {@code lastRefresh}, whose transactions {@code fill}
   * adds.
   */
  private IngestResult apply(String lastRefresh, Consumer<Payloads.Account> fill) {
    Payloads payload = Payloads.forLogin(LOGIN_ID).lastRefresh(lastRefresh);
    fill.accept(payload.account("acc-1", new BigDecimal("100.00")));
    return ingest.apply("r-" + lastRefresh, payload.parse());
  }

  private List<String> strings(String sql) {
    return ingest.column(sql);
  }
}
