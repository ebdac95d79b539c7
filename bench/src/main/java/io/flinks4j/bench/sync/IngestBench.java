package io.flinks4j.bench.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinks4j.bench.payload.DetailPayloads;
import io.flinks4j.client.model.Account;
import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.client.model.FlinksJson;
import io.flinks4j.client.model.Transaction;
import io.flinks4j.sync.ingest.IngestResult;
import io.flinks4j.sync.ingest.Ingester;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Transactions persisted per second by the sync module's {@link Ingester}, parse of the payload
 * included, against the two costs it cannot avoid measured in the same run on the same database:
 * Jackson parsing the same bytes ({@code readTree}) and a bare JDBC batch insert of the same rows.
 * Goal: end to end at most 1.25x their sum.
 *
 * <p>Usage: {@code IngestBench [h2|pg|all] [rounds]}. Each round ingests the payload for a fresh
 * login (so every transaction is new) and inserts the same rows for another fresh login; the three
 * measurements rotate their order each round and the medians are reported.
 */
public final class IngestBench {

  private static final int ACCOUNTS = 10;
  private static final int PER_ACCOUNT = 10_000;
  private static final int TOTAL = ACCOUNTS * PER_ACCOUNT;
  private static final int WARMUP = 2;
  private static final int BATCH = 2_000;

  private final byte[] payload = DetailPayloads.withTransactions(ACCOUNTS, PER_ACCOUNT, 0x1A6E57L);
  private final AccountsDetail model = FlinksJson.parseAccountsDetail(payload);
  private final ObjectMapper mapper = new ObjectMapper();
  private final Ingester ingester = new Ingester(Clock.systemUTC());

