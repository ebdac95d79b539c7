package io.flinks4j.sync.ingest;

import io.flinks4j.client.model.Transaction;
import io.flinks4j.sync.storage.Columns;
import io.flinks4j.sync.storage.NamedStatement;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one payload's transactions for a login as changes: a row new to its account is added, a
 * stored row whose content differs is modified (the values it replaces go to {@code
 * transaction_versions}), and a stored row that is missing from an authoritative payload although
 * dated inside the payload's window is marked removed.
 *
 * <p>Each change takes the next number of the login's change sequence. The caller holds the login's
 * row lock from before it read the sequence until its commit, so two ingests of one login number
 * their changes in commit order.
 *
 * <p>An account's window is [its earliest transaction in the payload, any later date]: older rows
 * merely left Flinks's window and stay as they are; an account the payload does not list, or lists
 * without transactions, loses nothing. A payload older than the stored data (a late webhook) is not
 * authoritative: it only adds rows.
 */
final class TransactionWriter {

  private static final int BATCH = 2_000;
  private static final int LOOKUP_CHUNK = 500;
  private static final HexFormat HEX = HexFormat.of();
  private static final Columns<Row> CONTENT = StoredColumns.TRANSACTION;
  private static final String STORED_COLUMNS =
      "t.id, t.account_id, t.flinks_transaction_id, "
          + CONTENT.names("t")
          + ", t.version, t.removed_at";

  /** A payload transaction with its storage key and the date it is stored under. */
  record Row(String key, LocalDate date, Transaction transaction) {}

  /**
   * One account's payload transactions.
   *
   * @param known whether the account was stored before this payload (a new one has no rows to
   *     compare with)
   */
  record AccountRows(long accountId, boolean known, List<Row> rows) {}

  /** What a write changed and the last sequence number it used. */
  record Changes(int added, int modified, int removed, long lastSeq) {}

  private final Connection connection;
  private final long loginRef;
  private final OffsetDateTime now;
  private long seq;

  /**
   * @param seq the login's change sequence as read under its row lock
   */
  TransactionWriter(Connection connection, long loginRef, OffsetDateTime now, long seq) {
    this.connection = connection;
    this.loginRef = loginRef;
    this.now = now;
    this.seq = seq;
  }

  Changes write(List<AccountRows> accounts, boolean authoritative) throws SQLException {
    LocalDate earliest = null;
    for (AccountRows account : accounts) {
      for (Row row : account.rows()) {
        if (earliest == null || row.date().isBefore(earliest)) {
          earliest = row.date();
        }
      }
    }
    if (earliest == null) {
      return new Changes(0, 0, 0, seq);
    }
    Map<Long, Map<String, Stored>> stored = load(earliest);
    List<Insert> inserts = new ArrayList<>();
    List<Update> updates = new ArrayList<>();
    List<Stored> removals = new ArrayList<>();
    for (AccountRows account : accounts) {
      Map<String, Stored> existing =
          stored.computeIfAbsent(account.accountId(), id -> new HashMap<>());
      if (account.known()) {
        lookUpOutsideRange(account, existing);
      }
      Set<String> keys = new HashSet<>(account.rows().size() * 2);
      LocalDate windowStart = null;
      for (Row row : account.rows()) {
        keys.add(row.key());
        windowStart =
            windowStart == null || row.date().isBefore(windowStart) ? row.date() : windowStart;
        Stored current = existing.get(row.key());
        if (current == null) {
          inserts.add(new Insert(account.accountId(), row));
        } else if (authoritative && (current.removed() || !current.sameContent(row))) {
          updates.add(new Update(current, row));
        }
      }
      if (authoritative && windowStart != null) {
        for (Stored current : existing.values()) {
          if (!current.removed()
              && !current.date().isBefore(windowStart)
              && !keys.contains(current.key())) {
            removals.add(current);
          }
        }
      }
    }
    int added = insert(inserts);
    update(updates);
    remove(removals);
    return new Changes(added, updates.size(), removals.size(), seq);
  }

