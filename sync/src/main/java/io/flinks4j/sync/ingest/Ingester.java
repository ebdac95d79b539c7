package io.flinks4j.sync.ingest;

import io.flinks4j.client.model.Account;
import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.client.model.Address;
import io.flinks4j.client.model.Balance;
import io.flinks4j.client.model.Holder;
import io.flinks4j.client.model.Transaction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
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
      try (PreparedStatement update =
          connection.prepareStatement("update logins set change_seq = ? where id = ?")) {
        update.setLong(1, changes.lastSeq());
        update.setLong(2, loginRef);
        update.executeUpdate();
      }
    }
    recordDigests(connection, changedDigests);
    int snapshots = insertSnapshots(connection, accounts, stored, retrievalKey, asOf, now);
    return new IngestResult(
        accounts.size(),
        newAccounts,
        transactions,
        changes.added(),
        changes.modified(),
        changes.removed(),
        snapshots);
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
    List<HolderRow> wanted = holders.stream().filter(Objects::nonNull).map(HolderRow::of).toList();
    List<HolderRow> existing = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "select "
                + HolderRow.COLUMNS
                + " from holders where login_id = ? and account_id is null order by id")) {
      select.setLong(1, loginRef);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          existing.add(HolderRow.read(rows));
        }
      }
    }
    if (existing.equals(wanted)) {
      return false;
    }
    try (PreparedStatement delete =
        connection.prepareStatement(
            "delete from holders where login_id = ? and account_id is null")) {
      delete.setLong(1, loginRef);
      delete.executeUpdate();
    }
    try (PreparedStatement insert = connection.prepareStatement(HolderRow.INSERT)) {
      for (HolderRow holder : wanted) {
        holder.bindInsert(insert, loginRef, null, now);
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
    try (PreparedStatement lock =
        connection.prepareStatement("update logins set last_ingested_at = ? where id = ?")) {
      lock.setObject(1, now);
      lock.setLong(2, loginRef);
      if (lock.executeUpdate() != 1) {
        throw new IllegalArgumentException("no login with id " + loginRef);
      }
    }
    try (PreparedStatement select =
        connection.prepareStatement("select change_seq, last_refresh from logins where id = ?")) {
      select.setLong(1, loginRef);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return new Locked(rows.getLong(1), rows.getObject(2, LocalDateTime.class));
      }
    }
  }

  /** The login as read under its row lock. */
  private record Locked(long changeSeq, LocalDateTime lastRefresh) {}

  private static void updateLogin(
      Connection connection, long loginRef, String institution, LocalDateTime asOf)
      throws SQLException {
    if (institution != null) {
      try (PreparedStatement update =
          connection.prepareStatement(
              "update logins set institution = ? where id = ? and (institution is null or institution <> ?)")) {
        setText(update, 1, institution);
        update.setLong(2, loginRef);
        setText(update, 3, institution);
        update.executeUpdate();
      }
    }
    if (asOf != null) {
      try (PreparedStatement update =
          connection.prepareStatement(
              "update logins set last_refresh = ? where id = ? and (last_refresh is null or last_refresh < ?)")) {
        update.setObject(1, asOf);
        update.setLong(2, loginRef);
        update.setObject(3, asOf);
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
    try (PreparedStatement select =
        connection.prepareStatement(
            "select id, flinks_account_id, transactions_digest, "
                + AccountRow.COLUMNS
                + " from accounts where login_id = ?")) {
      select.setLong(1, loginRef);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          accounts.put(
              rows.getString("flinks_account_id"),
              new StoredAccount(
                  rows.getLong("id"),
                  AccountRow.read(rows),
                  rows.getString("transactions_digest")));
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
    try (PreparedStatement insert =
            connection.prepareStatement(
                "insert into accounts (login_id, flinks_account_id, "
                    + AccountRow.COLUMNS
                    + ", first_seen_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing");
        PreparedStatement update =
            connection.prepareStatement(
                "update accounts set title = ?, account_number = ?, last_four_digits = ?,"
                    + " transit_number = ?, institution_number = ?, category = ?, kind = ?, account_type = ?,"
                    + " currency = ?, overdraft_limit = ? where id = ?")) {
      for (Account account : accounts) {
        StoredAccount existing = stored.get(accountKey(account));
        AccountRow incoming = AccountRow.of(account);
        if (existing == null) {
          insert.setLong(1, loginRef);
          setText(insert, 2, accountKey(account));
          incoming.bind(insert, 3);
          insert.setObject(13, now);
          inserted += Math.max(0, insert.executeUpdate());
        } else {
          AccountRow merged = incoming.over(existing.row());
          if (!merged.sameAs(existing.row())) {
            merged.bind(update, 1);
            update.setLong(11, existing.id());
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
    Map<Long, HolderRow> existing = new HashMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "select account_id, "
                + HolderRow.COLUMNS
                + " from holders where login_id = ? and account_id is not null")) {
      select.setLong(1, loginRef);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          existing.put(rows.getLong("account_id"), HolderRow.read(rows));
        }
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(HolderRow.INSERT);
        PreparedStatement update = connection.prepareStatement(HolderRow.UPDATE)) {
      for (Account account : accounts) {
        if (account.holder() == null) {
          continue;
        }
        long accountId = stored.get(accountKey(account)).id();
        HolderRow incoming = HolderRow.of(account.holder());
        HolderRow current = existing.get(accountId);
        if (current == null) {
          incoming.bindInsert(insert, loginRef, accountId, now);
          insert.executeUpdate();
        } else {
          HolderRow merged = incoming.over(current);
          if (!merged.equals(current)) {
            merged.bindUpdate(update, accountId, now);
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
    try (PreparedStatement update =
        connection.prepareStatement("update accounts set transactions_digest = ? where id = ?")) {
      for (var entry : digests.entrySet()) {
        setText(update, 1, entry.getValue());
        update.setLong(2, entry.getKey());
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
    try (PreparedStatement insert =
        connection.prepareStatement(
            "insert into balance_snapshots (account_id, retrieval_key, available,"
                + " current_amount, limit_amount, as_of, recorded_at) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing")) {
      for (Account account : accounts) {
        Balance balance = account.balance();
        if (balance == null) {
          continue;
        }
        insert.setLong(1, stored.get(accountKey(account)).id());
        setText(insert, 2, retrievalKey);
        setAmount(insert, 3, balance.available());
        setAmount(insert, 4, balance.current());
        setAmount(insert, 5, balance.limit());
        insert.setObject(6, asOf);
        insert.setObject(7, now);
        written +=
            insert.executeUpdate(); // one by one: exact counts even where a batch reports none
      }
    }
    return written;
  }

  private static boolean usableId(String id) {
    return id != null && !id.isBlank() && !id.toLowerCase(Locale.ROOT).contains("xxxx");
  }

  static void setAmount(PreparedStatement statement, int index, BigDecimal amount)
      throws SQLException {
    if (amount == null) {
      statement.setNull(index, Types.NUMERIC);
    } else {
      statement.setBigDecimal(index, amount);
    }
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
  private record StoredAccount(long id, AccountRow row, String transactionsDigest) {}

  /** The mutable columns of an account. */
  private record AccountRow(
      String title,
      String accountNumber,
      String lastFourDigits,
      String transitNumber,
      String institutionNumber,
      String category,
      String kind,
      String accountType,
      String currency,
      BigDecimal overdraftLimit) {

    static final String COLUMNS =
        "title, account_number, last_four_digits, transit_number, institution_number,"
            + " category, kind, account_type, currency, overdraft_limit";

    static AccountRow of(Account a) {
      return new AccountRow(
          a.title(),
          a.accountNumber(),
          a.lastFourDigits(),
          a.transitNumber(),
          a.institutionNumber(),
          a.category() == null ? null : a.category().value(),
          a.type(),
          a.accountType() == null ? null : a.accountType().value(),
          a.currency(),
          a.overdraftLimit());
    }

    static AccountRow read(ResultSet rows) throws SQLException {
      return new AccountRow(
          rows.getString("title"),
          rows.getString("account_number"),
          rows.getString("last_four_digits"),
          rows.getString("transit_number"),
          rows.getString("institution_number"),
          rows.getString("category"),
          rows.getString("kind"),
          rows.getString("account_type"),
          rows.getString("currency"),
          rows.getBigDecimal("overdraft_limit"));
    }

    /** This row's values, with the stored ones where this has none. */
    AccountRow over(AccountRow stored) {
      return new AccountRow(
          or(title, stored.title),
          or(accountNumber, stored.accountNumber),
          or(lastFourDigits, stored.lastFourDigits),
          or(transitNumber, stored.transitNumber),
          or(institutionNumber, stored.institutionNumber),
          or(category, stored.category),
          or(kind, stored.kind),
          or(accountType, stored.accountType),
          or(currency, stored.currency),
          or(overdraftLimit, stored.overdraftLimit));
    }

    boolean sameAs(AccountRow other) {
      return Objects.equals(title, other.title)
          && Objects.equals(accountNumber, other.accountNumber)
          && Objects.equals(lastFourDigits, other.lastFourDigits)
          && Objects.equals(transitNumber, other.transitNumber)
          && Objects.equals(institutionNumber, other.institutionNumber)
          && Objects.equals(category, other.category)
          && Objects.equals(kind, other.kind)
          && Objects.equals(accountType, other.accountType)
          && Objects.equals(currency, other.currency)
          && sameAmount(overdraftLimit, other.overdraftLimit);
    }

    void bind(PreparedStatement statement, int first) throws SQLException {
      int i = first;
      setText(statement, i++, title);
      setText(statement, i++, accountNumber);
      setText(statement, i++, lastFourDigits);
      setText(statement, i++, transitNumber);
      setText(statement, i++, institutionNumber);
      setText(statement, i++, category);
      setText(statement, i++, kind);
      setText(statement, i++, accountType);
      setText(statement, i++, currency);
      setAmount(statement, i, overdraftLimit);
    }
  }

  /** The columns of a holder. */
  private record HolderRow(
      String name,
      String civicAddress,
      String city,
      String province,
      String postalCode,
      String poBox,
      String country,
      String email,
      String phoneNumber) {

    static final String COLUMNS =
        "name, civic_address, city, province, postal_code, po_box, country, email, phone_number";
    static final String INSERT =
        "insert into holders (login_id, account_id, "
            + COLUMNS
            + ", updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String UPDATE =
        "update holders set name = ?, civic_address = ?, city = ?, province = ?,"
            + " postal_code = ?, po_box = ?, country = ?, email = ?, phone_number = ?, updated_at = ? where account_id = ?";

    static HolderRow of(Holder h) {
      Address a = h.address();
      return new HolderRow(
          h.name(),
          a == null ? null : a.civicAddress(),
          a == null ? null : a.city(),
          a == null ? null : a.province(),
          a == null ? null : a.postalCode(),
          a == null ? null : a.poBox(),
          a == null ? null : a.country(),
          h.email(),
          h.phoneNumber());
    }

    static HolderRow read(ResultSet rows) throws SQLException {
      return new HolderRow(
          rows.getString("name"),
          rows.getString("civic_address"),
          rows.getString("city"),
          rows.getString("province"),
          rows.getString("postal_code"),
          rows.getString("po_box"),
          rows.getString("country"),
          rows.getString("email"),
          rows.getString("phone_number"));
    }

    HolderRow over(HolderRow stored) {
      return new HolderRow(
          or(name, stored.name),
          or(civicAddress, stored.civicAddress),
          or(city, stored.city),
          or(province, stored.province),
          or(postalCode, stored.postalCode),
          or(poBox, stored.poBox),
          or(country, stored.country),
          or(email, stored.email),
          or(phoneNumber, stored.phoneNumber));
    }

    void bindInsert(PreparedStatement insert, long loginRef, Long accountId, OffsetDateTime now)
        throws SQLException {
      insert.setLong(1, loginRef);
      if (accountId == null) {
        insert.setNull(2, Types.BIGINT);
      } else {
        insert.setLong(2, accountId);
      }
      bindColumns(insert, 3);
      insert.setObject(12, now);
    }

    void bindUpdate(PreparedStatement update, long accountId, OffsetDateTime now)
        throws SQLException {
      bindColumns(update, 1);
      update.setObject(10, now);
      update.setLong(11, accountId);
    }

    private void bindColumns(PreparedStatement statement, int first) throws SQLException {
      int i = first;
      setText(statement, i++, name);
      setText(statement, i++, civicAddress);
      setText(statement, i++, city);
      setText(statement, i++, province);
      setText(statement, i++, postalCode);
      setText(statement, i++, poBox);
      setText(statement, i++, country);
      setText(statement, i++, email);
      setText(statement, i, phoneNumber);
    }
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  static boolean sameAmount(BigDecimal a, BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }

  /**
   * Binds bank text as it came, but for NUL: PostgreSQL refuses it in text columns, and one NUL in
   * a description would otherwise make the whole payload impossible to store. It becomes U+FFFD, as
   * for any undecodable byte.
   */
  static void setText(PreparedStatement statement, int index, String value) throws SQLException {
    statement.setString(index, storable(value));
  }

  /** {@code value} as {@link #setText} stores it. */
  static String storable(String value) {
    boolean clean = value == null || value.indexOf('\u0000') < 0;
    return clean ? value : value.replace('\u0000', '\uFFFD');
  }
}