  private IngestBench() {}

  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0] : "all";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<String> kinds = which.equals("all") ? List.of("h2", "pg") : List.of(which);
    IngestBench bench = new IngestBench();
    System.out.printf(
        Locale.ROOT,
        "== ingest: %d accounts x %,d transactions (%.1f MB payload), median of %d rounds"
            + " after %d warm-up ==%n",
        ACCOUNTS,
        PER_ACCOUNT,
        bench.payload.length / 1e6,
        rounds,
        WARMUP);
    for (String kind : kinds) {
      try (BenchDatabase db = BenchDatabase.open(kind, 4)) {
        bench.run(db, rounds);
      }
    }
  }

  private void run(BenchDatabase db, int rounds) throws Exception {
    long[] parseIngest = new long[rounds];
    long[] ingestOnly = new long[rounds];
    long[] jackson = new long[rounds];
    long[] bareInsert = new long[rounds];
    for (int round = 0; round < WARMUP + rounds; round++) {
      int slot = round - WARMUP;
      for (int step = 0; step < 3; step++) {
        switch ((round + step) % 3) {
          case 0 -> {
            long[] times = endToEnd(db);
            if (slot >= 0) {
              parseIngest[slot] = times[0];
              ingestOnly[slot] = times[1];
            }
          }
          case 1 -> {
            long t = jacksonParse();
            if (slot >= 0) {
              jackson[slot] = t;
            }
          }
          default -> {
            long t = bareInsert(db);
            if (slot >= 0) {
              bareInsert[slot] = t;
            }
          }
        }
      }
    }
    long e2e = median(parseIngest);
    long apply = median(ingestOnly);
    long parse = median(jackson);
    long insert = median(bareInsert);
    double ratio = (double) e2e / (parse + insert);
    System.out.printf(Locale.ROOT, "%s%n", db.name());
    System.out.printf(
        Locale.ROOT,
        "  end to end (FlinksJson parse + Ingester.apply + commit) %7.0f ms %,10.0f tx/s%n",
        ms(e2e),
        perSecond(e2e));
    System.out.printf(
        Locale.ROOT,
        "    of which Ingester.apply + commit                     %7.0f ms%n",
        ms(apply));
    System.out.printf(
        Locale.ROOT,
        "  baseline Jackson readTree of the same bytes            %7.0f ms %,10.0f tx/s%n",
        ms(parse),
        perSecond(parse));
    System.out.printf(
        Locale.ROOT,
        "  baseline bare JDBC batch insert of the same rows       %7.0f ms %,10.0f tx/s%n",
        ms(insert),
        perSecond(insert));
    System.out.printf(
        Locale.ROOT,
        "  ratio end to end / (parse + insert) = %.2fx (goal <= 1.25x: %s)%n",
        ratio,
        ratio <= 1.25 ? "met" : "NOT met");
  }

  /** Parse + ingest for a fresh login; returns {total, apply-only} nanoseconds. */
  private long[] endToEnd(BenchDatabase db) {
    long login = db.database().inTransaction(db::newLogin);
    settle();
    long start = System.nanoTime();
    AccountsDetail detail = FlinksJson.parseAccountsDetail(payload);
    long parsed = System.nanoTime();
    IngestResult result =
        db.database().inTransaction(c -> ingester.apply(c, login, "bench", detail));
    long end = System.nanoTime();
    if (result.newTransactions() != TOTAL) {
      throw new IllegalStateException(
          "Ingester stored " + result.newTransactions() + " of " + TOTAL + " transactions");
    }
    return new long[] {end - start, end - parsed};
  }

  private long jacksonParse() throws Exception {
    settle();
    long start = System.nanoTime();
    if (mapper.readTree(payload).get("Accounts").size() != ACCOUNTS) {
      throw new IllegalStateException("unexpected payload");
    }
    return System.nanoTime() - start;
  }

  /**
   * The rows Ingester would write, inserted with a plain batched INSERT for a fresh login's
   * accounts.
   */
  private long bareInsert(BenchDatabase db) {
    List<Long> accountIds = db.database().inTransaction(c -> newAccounts(db, c));
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    settle();
    long start = System.nanoTime();
    int inserted =
        db.database()
            .inTransaction(c -> {
              int count = 0;
              try (PreparedStatement insert =
                  c.prepareStatement(
                      "insert into transactions (account_id, flinks_transaction_id, booked_on,"
                          + " description, debit, credit, balance, code, first_seen_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int pending = 0;
                for (int a = 0; a < ACCOUNTS; a++) {
                  for (Transaction t : model.accounts().get(a).transactions()) {
                    insert.setLong(1, accountIds.get(a));
                    insert.setString(2, t.id());
                    insert.setObject(3, t.date());
                    insert.setString(4, t.description());
                    amount(insert, 5, t.debit());
                    amount(insert, 6, t.credit());
                    amount(insert, 7, t.balance());
                    insert.setString(8, t.code());
                    insert.setObject(9, now);
                    insert.addBatch();
                    if (++pending == BATCH) {
                      count += rows(insert.executeBatch());
                      pending = 0;
                    }
                  }
                }
                if (pending > 0) {
                  count += rows(insert.executeBatch());
                }
              }
              return count;
            });
    long elapsed = System.nanoTime() - start;
    if (inserted != TOTAL) {
      throw new IllegalStateException("bare insert wrote " + inserted + " rows");
    }
    return elapsed;
  }

  private List<Long> newAccounts(BenchDatabase db, Connection c) throws SQLException {
    long login = db.newLogin(c);
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement insert =
        c.prepareStatement(
            "insert into accounts (login_id, flinks_account_id, first_seen_at) values (?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      for (Account account : model.accounts()) {
        insert.setLong(1, login);
        insert.setString(2, account.id());
        insert.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
          keys.next();
          ids.add(keys.getLong(1));
        }
      }
    }
    return ids;
  }

  private static void amount(PreparedStatement statement, int index, BigDecimal value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.NUMERIC);
    } else {
      statement.setBigDecimal(index, value);
    }
  }

  private static int rows(int[] counts) {
    int total = 0;
    for (int count : counts) {
      total += count == Statement.SUCCESS_NO_INFO ? 1 : Math.max(0, count);
    }
    return total;
  }

  /**
   * Lets the previous step's garbage go before timing, so one measurement does not pay for
   * another's.
   */
  private static void settle() {
    System.gc();
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static double perSecond(long nanos) {
    return TOTAL / (nanos / 1e9);
  }
}
