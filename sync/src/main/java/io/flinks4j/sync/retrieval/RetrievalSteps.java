package io.flinks4j.sync.retrieval;

import io.flinks4j.sync.storage.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The step history of retrievals ({@code retrieval_steps}): {@link RetrievalStore} copies the row
 * into it with each successful write, by the same statement ({@link #recordingOf}), so the history
 * never shows a step that did not commit. Kept for the latest {@link #KEPT_PER_LOGIN} retrievals of
 * each login.
 */
final class RetrievalSteps {

  /** Retrievals per login whose steps are kept. */
  static final int KEPT_PER_LOGIN = 10;

  private static final String STEP_COLUMNS =
      "retrieval_id, login_id, recorded_at, state, polls, attempts, sessions, reason, reason_message";
  private static final String ROW_COLUMNS =
      "id, login_id, updated_at, state, polls, attempts, sessions, reason, reason_message";
  private static final String PRUNE =
      "delete from retrieval_steps where login_id = ? and retrieval_id not in"
          + " (select id from retrievals where login_id = ? order by created_at desc, id desc fetch first "
          + KEPT_PER_LOGIN
          + " rows only)";
  private static final String COLUMNS =
      "s.id, s.retrieval_id, s.login_id, s.recorded_at, s.state, s.polls,"
          + " s.attempts, s.sessions, s.reason, s.reason_message";

  /** A step as stored: the retrieval's state and counters right after one write. */
  record Step(
      long id,
      String retrievalId,
      long loginRef,
      Instant at,
      String state,
      int polls,
      int attempts,
      int sessions,
      String reason,
      String reasonMessage) {
    /** A builder with every field unset (null, or the type's zero). */
    static Builder builder() {
      return new Builder();
    }

    /** Sets the fields of a {@link Step} by name, so two of the same type cannot be swapped. */
    static final class Builder {
      private long id;
      private String retrievalId;
      private long loginRef;
      private Instant at;
      private String state;
      private int polls;
      private int attempts;
      private int sessions;
      private String reason;
      private String reasonMessage;

      private Builder() {}

      Builder id(long id) {
        this.id = id;
        return this;
      }

      Builder retrievalId(String retrievalId) {
        this.retrievalId = retrievalId;
        return this;
      }

      Builder loginRef(long loginRef) {
        this.loginRef = loginRef;
        return this;
      }

      Builder at(Instant at) {
        this.at = at;
        return this;
      }

      Builder state(String state) {
        this.state = state;
        return this;
      }

      Builder polls(int polls) {
        this.polls = polls;
        return this;
      }

      Builder attempts(int attempts) {
        this.attempts = attempts;
        return this;
      }

      Builder sessions(int sessions) {
        this.sessions = sessions;
        return this;
      }

      Builder reason(String reason) {
        this.reason = reason;
        return this;
      }

      Builder reasonMessage(String reasonMessage) {
        this.reasonMessage = reasonMessage;
        return this;
      }

      Step build() {
        return new Step(
            id, retrievalId, loginRef, at, state, polls, attempts, sessions, reason, reasonMessage);
      }
    }
  }

  private RetrievalSteps() {}

  /**
   * {@code update} (an insert into or an update of {@code retrievals}) and the recording of the
   * rows it wrote as steps, in one statement, whose update count is that of the write: one round
   * trip instead of two, and atomic on its own, so it needs no transaction. PostgreSQL writes it as
   * a data-modifying {@code with}, H2 as an insert from the update's {@code final table}.
   */
  static String recordingOf(String update, Dialect dialect) {
    return switch (dialect) {
      case POSTGRESQL ->
          "with u as ("
              + update
              + " returning "
              + ROW_COLUMNS
              + ") insert into retrieval_steps ("
              + STEP_COLUMNS
              + ") select "
              + ROW_COLUMNS
              + " from u";
      case H2 ->
          "insert into retrieval_steps ("
              + STEP_COLUMNS
              + ") select "
              + ROW_COLUMNS
              + " from final table ("
              + update
              + ")";
    };
  }

  /** Drops the steps of the logins' retrievals older than their latest {@link #KEPT_PER_LOGIN}. */
  static void prune(Connection c, Collection<Long> loginRefs) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(PRUNE)) {
      for (long ref : new LinkedHashSet<>(loginRefs)) {
        ps.setLong(1, ref);
        ps.setLong(2, ref);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The steps of one retrieval, oldest first. */
  static List<Step> of(Connection c, String retrievalId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select "
                + COLUMNS
                + " from retrieval_steps s where s.retrieval_id = ? order by s.id")) {
      ps.setString(1, retrievalId);
      return read(ps);
    }
  }

  /**
   * Up to {@code limit} steps of any login recorded after step {@code afterId}, oldest first, each
   * named by {@link Timeline#event} against the step before it of the same retrieval.
   */
  static List<Named> after(Connection c, long afterId, int limit) throws SQLException {
    return named(c, "s.id > ? order by s.id fetch first " + limit + " rows only", List.of(afterId));
  }

  /** The steps among {@code ids} that exist, named like {@link #after}, oldest first. */
  static List<Named> byIds(Connection c, Collection<Long> ids) throws SQLException {
    if (ids.isEmpty()) {
      return List.of();
    }
    String in = String.join(",", Collections.nCopies(ids.size(), "?"));
    return named(c, "s.id in (" + in + ") order by s.id", List.copyOf(ids));
  }

  private static List<Named> named(Connection c, String where, List<Long> values)
      throws SQLException {
    String previous =
        "(select max(id) from retrieval_steps b where b.retrieval_id = s.retrieval_id and b.id < s.id)";
    try (PreparedStatement ps =
        c.prepareStatement(
            "select "
                + COLUMNS
                + ", "
                + COLUMNS.replace("s.", "p.")
                + " from retrieval_steps s left join retrieval_steps p on p.id = "
                + previous
                + " where "
                + where)) {
      for (int i = 0; i < values.size(); i++) {
        ps.setLong(i + 1, values.get(i));
      }
      List<Named> steps = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Step step = step(rs, 0);
          Step before = rs.getString(12) == null ? null : step(rs, 10);
          steps.add(new Named(step, Timeline.event(before, step)));
        }
      }
      return steps;
    }
  }

  /** A step with what it was ({@link Timeline#event}). */
  record Named(Step step, String event) {}

  /** The id of the newest step, 0 when there is none. */
  static long newestId(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select max(id) from retrieval_steps");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static List<Step> read(PreparedStatement ps) throws SQLException {
    List<Step> steps = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        steps.add(step(rs, 0));
      }
    }
    return steps;
  }

  /** The step in the ten columns after {@code offset}. */
  private static Step step(ResultSet rs, int offset) throws SQLException {
    return Step.builder()
        .id(rs.getLong(offset + 1))
        .retrievalId(rs.getString(offset + 2))
        .loginRef(rs.getLong(offset + 3))
        .at(RetrievalStore.instant(rs, offset + 4))
        .state(rs.getString(offset + 5))
        .polls(rs.getInt(offset + 6))
        .attempts(rs.getInt(offset + 7))
        .sessions(rs.getInt(offset + 8))
        .reason(rs.getString(offset + 9))
        .reasonMessage(rs.getString(offset + 10))
        .build();
  }
}
