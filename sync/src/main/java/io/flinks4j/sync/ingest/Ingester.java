package io.flinks4j.sync.ingest;

import io.flinks4j.client.model.Account;
import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.client.model.Balance;
import io.flinks4j.client.model.Holder;
import io.flinks4j.client.model.Transaction;
import io.flinks4j.sync.storage.Columns;
import io.flinks4j.sync.storage.NamedStatement;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Applies a GetAccountsDetail payload to the stored data of one login: accounts, holders,
 * transactions (added, modified or removed, each change numbered for the change feed: see {@link
 * TransactionWriter}) and one balance snapshot per account and retrieval.
 *
 * <p>It runs on the caller's connection and never commits, so the engine can store a retrieval's
 * data and its completion in one transaction. Applying the same payload again changes nothing;
 * transactions that later drop out of Flinks's window stay stored; account and holder fields a
 * later payload omits (null) keep their stored value. Concurrent calls for the same login are
 * serialised by a row lock on the login. Thread-safe.
 *
 * <p>Transactions are keyed by (account, Flinks transaction id). When Flinks sends no usable id
 * (absent or masked such as {@code xxxxxxxx-...}), a deterministic id is derived from the
 * transaction's content and its position among identical ones, so re-applying stays idempotent.
 */
public final class Ingester {

  private static final Columns<Account> ACCOUNT = StoredColumns.ACCOUNT;
  private static final Columns<Holder> HOLDER = StoredColumns.HOLDER;
  private static final Columns<Balance> BALANCE = StoredColumns.BALANCE;

  private static final HexFormat HEX = HexFormat.of();

  private final Clock clock;
  private final Timer duration;
  private final Counter newTransactions;

  /** An ingester that records no metrics. */
  public Ingester(Clock clock) {
    this(clock, new SimpleMeterRegistry());
  }

  /**
   * An ingester publishing {@code flinks4j.ingest.duration} (time per payload) and {@code
   * flinks4j.ingest.transactions.new} (transactions stored for the first time), counted when {@link
   * #apply} returns, before the caller commits.
   */
  public Ingester(Clock clock, MeterRegistry meters) {
    this.clock = clock;
    this.duration =
        Timer.builder("flinks4j.ingest.duration")
            .description("Time to store one payload")
            .register(meters);
    this.newTransactions =
        Counter.builder("flinks4j.ingest.transactions.new")
            .description("Transactions stored for the first time")
            .register(meters);
  }

  /**
   * Stores {@code detail} for the login with internal id {@code loginRef}.
   *
   * @param retrievalKey the caller's id of this retrieval (at most 100 characters): one balance
   *     snapshot per account and key
   * @throws IllegalArgumentException when the login does not exist or the key is unusable
   */
  public IngestResult apply(
      Connection connection, long loginRef, String retrievalKey, AccountsDetail detail)
      throws SQLException {
    long start = System.nanoTime();
    IngestResult result = store(connection, loginRef, retrievalKey, detail);
    duration.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    newTransactions.increment(result.newTransactions());
    return result;
  }

