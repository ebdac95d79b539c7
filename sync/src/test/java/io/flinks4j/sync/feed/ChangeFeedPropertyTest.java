package io.flinks4j.sync.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.sync.crypto.LoginIdProtector;
import io.flinks4j.sync.crypto.MasterKey;
import io.flinks4j.sync.ingest.IngestResult;
import io.flinks4j.sync.ingest.Ingester;
import io.flinks4j.sync.login.LoginRepository;
import io.flinks4j.sync.storage.Dialect;
import io.flinks4j.sync.testing.Payloads;
import io.flinks4j.sync.testing.TestDatabase;
import io.flinks4j.sync.testing.TestDialects;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Random sequences of added, modified and removed transactions across refreshes (with late, older
 * payloads and accounts left out), read by readers that page with random limits between refreshes,
 * start from scratch, or replay from an older cursor than their data: every reader ends with
 * exactly the stored transactions. Seeded, so a failure names the seed that reproduces it.
 */
@ParameterizedClass(name = "{0}")
@ArgumentsSource(TestDialects.class)
class ChangeFeedPropertyTest {

  private static final int SEEDS = 12;
  private static final int REFRESHES = 14;
  private static final int WINDOW_DAYS = 30;
  private static final List<String> ACCOUNTS = List.of("acc-1", "acc-2");

  static TestDatabase db;

  @Parameter Dialect dialect;

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  private final Ingester ingester = new Ingester(clock);
  private final LoginRepository logins =
      new LoginRepository(db.database(), new LoginIdProtector(MasterKey.generate()), clock);
  private final ChangeFeed feed = new ChangeFeed(db.database());

  @BeforeParameterizedClassInvocation
  static void open(Dialect dialect) {
    db = TestDatabase.create(dialect);
  }

  @AfterParameterizedClassInvocation
  static void close() {
    db.close();
  }

  /** Changes of each kind the runs made, so the test shows it exercised them all. */
  private final int[] kinds = new int[3];

  @Test
  void readers_replaying_from_any_cursor_converge_to_the_stored_transactions() {
    for (long seed = 1; seed <= SEEDS; seed++) {
      run(seed);
    }
    assertThat(Arrays.stream(kinds).min().orElseThrow())
        .as("fewest changes of one kind")
        .isGreaterThan(SEEDS);
  }

