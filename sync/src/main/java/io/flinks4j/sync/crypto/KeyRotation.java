package io.flinks4j.sync.crypto;

import io.flinks4j.sync.crypto.FieldCipher.Purpose;
import io.flinks4j.sync.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Re-seals every encrypted value under the keyring's current key, and rewrites each login's lookup
 * hash with the current key's HKDF-derived lookup key, while the service runs: {@code flinks4j
 * rotate-key}.
 *
 * <p>Batches of {@code batchSize} rows, each batch one short transaction. A row is rewritten only
 * if it still holds the value that was read ({@code where id = ? and column = old}), so a
 * concurrent write by a running instance always wins and the rotation never overwrites newer data;
 * that row is then already under the current key (every instance must hold the new ring before the
 * rotation starts). Stopping and running it again resumes: a row already under the current key is
 * skipped. Old key versions can be dropped from {@code FLINKS4J_ENCRYPTION_KEY} once a run reports
 * nothing left.
 */
public final class KeyRotation {

  private final Database database;
  private final LoginIdProtector protector;
  private final FieldCipher cipher;
  private final int batchSize;

  public KeyRotation(Database database, LoginIdProtector protector, int batchSize) {
    this.database = database;
    this.protector = protector;
    this.cipher = protector.cipher();
    this.batchSize = batchSize;
  }

  /** How many rows a run rewrote, per table. */
  public record Result(int logins, int events, int webhooks, int idempotentAnswers) {
    public int total() {
      return logins + events + webhooks + idempotentAnswers;
    }
  }

  /** Rotates every table; {@code progress} hears the running count after each batch. */
  public Result run(IntConsumer progress) {
    int[] done = {0};
    IntConsumer counted = n -> progress.accept(done[0] += n);
    int logins = rotateLogins(counted);
    int events = rotateBodies("outbound_events", "id", "body", Purpose.EVENT_BODY, counted);
    int webhooks = rotateBodies("received_webhooks", "id", "body", Purpose.WEBHOOK_BODY, counted);
    // Kept answers expire within FLINKS4J_IDEMPOTENCY_TTL, but a retry inside it must still be
    // answered.
    int answers =
        rotateBodies(
            "idempotency_keys",
            "api_key_name || ':' || key_hash",
            "response_body",
            Purpose.IDEMPOTENT_ANSWER,
            counted);
    return new Result(logins, events, webhooks, answers);
  }

  private record LoginRow(long id, String sealed, String hash) {}

  private int rotateLogins(IntConsumer progress) {
    return inBatches(Long.MIN_VALUE, this::logins, LoginRow::id, this::rewrite, progress);
  }

  private List<LoginRow> logins(Connection c, long after) throws SQLException {
    List<LoginRow> batch = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select id, login_id_enc, login_hash from logins where id > ?"
                + " order by id fetch first ? rows only")) {
      ps.setLong(1, after);
      ps.setInt(2, batchSize);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          batch.add(new LoginRow(rs.getLong(1), rs.getString(2), rs.getString(3)));
        }
      }
    }
    return batch;
  }

  private int rewrite(Connection c, LoginRow row) throws SQLException {
    String loginId = protector.decrypt(row.sealed());
    String hash = protector.lookupHash(loginId);
    if (cipher.keyVersion(row.sealed()) == cipher.currentVersion() && hash.equals(row.hash())) {
      return 0;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "update logins set login_id_enc = ?, login_hash = ?"
                + " where id = ? and login_id_enc = ?")) {
      ps.setString(1, protector.encrypt(loginId));
      ps.setString(2, hash);
      ps.setLong(3, row.id());
      ps.setString(4, row.sealed());
      return ps.executeUpdate();
    }
  }

  private record BodyRow(String id, String body) {}

  /**
   * @param id a unique text key of {@code table}'s rows (a column, or an expression of its primary
   *     key's columns)
   * @param body the column holding sealed (or 0.1's clear JSON) values
   */
  private int rotateBodies(
      String table, String id, String body, Purpose purpose, IntConsumer progress) {
    return inBatches(
        "",
        (c, after) -> bodies(c, table, id, body, after),
        BodyRow::id,
        (c, row) -> {
          Optional<byte[]> clear = stale(row.body(), purpose);
          if (clear.isEmpty()) {
            return 0;
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "update "
                      + table
                      + " set "
                      + body
                      + " = ? where "
                      + id
                      + " = ? and "
                      + body
                      + " = ?")) {
            ps.setString(1, cipher.seal(purpose, clear.get()));
            ps.setString(2, row.id());
            ps.setString(3, row.body());
            return ps.executeUpdate();
          }
        },
        progress);
  }

  /** Reads the batch of rows whose key is after {@code after}, in key order. */
  @FunctionalInterface
  private interface BatchReader<K, R> {
    List<R> read(Connection c, K after) throws SQLException;
  }

  /** Rewrites one row if it needs it: how many rows were updated (0 when it did not). */
  @FunctionalInterface
  private interface RowRewriter<R> {
    int rewrite(Connection c, R row) throws SQLException;
  }

  /**
   * Walks a table in key order from {@code first}, one batch read in one short transaction and
   * rewritten in the next, until a read finds nothing: how many rows were rewritten.
   */
  private <K, R> int inBatches(
      K first,
      BatchReader<K, R> reader,
      Function<R, K> key,
      RowRewriter<R> rewriter,
      IntConsumer progress) {
    int rewritten = 0;
    K after = first;
    while (true) {
      K from = after;
      List<R> rows = database.inTransaction(c -> reader.read(c, from));
      if (rows.isEmpty()) {
        return rewritten;
      }
      int count =
          database.inTransaction(c -> {
            int n = 0;
            for (R row : rows) {
              n += rewriter.rewrite(c, row);
            }
            return n;
          });
      rewritten += count;
      if (count > 0) {
        progress.accept(count);
      }
      after = key.apply(rows.getLast());
    }
  }

  /**
   * The clear body when it is not sealed under the current key (or not sealed at all, as 0.1 stored
   * it).
   */
  private Optional<byte[]> stale(String body, Purpose purpose) {
    if (!FieldCipher.isClearJson(body) && cipher.keyVersion(body) == cipher.currentVersion()) {
      return Optional.empty();
    }
    return Optional.of(cipher.openOrClear(purpose, body));
  }

  private List<BodyRow> bodies(Connection c, String table, String id, String body, String after)
      throws SQLException {
    List<BodyRow> batch = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select "
                + id
                + " as row_id, "
                + body
                + " from "
                + table
                + " where "
                + id
                + " > ? and "
                + body
                + " is not null order by row_id fetch first ? rows only")) {
      ps.setString(1, after);
      ps.setInt(2, batchSize);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          batch.add(new BodyRow(rs.getString(1), rs.getString(2)));
        }
      }
    }
    return batch;
  }
}
