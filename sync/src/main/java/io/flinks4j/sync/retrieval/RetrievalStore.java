package io.flinks4j.sync.retrieval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinks4j.sync.storage.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SQL for the {@code retrievals} table; every write is guarded by the row's version or its active
 * slot, and leaves a step in {@link RetrievalSteps}.
 */
final class RetrievalStore {

  private static final String COLUMNS =
      "id, login_id, mode, state, request_id, detail_requested, flinks_code,"
          + " reason, reason_message, attempts, polls, sessions, recovery_round, challenges, created_at,"
          + " updated_at, deadline_at, completed_at, version";

  /**
   * What a write sets, in the order {@link #bindWritable} binds it: one list for both insert and
   * update.
   */
  private static final List<String> WRITABLE =
      List.of(
          "mode",
          "state",
          "active_login_id",
          "request_id",
          "detail_requested",
          "flinks_code",
          "reason",
          "reason_message",
          "attempts",
          "polls",
          "sessions",
          "recovery_round",
          "challenges",
          "updated_at",
          "deadline_at",
          "completed_at");

  private static final String INSERT =
      "insert into retrievals (id, login_id, created_at, version, "
          + String.join(", ", WRITABLE)
          + ") values (?, ?, ?, ?, "
          + String.join(", ", Collections.nCopies(WRITABLE.size(), "?"))
          + ")";
  private static final String UPDATE =
      "update retrievals set "
          + String.join(" = ?, ", WRITABLE)
          + " = ?, version = version + 1 where id = ? and version = ?";
  private static final TypeReference<List<MfaChallenge>> CHALLENGES = new TypeReference<>() {};

  private static final String MARK_READY =
      "update retrievals set state = 'ready', active_login_id = null, flinks_code = null,"
          + " reason = null, reason_message = null, challenges = null,"
          + " request_id = coalesce(request_id, ?), updated_at = ?, completed_at = ?, version = version + 1"
          + " where id = ? and active_login_id is not null";

  private final ObjectMapper json;
  private final String insertAndRecord;
  private final String updateAndRecord;
  private final String markReadyAndRecord;

  /**
   * @param dialect picks how a write and its step go out as one statement
   */
  RetrievalStore(ObjectMapper json, Dialect dialect) {
    this.json = json;
    this.insertAndRecord = RetrievalSteps.recordingOf(INSERT, dialect);
    this.updateAndRecord = RetrievalSteps.recordingOf(UPDATE, dialect);
    this.markReadyAndRecord = RetrievalSteps.recordingOf(MARK_READY, dialect);
  }

  /**
   * Inserts a new retrieval. The unique {@code active_login_id} column makes the database refuse a
   * second active retrieval for the same login.
   *
   * @throws RetrievalConflictException when the login already has an active retrieval
   */
  void insert(Connection c, Retrieval r) throws SQLException {
    insertAll(c, List.of(r));
  }