  /**
   * Digest of the keys and contents of an account's payload transactions: equal to the stored one
   * when the payload brings exactly what the last authoritative one applied, so the account's
   * transactions can be skipped.
   */
  static String digest(List<Row> rows) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
    for (Row row : rows) {
      update(sha, row.key());
      for (String value : CONTENT.texts(row)) {
        update(sha, value);
      }
    }
    return "v2:" + HEX.formatHex(sha.digest(), 0, 16);
  }

  private static void update(MessageDigest sha, String part) {
    sha.update(part.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
  }

  /** Stored rows of the login from {@code earliest} on, by account and key, read in one query. */
  private Map<Long, Map<String, Stored>> load(LocalDate earliest) throws SQLException {
    Map<Long, Map<String, Stored>> stored = new HashMap<>();
    try (NamedStatement select =
        NamedStatement.prepare(
            connection,
            "select "
                + STORED_COLUMNS
                + " from transactions t"
                + " join accounts a on a.id = t.account_id where a.login_id = :login_id and t.booked_on >= :earliest")) {
      select.setLong("login_id", loginRef);
      select.setObject("earliest", earliest);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          Stored row = Stored.read(rows);
          stored.computeIfAbsent(row.accountId(), id -> new HashMap<>()).put(row.key(), row);
        }
      }
    }
    return stored;
  }

  /**
   * Finds the payload rows stored under an earlier date than the loaded range (a transaction whose
   * date moved, from pending to posted), so they are compared instead of inserted a second time. On
   * a refresh these are the few rows not found in the range, usually the new ones.
   */
  private void lookUpOutsideRange(AccountRows account, Map<String, Stored> existing)
      throws SQLException {
    List<String> missing = new ArrayList<>();
    for (Row row : account.rows()) {
      if (!existing.containsKey(row.key())) {
        missing.add(row.key());
      }
    }
    for (int from = 0; from < missing.size(); from += LOOKUP_CHUNK) {
      List<String> chunk = missing.subList(from, Math.min(missing.size(), from + LOOKUP_CHUNK));
      StringBuilder marks = new StringBuilder();
      for (int i = 0; i < chunk.size(); i++) {
        marks.append(i == 0 ? ":key" : ", :key").append(i);
      }
      try (NamedStatement select =
          NamedStatement.prepare(
              connection,
              "select "
                  + STORED_COLUMNS
                  + " from transactions t"
                  + " where t.account_id = :account_id and t.flinks_transaction_id in ("
                  + marks
                  + ")")) {
        select.setLong("account_id", account.accountId());
        for (int i = 0; i < chunk.size(); i++) {
          select.setText("key" + i, chunk.get(i));
        }
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            Stored row = Stored.read(rows);
            existing.put(row.key(), row);
          }
        }
      }
    }
  }

  private int insert(List<Insert> inserts) throws SQLException {
    if (inserts.isEmpty()) {
      return 0;
    }
    int inserted = 0;
    int pending = 0;
    try (NamedStatement insert =
        NamedStatement.prepare(
            connection,
            "insert into transactions (account_id, flinks_transaction_id, "
                + CONTENT.names()
                + ", first_seen_at, login_id, added_seq, change_seq) values (:account_id, :key, "
                + CONTENT.params()
                + ", :now, :login_id, :seq, :seq) on conflict do nothing")) {
      for (Insert row : inserts) {
        insert
            .setLong("account_id", row.accountId())
            .setText("key", row.row().key())
            .bind(CONTENT, row.row())
            .setObject("now", now)
            .setLong("login_id", loginRef)
            .setLong("seq", ++seq);
        insert.addBatch();
        if (++pending == BATCH) {
          inserted += inserted(insert.executeBatch());
          pending = 0;
        }
      }
      if (pending > 0) {
        inserted += inserted(insert.executeBatch());
      }
    }
    return inserted;
  }

  private void update(List<Update> updates) throws SQLException {
    if (updates.isEmpty()) {
      return;
    }
    try (NamedStatement history =
            NamedStatement.prepare(
                connection,
                "insert into transaction_versions (transaction_id, version, "
                    + CONTENT.names()
                    + ", superseded_at) values (:id, :version, "
                    + CONTENT.params()
                    + ", :now)");
        NamedStatement update =
            NamedStatement.prepare(
                connection,
                "update transactions set "
                    + CONTENT.assignments()
                    + ", version = :version, change_seq = :seq,"
                    + " added_seq = case when removed_at is null then added_seq else :seq end, removed_at = null,"
                    + " login_id = :login_id where id = :id")) {
      boolean versions = false;
      for (Update change : updates) {
        Stored old = change.stored();
        boolean changed = !old.sameContent(change.row());
        if (changed) {
          history.setLong("id", old.id()).setInt("version", old.version()).setObject("now", now);
          CONTENT.bindStored(history, old.content());
          history.addBatch();
          versions = true;
        }
        update
            .bind(CONTENT, change.row())
            .setInt("version", changed ? old.version() + 1 : old.version())
            .setLong("seq", ++seq)
            .setLong("login_id", loginRef)
            .setLong("id", old.id());
        update.addBatch();
      }
      if (versions) {
        history.executeBatch();
      }
      update.executeBatch();
    }
  }

  private void remove(List<Stored> removals) throws SQLException {
    if (removals.isEmpty()) {
      return;
    }
    try (NamedStatement update =
        NamedStatement.prepare(
            connection,
            "update transactions set removed_at = :now, change_seq = :seq where id = :id")) {
      for (Stored row : removals) {
        update.setObject("now", now).setLong("seq", ++seq).setLong("id", row.id());
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  private static int inserted(int[] counts) {
    int total = 0;
    for (int count : counts) {
      // PostgreSQL's rewritten batches report SUCCESS_NO_INFO: count those rows as inserted.
      total += count == Statement.SUCCESS_NO_INFO ? 1 : Math.max(0, count);
    }
    return total;
  }

  private record Insert(long accountId, Row row) {}

  private record Update(Stored stored, Row row) {}

  /**
   * A stored transaction as compared with the payload.
   *
   * @param content its {@link StoredColumns#TRANSACTION} columns
   */
  private record Stored(
      long id,
      long accountId,
      String key,
      LocalDate date,
      Columns.Stored content,
      int version,
      boolean removed) {

    static Stored read(ResultSet rows) throws SQLException {
      return new Stored(
          rows.getLong("id"),
          rows.getLong("account_id"),
          rows.getString("flinks_transaction_id"),
          rows.getObject("booked_on", LocalDate.class),
          CONTENT.read(rows),
          rows.getInt("version"),
          rows.getObject("removed_at") != null);
    }

    /**
     * Whether the payload row holds the same values as stored (text compared as it would be
     * stored).
     */
    boolean sameContent(Row row) {
      return CONTENT.same(content, row);
    }
  }
}