  private IngestResult store(
      Connection connection, long loginRef, String retrievalKey, AccountsDetail detail)
      throws SQLException {
    if (retrievalKey == null || retrievalKey.isEmpty() || retrievalKey.length() > 100) {
      throw new IllegalArgumentException("retrievalKey must be 1-100 characters");
    }
    OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
    Locked locked = lockLogin(connection, loginRef, now);
    LocalDateTime asOf = detail.login() == null ? null : detail.login().lastRefresh();
    updateLogin(connection, loginRef, detail.institution(), asOf);

    List<Account> accounts = distinctAccounts(detail.accounts());
    Map<String, StoredAccount> stored = loadAccounts(connection, loginRef);
    Set<String> newAccountKeys = new HashSet<>();
    for (Account account : accounts) {
      if (!stored.containsKey(accountKey(account))) {
        newAccountKeys.add(accountKey(account));
      }
    }
    int newAccounts = upsertAccounts(connection, loginRef, accounts, stored, now);
    if (newAccounts > 0) {
      stored = loadAccounts(connection, loginRef);
    }
    upsertHolders(connection, loginRef, accounts, stored, now);

    LocalDate fallbackDate = (asOf != null ? asOf : now.toLocalDateTime()).toLocalDate();
    // A payload older than the stored data (a redelivered webhook) may add rows but never modify or
    // remove any.
    boolean authoritative =
        asOf == null || locked.lastRefresh() == null || !asOf.isBefore(locked.lastRefresh());
    List<TransactionWriter.AccountRows> changed = new ArrayList<>();
    Map<Long, String> changedDigests = new LinkedHashMap<>();
    int transactions = 0;
    for (Account account : accounts) {
      List<TransactionWriter.Row> rows = transactionRows(account.transactions(), fallbackDate);
      StoredAccount target = stored.get(accountKey(account));
      String rowsDigest = TransactionWriter.digest(rows);
      if (!rowsDigest.equals(target.transactionsDigest())) {
        changed.add(
            new TransactionWriter.AccountRows(
                target.id(), !newAccountKeys.contains(accountKey(account)), rows));
        if (authoritative) {
          changedDigests.put(target.id(), rowsDigest);
        }
      }
      transactions += rows.size();
    }
    TransactionWriter.Changes changes =
        new TransactionWriter(connection, loginRef, now, locked.changeSeq())
            .write(changed, authoritative);
    if (changes.lastSeq() != locked.changeSeq()) {
      try (NamedStatement update =
          NamedStatement.prepare(
              connection, "update logins set change_seq = :seq where id = :id")) {
        update.setLong("seq", changes.lastSeq()).setLong("id", loginRef);
        update.executeUpdate();
      }
    }
    recordDigests(connection, changedDigests);
    int snapshots = insertSnapshots(connection, accounts, stored, retrievalKey, asOf, now);
    return IngestResult.builder()
        .accounts(accounts.size())
        .newAccounts(newAccounts)
        .transactions(transactions)
        .newTransactions(changes.added())
        .modifiedTransactions(changes.modified())
        .removedTransactions(changes.removed())
        .balanceSnapshots(snapshots)
        .build();
  }

