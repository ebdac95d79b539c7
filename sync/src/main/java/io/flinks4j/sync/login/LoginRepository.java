package io.flinks4j.sync.login;

import io.flinks4j.sync.crypto.LoginIdProtector;
import io.flinks4j.sync.storage.Database;
import io.flinks4j.sync.storage.SqlWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Registers, finds, lists and deletes logins, keyed by the keyed hash of their loginId so the
 * loginId itself is only ever stored encrypted.
 *
 * <p>Methods taking a {@link Connection} join the caller's transaction (the engine registers a
 * login and starts its retrieval atomically); the others use a connection of their own.
 * Thread-safe.
 */
public final class LoginRepository {

  /** Longest loginId accepted; Flinks loginIds are GUIDs. */
  public static final int MAX_LOGIN_ID_LENGTH = 128;

  private static final String COLUMNS =
      "id, login_id_enc, tag, institution, last_refresh, created_at, account_ids,"
          + " days_of_transactions, with_kyc, with_account_identity";

  private final Database database;
  private final LoginIdProtector protector;
  private final Clock clock;

  public LoginRepository(Database database, LoginIdProtector protector, Clock clock) {
    this.database = database;
    this.protector = protector;
    this.clock = clock;
  }

  /**
   * True when {@code loginId} has the shape of a loginId (1-128 printable characters, no spaces);
   * the API answers 400 otherwise.
   */
  public static boolean isWellFormed(String loginId) {
    if (loginId == null || loginId.isEmpty() || loginId.length() > MAX_LOGIN_ID_LENGTH) {
      return false;
    }
    return loginId.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }

  /**
   * Stores {@code loginId} unless already known; a non-empty {@code tag} replaces the stored one.
   *
   * @throws IllegalArgumentException when the loginId is not {@link #isWellFormed well formed}
   */
  public Registration register(Connection connection, String loginId, Optional<String> tag)
      throws SQLException {
    requireWellFormed(loginId);
    List<String> hashes = protector.lookupHashes(loginId);
    // Looked for under every key of the ring first: a row not yet rotated must not get a twin under
    // the current hash. With one key there is no other hash, and the insert's conflict finds a
    // known login.
    Optional<StoredLogin> known =
        hashes.size() == 1 ? Optional.empty() : findByHashes(connection, hashes);
    if (known.isEmpty()) {
      Optional<StoredLogin> inserted = insert(connection, loginId, hashes.getFirst(), tag);
      if (inserted.isPresent()) {
        return new Registration(inserted.get(), true);
      }
    }
    if (tag.isPresent()) {
      try (PreparedStatement update =
          connection.prepareStatement(
              "update logins set tag = ? where login_hash in ("
                  + placeholders(hashes.size())
                  + ") and (tag is null or tag <> ?)")) {
        int i = 1;
        update.setString(i++, tag.get());
        for (String hash : hashes) {
          update.setString(i++, hash);
        }
        update.setString(i, tag.get());
        update.executeUpdate();
      }
    }
    StoredLogin login =
        findByHashes(connection, hashes)
            .orElseThrow(() -> new SQLException("login vanished right after its registration"));
    return new Registration(login, false);
  }