  /**
   * Inserts new retrievals in one JDBC batch.
   *
   * @throws RetrievalConflictException when one of the logins already has an active retrieval
   *     (nothing is usable then: the caller's transaction must roll back)
   */
  void insertAll(Connection c, List<Retrieval> retrievals) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(insertAndRecord)) {
      for (Retrieval r : retrievals) {
        ps.setString(1, r.id());
        ps.setLong(2, r.loginRef());
        setInstant(ps, 3, r.createdAt());
        ps.setLong(4, r.version());
        bindWritable(ps, 5, r);
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      if (isUniqueViolation(e)) {
        throw new RetrievalConflictException();
      }
      throw e;
    }
    RetrievalSteps.prune(c, retrievals.stream().map(Retrieval::loginRef).toList());
  }

  /**
   * Binds {@link #WRITABLE} from {@code first} on; the active slot follows the state. @return the
   * next index
   */
  private int bindWritable(PreparedStatement ps, int first, Retrieval r) throws SQLException {
    int i = first;
    ps.setString(i++, r.mode().wireName());
    ps.setString(i++, r.state().wireName());
    if (r.state().isTerminal()) {
      ps.setNull(i++, Types.BIGINT);
    } else {
      ps.setLong(i++, r.loginRef());
    }
    ps.setString(i++, r.requestId());
    ps.setBoolean(i++, r.detailRequested());
    ps.setString(i++, r.flinksCode());
    ps.setString(i++, r.reason());
    ps.setString(i++, r.reasonMessage());
    ps.setInt(i++, r.attempts());
    ps.setInt(i++, r.polls());
    ps.setInt(i++, r.sessions());
    ps.setInt(i++, r.recoveryRound());
    ps.setString(i++, challengesJson(r.challenges()));
    setInstant(ps, i++, r.updatedAt());
    setInstant(ps, i++, r.deadlineAt());
    setInstant(ps, i++, r.completedAt());
    return i;
  }

  /**
   * Writes every mutable field if the row still has {@code r.version()}; the active slot follows
   * the state. One statement, the step included, so it is atomic even with auto-commit on.
   *
   * @return false when someone else changed the row first
   */
  boolean update(Connection c, Retrieval r) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(updateAndRecord)) {
      int i = bindWritable(ps, 1, r);
      ps.setString(i++, r.id());
      ps.setLong(i, r.version());
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Marks an active retrieval ready, whoever got the data (poll or webhook). Of two racing callers
   * exactly one sees {@code true}: the row lock serialises them and the loser no longer matches
   * {@code active_login_id is not null}.
   *
   * @param requestId the session the data came from, kept when the row has none yet (so a later
   *     webhook for it is known), or null
   */
  boolean markReady(Connection c, String id, String requestId, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(markReadyAndRecord)) {
      ps.setString(1, requestId);
      setInstant(ps, 2, now);
      setInstant(ps, 3, now);
      ps.setString(4, id);
      return ps.executeUpdate() == 1;
    }
  }

  Optional<Retrieval> find(Connection c, String id) throws SQLException {
    return one(c, "select " + COLUMNS + " from retrievals where id = ?", id);
  }

  Optional<Retrieval> findActive(Connection c, long loginRef) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("select " + COLUMNS + " from retrievals where active_login_id = ?")) {
      ps.setLong(1, loginRef);
      return first(ps);
    }
  }

  /** Whether any retrieval of the login completed with data. */
  boolean anyReady(Connection c, long loginRef) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select 1 from retrievals where login_id = ? and state = 'ready' fetch first 1 rows only")) {
      ps.setLong(1, loginRef);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  Optional<Retrieval> findActiveByRequestId(Connection c, String requestId) throws SQLException {
    return one(
        c,
        "select "
            + COLUMNS
            + " from retrievals where request_id = ? and active_login_id is not null",
        requestId);
  }

  Optional<Retrieval> findByRequestId(Connection c, String requestId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select "
                + COLUMNS
                + " from retrievals where request_id = ? order by created_at desc")) {
      ps.setMaxRows(1);
      ps.setString(1, requestId);
      return first(ps);
    }
  }

  /**
   * Per login: its active retrieval, else its latest one; logins without any are absent. One query
   * for a whole page of logins.
   */
  Map<Long, Retrieval> currentOf(Connection c, Collection<Long> loginRefs) throws SQLException {
    String sql =
        "select "
            + COLUMNS
            + " from retrievals where login_id in "
            + placeholders(loginRefs)
            + " order by login_id, case when active_login_id is null then 1 else 0 end, created_at desc, id desc";
    Map<Long, Retrieval> current = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindAll(ps, loginRefs);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Retrieval r = read(rs);
          current.putIfAbsent(r.loginRef(), r);
        }
      }
    }
    return current;
  }

  /** The login's latest {@code limit} retrievals, newest first. */
  List<Retrieval> recentOf(Connection c, long loginRef, int limit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select "
                + COLUMNS
                + " from retrievals where login_id = ?"
                + " order by created_at desc, id desc fetch first ? rows only")) {
      ps.setLong(1, loginRef);
      ps.setInt(2, limit);
      List<Retrieval> recent = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          recent.add(read(rs));
        }
      }
      return recent;
    }
  }

  /** Those of {@code loginRefs} that have an active retrieval. */
  Set<Long> activeAmong(Connection c, Collection<Long> loginRefs) throws SQLException {
    Set<Long> active = new HashSet<>();
    if (loginRefs.isEmpty()) {
      return active;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "select active_login_id from retrievals where active_login_id in "
                + placeholders(loginRefs))) {
      bindAll(ps, loginRefs);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          active.add(rs.getLong(1));
        }
      }
    }
    return active;
  }

  /** A login whose latest retrieval ran out of time on transient failures, and when that was. */
  record Stalled(long loginRef, RetrievalMode mode, int recoveryRound, Instant completedAt) {}

  /**
   * Logins whose latest retrieval timed out at its deadline (not an unanswered MFA), ended before
   * {@code endedBefore}, in a recovery round below {@code maxRound}.
   */
  List<Stalled> stalled(Connection c, Instant endedBefore, int maxRound, int limit)
      throws SQLException {
    String sql =
        "select r.login_id, r.mode, r.recovery_round, r.completed_at from retrievals r"
            + " where r.state = 'timed_out' and r.completed_at <= ? and r.reason = 'deadline' and r.recovery_round < ?"
            + " and r.mode <> 'webhook' and not exists (select 1 from retrievals n where n.login_id = r.login_id"
            + " and n.created_at > r.created_at) order by r.completed_at";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setMaxRows(limit);
      setInstant(ps, 1, endedBefore);
      ps.setInt(2, maxRound);
      List<Stalled> stalled = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          stalled.add(
              new Stalled(
                  rs.getLong(1),
                  RetrievalMode.fromWire(rs.getString(2)),
                  rs.getInt(3),
                  instant(rs, 4)));
        }
      }
      return stalled;
    }
  }

  /** {@code (?,?,...)}, one marker per value, for an {@code in} list bound by {@link #bindAll}. */
  private static String placeholders(Collection<Long> values) {
    return "(" + String.join(",", Collections.nCopies(values.size(), "?")) + ")";
  }

  private static void bindAll(PreparedStatement ps, Collection<Long> values) throws SQLException {
    int i = 1;
    for (long value : values) {
      ps.setLong(i++, value);
    }
  }

  private Optional<Retrieval> one(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      return first(ps);
    }
  }

  private Optional<Retrieval> first(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(read(rs)) : Optional.empty();
    }
  }

  private Retrieval read(ResultSet rs) throws SQLException {
    return Retrieval.builder(
            rs.getString("id"),
            rs.getLong("login_id"),
            RetrievalMode.fromWire(rs.getString("mode")),
            instant(rs, "created_at"))
        .state(RetrievalState.fromWire(rs.getString("state")))
        .requestId(rs.getString("request_id"))
        .detailRequested(rs.getBoolean("detail_requested"))
        .flinksCode(rs.getString("flinks_code"))
        .reason(rs.getString("reason"))
        .reasonMessage(rs.getString("reason_message"))
        .attempts(rs.getInt("attempts"))
        .polls(rs.getInt("polls"))
        .sessions(rs.getInt("sessions"))
        .recoveryRound(rs.getInt("recovery_round"))
        .challenges(challenges(rs.getString("challenges")))
        .updatedAt(instant(rs, "updated_at"))
        .deadlineAt(instant(rs, "deadline_at"))
        .completedAt(instant(rs, "completed_at"))
        .version(rs.getLong("version"))
        .build();
  }

  private String challengesJson(List<MfaChallenge> challenges) {
    if (challenges.isEmpty()) {
      return null;
    }
    try {
      return json.writeValueAsString(challenges);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise MFA challenges", e);
    }
  }

  private List<MfaChallenge> challenges(String value) throws SQLException {
    if (value == null) {
      return List.of();
    }
    try {
      return json.readValue(value, CHALLENGES);
    } catch (JsonProcessingException e) {
      throw new SQLException("unreadable challenges column", e);
    }
  }

  static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, value.atOffset(ZoneOffset.UTC));
    }
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static boolean isUniqueViolation(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      if ("23505".equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