  /**
   * Replaces the login-level holders (from a KYC webhook, which arrives before the accounts);
   * unchanged holders are left as they are.
   *
   * @return whether anything changed
   */
  public boolean applyKyc(Connection connection, long loginRef, List<Holder> holders)
      throws SQLException {
    OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
    lockLogin(connection, loginRef, now);
    List<Columns.Stored> wanted =
        holders.stream().filter(Objects::nonNull).map(HOLDER::values).toList();
    List<Columns.Stored> existing = new ArrayList<>();
    try (NamedStatement select =
        NamedStatement.prepare(
            connection,
            "select "
                + HOLDER.names()
                + " from holders where login_id = :login_id and account_id is null order by id")) {
      select.setLong("login_id", loginRef);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          existing.add(HOLDER.read(rows));
        }
      }
    }
    if (existing.equals(wanted)) {
      return false;
    }
    try (NamedStatement delete =
        NamedStatement.prepare(
            connection, "delete from holders where login_id = :login_id and account_id is null")) {
      delete.setLong("login_id", loginRef);
      delete.executeUpdate();
    }
    try (NamedStatement insert = NamedStatement.prepare(connection, HOLDER_INSERT)) {
      for (Columns.Stored holder : wanted) {
        HOLDER.bindStored(insert, holder);
        insert
            .setLong("login_id", loginRef)
            .setLong("account_id", (Long) null)
            .setObject("now", now);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    return true;
  }

  /**
   * Locks the login's row until the caller commits (see V3__ingest_shortcuts.sql for why by an
   * update), then reads what the ingest needs under that lock: the change sequence and the as-of of
   * the stored data.
   */
  private static Locked lockLogin(Connection connection, long loginRef, OffsetDateTime now)
      throws SQLException {
    try (NamedStatement lock =
        NamedStatement.prepare(
            connection, "update logins set last_ingested_at = :now where id = :id")) {
      lock.setObject("now", now).setLong("id", loginRef);
      if (lock.executeUpdate() != 1) {
        throw new IllegalArgumentException("no login with id " + loginRef);
      }
    }
    try (NamedStatement select =
        NamedStatement.prepare(
            connection, "select change_seq, last_refresh from logins where id = :id")) {
      select.setLong("id", loginRef);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return new Locked(
            rows.getLong("change_seq"), rows.getObject("last_refresh", LocalDateTime.class));
      }
    }
  }

  /** The login as read under its row lock. */
  private record Locked(long changeSeq, LocalDateTime lastRefresh) {}

  private static void updateLogin(
      Connection connection, long loginRef, String institution, LocalDateTime asOf)
      throws SQLException {
    if (institution != null) {
      try (NamedStatement update =
          NamedStatement.prepare(
              connection,
              "update logins set institution = :institution where id = :id"
                  + " and (institution is null or institution <> :institution)")) {
        update.setText("institution", institution).setLong("id", loginRef);
        update.executeUpdate();
      }
    }
    if (asOf != null) {
      try (NamedStatement update =
          NamedStatement.prepare(
              connection,
              "update logins set last_refresh = :as_of where id = :id"
                  + " and (last_refresh is null or last_refresh < :as_of)")) {
        update.setObject("as_of", asOf).setLong("id", loginRef);
        update.executeUpdate();
      }
    }
  }

  private static List<Account> distinctAccounts(List<Account> accounts) {
    Map<String, Account> byKey = new LinkedHashMap<>();
    for (Account account : accounts) {
      if (account != null) {
        byKey.putIfAbsent(accountKey(account), account);
      }
    }
    return List.copyOf(byKey.values());
  }

  /** Flinks AccountId, or a digest of the account's identity when Flinks sent none. */
  private static String accountKey(Account account) {
    if (account.id() != null && !account.id().isBlank()) {
      return account.id();
    }
    return "flinks4j:"
        + digest(
            account.accountNumber(),
            account.transitNumber(),
            account.institutionNumber(),
            account.title(),
            account.currency(),
            account.type());
  }

  private static Map<String, StoredAccount> loadAccounts(Connection connection, long loginRef)
      throws SQLException {
    Map<String, StoredAccount> accounts = new HashMap<>();
    try (NamedStatement select =
        NamedStatement.prepare(
            connection,
            "select id, flinks_account_id, transactions_digest, "
                + ACCOUNT.names()
                + " from accounts where login_id = :login_id")) {
      select.setLong("login_id", loginRef);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          accounts.put(
              rows.getString("flinks_account_id"),
              new StoredAccount(
                  rows.getLong("id"), ACCOUNT.read(rows), rows.getString("transactions_digest")));
        }
      }
    }
    return accounts;
  }

  private static int upsertAccounts(
      Connection connection,
      long loginRef,
      List<Account> accounts,
      Map<String, StoredAccount> stored,
      OffsetDateTime now)
      throws SQLException {
    int inserted = 0;
    try (NamedStatement insert =
            NamedStatement.prepare(
                connection,
                "insert into accounts (login_id, flinks_account_id, "
                    + ACCOUNT.names()
                    + ", first_seen_at) values (:login_id, :key, "
                    + ACCOUNT.params()
                    + ", :now) on conflict do nothing");
        NamedStatement update =
            NamedStatement.prepare(
                connection, "update accounts set " + ACCOUNT.assignments() + " where id = :id")) {
      for (Account account : accounts) {
        StoredAccount existing = stored.get(accountKey(account));
        if (existing == null) {
          insert
              .setLong("login_id", loginRef)
              .setText("key", accountKey(account))
              .bind(ACCOUNT, account)
              .setObject("now", now);
          inserted += Math.max(0, insert.executeUpdate());
        } else {
          // Fields this payload omits (null) keep their stored value.
          Columns.Stored merged = ACCOUNT.values(account).over(existing.row());
          if (!merged.equals(existing.row())) {
            ACCOUNT.bindStored(update, merged);
            update.setLong("id", existing.id());
            update.executeUpdate();
          }
        }
      }
    }
    return inserted;
  }

  private static void upsertHolders(
      Connection connection,
      long loginRef,
      List<Account> accounts,
      Map<String, StoredAccount> stored,
      OffsetDateTime now)
      throws SQLException {
    Map<Long, Columns.Stored> existing = new HashMap<>();
    try (NamedStatement select =
        NamedStatement.prepare(
            connection,
            "select account_id, "
                + HOLDER.names()
                + " from holders where login_id = :login_id and account_id is not null")) {
      select.setLong("login_id", loginRef);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          existing.put(rows.getLong("account_id"), HOLDER.read(rows));
        }
      }
    }
    try (NamedStatement insert = NamedStatement.prepare(connection, HOLDER_INSERT);
        NamedStatement update =
            NamedStatement.prepare(
                connection,
                "update holders set "
                    + HOLDER.assignments()
                    + ", updated_at = :now where account_id = :account_id")) {
      for (Account account : accounts) {
        if (account.holder() == null) {
          continue;
        }
        long accountId = stored.get(accountKey(account)).id();
        Columns.Stored incoming = HOLDER.values(account.holder());
        Columns.Stored current = existing.get(accountId);
        if (current == null) {
          HOLDER.bindStored(insert, incoming);
          insert
              .setLong("login_id", loginRef)
              .setLong("account_id", accountId)
              .setObject("now", now);
          insert.executeUpdate();
        } else {
          Columns.Stored merged = incoming.over(current);
          if (!merged.equals(current)) {
            HOLDER.bindStored(update, merged);
            update.setLong("account_id", accountId).setObject("now", now);
            update.executeUpdate();
          }
        }
      }
    }
  }

  /** The payload's transactions with their storage keys, duplicates removed. */
  private static List<TransactionWriter.Row> transactionRows(
      List<Transaction> transactions, LocalDate fallbackDate) {
    List<TransactionWriter.Row> rows = new ArrayList<>(transactions.size());
    Set<String> keys = new HashSet<>(transactions.size() * 2);
    Map<String, Integer> occurrences = new HashMap<>();
    for (Transaction transaction : transactions) {
      if (transaction == null) {
        continue;
      }
      String key = transaction.id();
      if (!usableId(key)) {
        String content =
            digest(
                String.valueOf(transaction.date()),
                transaction.description(),
                plain(transaction.debit()),
                plain(transaction.credit()),
                plain(transaction.balance()));
        int occurrence = occurrences.merge(content, 1, Integer::sum);
        key = "flinks4j:" + content + ":" + occurrence;
      }
      if (keys.add(key)) {
        rows.add(
            new TransactionWriter.Row(
                key, transaction.date() != null ? transaction.date() : fallbackDate, transaction));
      }
    }
    return rows;
  }

  private static void recordDigests(Connection connection, Map<Long, String> digests)
      throws SQLException {
    if (digests.isEmpty()) {
      return;
    }
    try (NamedStatement update =
        NamedStatement.prepare(
            connection, "update accounts set transactions_digest = :digest where id = :id")) {
      for (var entry : digests.entrySet()) {
        update.setText("digest", entry.getValue()).setLong("id", entry.getKey());
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  private static int insertSnapshots(
      Connection connection,
      List<Account> accounts,
      Map<String, StoredAccount> stored,
      String retrievalKey,
      LocalDateTime asOf,
      OffsetDateTime now)
      throws SQLException {
    int written = 0;
    try (NamedStatement insert =
        NamedStatement.prepare(
            connection,
            "insert into balance_snapshots (account_id, retrieval_key, "
                + BALANCE.names()
                + ", as_of, recorded_at) values (:account_id, :retrieval_key, "
                + BALANCE.params()
                + ", :as_of, :now) on conflict do nothing")) {
      for (Account account : accounts) {
        Balance balance = account.balance();
        if (balance == null) {
          continue;
        }
        insert
            .setLong("account_id", stored.get(accountKey(account)).id())
            .setText("retrieval_key", retrievalKey)
            .bind(BALANCE, balance)
            .setObject("as_of", asOf)
            .setObject("now", now);
        written +=
            insert.executeUpdate(); // one by one: exact counts even where a batch reports none
      }
    }
    return written;
  }

  private static boolean usableId(String id) {
    return id != null && !id.isBlank() && !id.toLowerCase(Locale.ROOT).contains("xxxx");
  }

  static String plain(BigDecimal amount) {
    return amount == null ? "" : amount.stripTrailingZeros().toPlainString();
  }

  private static String digest(String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HEX.formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /**
   * @param transactionsDigest {@link TransactionWriter#digest} of the last authoritative payload;
   *     null at first
   */
  private record StoredAccount(long id, Columns.Stored row, String transactionsDigest) {}

  private static final String HOLDER_INSERT =
      "insert into holders (login_id, account_id, "
          + HOLDER.names()
          + ", updated_at) values (:login_id, :account_id, "
          + HOLDER.params()
          + ", :now)";
}