  /**
   * Replaces the tag ({@code null} clears it) and the options of a login, on the caller's
   * transaction.
   */
  public void update(Connection connection, long id, Optional<String> tag, LoginOptions options)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "update logins set tag = ?, account_ids = ?,"
                + " days_of_transactions = ?, with_kyc = ?, with_account_identity = ? where id = ?")) {
      update.setString(1, tag.orElse(null));
      update.setString(
          2, options.accountIds().isEmpty() ? null : String.join(",", options.accountIds()));
      update.setObject(3, options.days().orElse(null), Types.INTEGER);
      update.setObject(4, options.withKyc().orElse(null), Types.BOOLEAN);
      update.setObject(5, options.withAccountIdentity().orElse(null), Types.BOOLEAN);
      update.setLong(6, id);
      update.executeUpdate();
    }
  }

  /**
   * Inserts the login under the current key and answers it as stored (no read back, no decryption);
   * empty when it is already there (a racing registration inserted it first).
   */
  private Optional<StoredLogin> insert(
      Connection connection, String loginId, String hash, Optional<String> tag)
      throws SQLException {
    // the column's precision, so the answer shows what a later read of the row shows
    Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
    try (PreparedStatement insert =
        connection.prepareStatement(
            "insert into logins (login_hash, login_id_enc, tag, created_at) values (?, ?, ?, ?) on conflict do nothing",
            new String[] {"id"})) {
      insert.setString(1, hash);
      insert.setString(2, protector.encrypt(loginId));
      insert.setString(3, tag.orElse(null));
      insert.setObject(4, createdAt.atOffset(ZoneOffset.UTC));
      if (insert.executeUpdate() != 1) {
        return Optional.empty();
      }
      try (ResultSet keys = insert.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new SQLException("the database gave no id for the inserted login");
        }
        return Optional.of(
            StoredLogin.builder()
                .id(keys.getLong(1))
                .loginId(loginId)
                .tag(tag)
                .institution(Optional.empty())
                .lastRefresh(Optional.empty())
                .createdAt(createdAt)
                .options(LoginOptions.DEFAULTS)
                .build());
      }
    }
  }

  /** {@link #register(Connection, String, Optional)} in a transaction of its own. */
  public Registration register(String loginId, Optional<String> tag) {
    return transaction(connection -> register(connection, loginId, tag));
  }

  /** The login with this loginId, if registered (malformed loginIds are simply not found). */
  public Optional<StoredLogin> find(Connection connection, String loginId) throws SQLException {
    if (!isWellFormed(loginId)) {
      return Optional.empty();
    }
    return findByHashes(connection, protector.lookupHashes(loginId));
  }

  /** {@link #find(Connection, String)} on a connection of its own. */
  public Optional<StoredLogin> find(String loginId) {
    return transaction(connection -> find(connection, loginId));
  }

  /** The login with this internal id. */
  public Optional<StoredLogin> findById(Connection connection, long id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("select " + COLUMNS + " from logins where id = ?")) {
      select.setLong(1, id);
      return single(select);
    }
  }

  /** {@link #findById(Connection, long)} on a connection of its own. */
  public Optional<StoredLogin> findById(long id) {
    return transaction(connection -> findById(connection, id));
  }

  /**
   * Up to {@code limit} logins with an id greater than {@code afterId}, in id order (keyset
   * pagination).
   */
  public List<StoredLogin> list(long afterId, int limit) {
    return list(afterId, limit, LoginFilter.ALL);
  }

  /**
   * Up to {@code limit} logins matching {@code filter} with an id greater than {@code afterId}, in
   * id order.
   */
  public List<StoredLogin> list(long afterId, int limit, LoginFilter filter) {
    String where =
        "id > ?"
            + (filter.tagContains().isPresent() ? " and lower(tag) like ? escape '\\'" : "")
            + (filter.institution().isPresent() ? " and lower(institution) = ?" : "");
    return transaction(connection -> {
      try (PreparedStatement select =
          connection.prepareStatement(
              "select "
                  + COLUMNS
                  + " from logins where "
                  + where
                  + " order by id fetch first ? rows only")) {
        int i = 1;
        select.setLong(i++, afterId);
        if (filter.tagContains().isPresent()) {
          select.setString(i++, filter.tagPattern());
        }
        if (filter.institution().isPresent()) {
          select.setString(i++, filter.institution().get().toLowerCase(Locale.ROOT));
        }
        select.setInt(i, limit);
        List<StoredLogin> logins = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            logins.add(map(rows));
          }
        }
        return logins;
      }
    });
  }

  /**
   * Erases every row about the login: its scheduled tasks and received webhooks, then the login
   * and, by cascade, its accounts, holders, transactions, balance snapshots, retrievals, schedule
   * and outbound events; and leaves a tombstone (the lookup hash only) so that a late webhook for
   * it is refused ({@link #isTombstoned}).
   *
   * @return whether a login was deleted
   */
  public boolean delete(Connection connection, String loginId) throws SQLException {
    if (!isWellFormed(loginId)) {
      return false;
    }
    Optional<StoredLogin> login = find(connection, loginId);
    if (login.isEmpty()) {
      return false;
    }
    List<String> hashes = protector.lookupHashes(loginId);
    long ref = login.get().id();
    // Task instances are retrieval, event and webhook ids (unique across tasks), so the task name
    // is not needed.
    execute(
        connection,
        "delete from scheduled_tasks where task_instance in (select id from retrievals where"
            + " login_id = ? union select id from outbound_events where login_id = ?)",
        ref,
        ref);
    String byHash = " in (" + placeholders(hashes.size()) + ")";
    execute(
        connection,
        "delete from scheduled_tasks where task_instance in (select id from received_webhooks"
            + " where login_hash"
            + byHash
            + ")",
        hashes.toArray());
    execute(
        connection, "delete from received_webhooks where login_hash" + byHash, hashes.toArray());
    execute(
        connection,
        "insert into login_tombstones (login_hash, deleted_at) values (?, ?) on conflict do nothing",
        protector.lookupHash(loginId),
        OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)));
    return execute(connection, "delete from logins where id = ?", ref) == 1;
  }

  /** True when the login was deleted and has not been registered again through the API since. */
  public boolean isTombstoned(Connection connection, String loginId) throws SQLException {
    List<String> hashes = protector.lookupHashes(loginId);
    try (PreparedStatement select =
        connection.prepareStatement(
            "select count(*) from login_tombstones where login_hash in ("
                + placeholders(hashes.size())
                + ")")) {
      for (int i = 0; i < hashes.size(); i++) {
        select.setString(i + 1, hashes.get(i));
      }
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() && rows.getLong(1) > 0;
      }
    }
  }

  /** {@link #isTombstoned(Connection, String)} on a connection of its own. */
  public boolean isTombstoned(String loginId) {
    return isWellFormed(loginId) && transaction(connection -> isTombstoned(connection, loginId));
  }

  /**
   * Drops the tombstone of {@code loginId}: an explicit registration through the API brings it
   * back.
   */
  public void clearTombstone(Connection connection, String loginId) throws SQLException {
    List<String> hashes = protector.lookupHashes(loginId);
    execute(
        connection,
        "delete from login_tombstones where login_hash in (" + placeholders(hashes.size()) + ")",
        hashes.toArray());
  }

  /**
   * The current lookup hash of {@code loginId}, for rows that name a login they cannot reference.
   */
  public String lookupHash(String loginId) {
    return protector.lookupHash(loginId);
  }

  private static int execute(Connection connection, String sql, Object... args)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      return statement.executeUpdate();
    }
  }

  /** {@link #delete(Connection, String)} in a transaction of its own. */
  public boolean delete(String loginId) {
    return transaction(connection -> delete(connection, loginId));
  }

  private Optional<StoredLogin> findByHashes(Connection connection, List<String> hashes)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "select "
                + COLUMNS
                + " from logins where login_hash"
                + " in ("
                + placeholders(hashes.size())
                + ")")) {
      for (int i = 0; i < hashes.size(); i++) {
        select.setString(i + 1, hashes.get(i));
      }
      return single(select);
    }
  }

  private Optional<StoredLogin> single(PreparedStatement select) throws SQLException {
    try (ResultSet rows = select.executeQuery()) {
      return rows.next() ? Optional.of(map(rows)) : Optional.empty();
    }
  }

  private StoredLogin map(ResultSet rows) throws SQLException {
    return StoredLogin.builder()
        .id(rows.getLong("id"))
        .loginId(protector.decrypt(rows.getString("login_id_enc")))
        .tag(Optional.ofNullable(rows.getString("tag")))
        .institution(Optional.ofNullable(rows.getString("institution")))
        .lastRefresh(Optional.ofNullable(rows.getObject("last_refresh", LocalDateTime.class)))
        .createdAt(rows.getObject("created_at", OffsetDateTime.class).toInstant())
        .options(options(rows))
        .build();
  }

  private static LoginOptions options(ResultSet rows) throws SQLException {
    String accountIds = rows.getString("account_ids");
    return new LoginOptions(
        accountIds == null ? List.of() : List.of(accountIds.split(",")),
        Optional.ofNullable(rows.getObject("days_of_transactions", Integer.class)),
        Optional.ofNullable(rows.getObject("with_kyc", Boolean.class)),
        Optional.ofNullable(rows.getObject("with_account_identity", Boolean.class)));
  }

  private static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  private static void requireWellFormed(String loginId) {
    if (!isWellFormed(loginId)) {
      throw new IllegalArgumentException(
          "loginId must be 1-" + MAX_LOGIN_ID_LENGTH + " printable characters without spaces");
    }
  }

  private <T> T transaction(SqlWork<T> work) {
    return database.inTransaction(work);
  }
}