  @Test
  void a_reader_paging_while_two_writers_ingest_the_same_login_converges() throws Exception {
    long loginRef = newLogin();
    AtomicBoolean writing = new AtomicBoolean(true);
    List<CompletableFuture<Void>> writers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      Bank bank = new Bank(new SplittableRandom(100 + w));
      int writer = w;
      writers.add(
          CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 15; i++) {
              bank.refresh();
              ingest(
                  loginRef,
                  "w" + writer + "-" + i,
                  bank.payload(LocalDate.of(2026, 3, 1).plusDays(i), i, Map.of()));
            }
          }));
    }
    CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new))
        .whenComplete((ok, e) -> writing.set(false));
    Reader reader = new Reader();
    SplittableRandom random = new SplittableRandom(7);
    while (writing.get()) {
      reader.read(loginRef, 1 + random.nextInt(5));
    }
    CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get();
    reader.drain(loginRef);

    assertThat(reader.state).isEqualTo(stored(loginRef));
  }

  private void run(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long loginRef = newLogin();
    Bank bank = new Bank(random);
    List<AccountsDetail> applied = new ArrayList<>();
    List<Reader> readers = new ArrayList<>(List.of(new Reader()));
    LocalDate day = LocalDate.of(2026, 1, 1);
    for (int refresh = 0; refresh < REFRESHES; refresh++) {
      day = day.plusDays(random.nextInt(4));
      bank.refresh();
      Map<String, Boolean> shape =
          new HashMap<>(); // account -> left out (true) or sent without transactions
      for (String account : ACCOUNTS) {
        if (refresh > 0 && random.nextInt(10) == 0) {
          shape.put(account, random.nextBoolean());
        }
      }
      AccountsDetail payload = bank.payload(day, refresh, shape);
      IngestResult result = ingest(loginRef, "r" + refresh, payload);
      kinds[0] += result.newTransactions();
      kinds[1] += result.modifiedTransactions();
      kinds[2] += result.removedTransactions();
      applied.add(payload);
      assertWindowMatches(seed, loginRef, payload);
      if (applied.size() > 1
          && random.nextInt(6) == 0) { // a late webhook redelivers an older payload
        AccountsDetail late = applied.get(random.nextInt(applied.size() - 1));
        assertThat(ingest(loginRef, "late" + refresh, late).transactionsChanged())
            .as("seed %d", seed)
            .isFalse();
      }
      for (Reader reader : List.copyOf(readers)) {
        for (int pages = random.nextInt(4); pages > 0; pages--) {
          reader.read(loginRef, 1 + random.nextInt(7));
        }
        if (random.nextInt(5) == 0) {
          readers.add(
              reader.replayingFrom(reader.cursors.get(random.nextInt(reader.cursors.size()))));
        }
      }
      if (random.nextInt(4) == 0) {
        readers.add(new Reader());
      }
    }
    Map<String, ChangeFeed.ChangedTransaction> expected = stored(loginRef);
    for (Reader reader : readers) {
      reader.drain(loginRef);
      assertThat(reader.state).as("seed %d", seed).isEqualTo(expected);
    }
  }

  /**
   * Stored rows of each account sent with transactions, dated from its earliest one on, are exactly
   * those sent.
   */
  private void assertWindowMatches(long seed, long loginRef, AccountsDetail payload) {
    Map<String, ChangeFeed.ChangedTransaction> stored = stored(loginRef);
    for (var account : payload.accounts()) {
      if (account.transactions().isEmpty()) {
        continue;
      }
      LocalDate start =
          account.transactions().stream()
              .map(t -> t.date())
              .min(LocalDate::compareTo)
              .orElseThrow();
      Map<String, String> sent = new TreeMap<>();
      account
          .transactions()
          .forEach(t ->
              sent.put(
                  t.id(),
                  t.date()
                      + "|"
                      + t.description()
                      + "|"
                      + t.debit().stripTrailingZeros().toPlainString()));
      Map<String, String> kept = new TreeMap<>();
      String accountRef = accountRef(loginRef, account.id());
      stored.values().stream()
          .filter(
              c -> c.accountId().equals(accountRef) && !LocalDate.parse(c.date()).isBefore(start))
          .forEach(c ->
              kept.put(
                  c.id(),
                  c.date()
                      + "|"
                      + c.description()
                      + "|"
                      + c.debit().stripTrailingZeros().toPlainString()));
      assertThat(kept).as("seed %d, %s", seed, account.id()).isEqualTo(sent);
    }
  }

  private long newLogin() {
    return logins.register(UUID.randomUUID().toString(), Optional.empty()).login().id();
  }

  private IngestResult ingest(long loginRef, String key, AccountsDetail payload) {
    return db.database().inTransaction(c -> ingester.apply(c, loginRef, key, payload));
  }

  /** The login's present transactions, as the feed would serve them, by (account, id). */
  private Map<String, ChangeFeed.ChangedTransaction> stored(long loginRef) {
    Map<String, ChangeFeed.ChangedTransaction> all = new TreeMap<>();
    // Read through the feed from position 0 in one page: every present row, at its current content.
    ChangeFeed.Page page = feed.page(loginRef, 0, 1_000_000);
    page.added().forEach(change -> all.put(change.accountId() + "|" + change.id(), change));
    assertThat(page.modified()).isEmpty(); // from position 0 everything present is new
    return all;
  }

  private String accountRef(long loginRef, String flinksAccountId) {
    return db.database()
        .inTransaction(c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "select id from accounts where login_id = ? and flinks_account_id = ?")) {
            select.setLong(1, loginRef);
            select.setString(2, flinksAccountId);
            try (ResultSet rows = select.executeQuery()) {
              rows.next();
              return String.valueOf(rows.getLong(1));
            }
          }
        });
  }

  /** A client of the feed: what it holds and the cursors it was given. */
  private final class Reader {
    final Map<String, ChangeFeed.ChangedTransaction> state = new TreeMap<>();
    final List<Long> cursors = new ArrayList<>(List.of(0L));
    long cursor;

    void read(long loginRef, int limit) {
      ChangeFeed.Page page = feed.page(loginRef, cursor, limit);
      page.added().forEach(change -> state.put(change.accountId() + "|" + change.id(), change));
      page.modified().forEach(change -> state.put(change.accountId() + "|" + change.id(), change));
      page.removed().forEach(removal -> state.remove(removal.accountId() + "|" + removal.id()));
      assertThat(page.next()).isGreaterThanOrEqualTo(cursor);
      cursor = page.next();
      cursors.add(cursor);
    }

    void drain(long loginRef) {
      read(loginRef, 3);
      while (cursors.size() < 2
          || !cursors.get(cursors.size() - 1).equals(cursors.get(cursors.size() - 2))) {
        read(loginRef, 3);
      }
    }

    /**
     * A copy holding this reader's data that lost its newer cursors and reads again from {@code
     * older}.
     */
    Reader replayingFrom(long older) {
      Reader copy = new Reader();
      copy.state.putAll(state);
      copy.cursor = older;
      return copy;
    }
  }

  /** What the emulated bank holds: transactions per account, changed at random by each refresh. */
  private static final class Bank {
    private final SplittableRandom random;
    private final Map<String, Map<String, String[]>> accounts =
        new TreeMap<>(); // id -> {date, description, debit}
    private LocalDate day = LocalDate.of(2026, 1, 1);
    private int next;

    Bank(SplittableRandom random) {
      this.random = random;
      ACCOUNTS.forEach(account -> accounts.put(account, new TreeMap<>()));
    }

    synchronized void refresh() {
      for (Map<String, String[]> transactions : accounts.values()) {
        for (int i = random.nextInt(5); i > 0; i--) {
          transactions.put(
              "t" + next++,
              new String[] {day.minusDays(random.nextInt(6)).toString(), "d" + next, amount()});
        }
        List<String> ids = new ArrayList<>(transactions.keySet());
        for (int i = random.nextInt(3); i > 0 && !ids.isEmpty(); i--) {
          String[] t = transactions.get(ids.get(random.nextInt(ids.size())));
          switch (random.nextInt(3)) {
            case 0 -> t[1] = t[1] + " posted";
            case 1 -> t[2] = amount();
            default -> t[0] = LocalDate.parse(t[0]).plusDays(random.nextInt(3)).toString();
          }
        }
        for (int i = random.nextInt(3); i > 0 && !ids.isEmpty(); i--) {
          transactions.remove(ids.remove(random.nextInt(ids.size())));
        }
      }
    }

    /**
     * The bank's last {@value #WINDOW_DAYS} days as of {@code asOf}; {@code shape}: accounts left
     * out or empty.
     */
    synchronized AccountsDetail payload(LocalDate asOf, int refresh, Map<String, Boolean> shape) {
      day = asOf;
      Payloads payload =
          Payloads.forLogin("5602459c-f6d0-4ca0-6750-08dccdcadcc0")
              .lastRefresh(asOf + "T10:00:" + String.format("%02d", refresh % 60));
      for (var account : accounts.entrySet()) {
        Boolean leftOut = shape.get(account.getKey());
        if (Boolean.TRUE.equals(leftOut)) {
          continue;
        }
        Payloads.Account sent = payload.account(account.getKey(), BigDecimal.TEN);
        if (leftOut != null) {
          continue;
        }
        LocalDate start = asOf.minusDays(WINDOW_DAYS - 1L);
        account
            .getValue()
            .forEach((id, t) -> {
              if (!LocalDate.parse(t[0]).isBefore(start)) {
                sent.transaction(id, LocalDate.parse(t[0]), t[1], t[2], null);
              }
            });
      }
      return payload.parse();
    }

    private String amount() {
      return (1 + random.nextInt(500)) + "." + String.format("%02d", random.nextInt(100));
    }
  }
}
