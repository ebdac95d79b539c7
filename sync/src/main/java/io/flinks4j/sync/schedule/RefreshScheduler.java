package io.flinks4j.sync.schedule;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.flinks4j.sync.retrieval.RetrievalEngine;
import io.flinks4j.sync.retrieval.RetrievalMode;
import io.flinks4j.sync.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts each login's scheduled cached reads and live refreshes. Each login gets a fixed phase
 * inside each period (derived from its id), so ten thousand logins registered at once are refreshed
 * spread over the period rather than all at the same minute; the engine's rate limit then paces the
 * Flinks calls themselves.
 */
public final class RefreshScheduler {

  /** db-scheduler recurring task name (one execution at a time across all instances). */
  public static final String TASK = "refresh-schedule";

  private static final Logger log = LoggerFactory.getLogger(RefreshScheduler.class);

  private final Database database;
  private final RetrievalEngine engine;
  private final RefreshSettings settings;
  private final Clock clock;
  private final RecurringTask<Void> task;

  public RefreshScheduler(
      Database database, RetrievalEngine engine, RefreshSettings settings, Clock clock) {
    this.database = database;
    this.engine = engine;
    this.settings = settings;
    this.clock = clock;
    this.task =
        Tasks.recurring(TASK, Schedules.fixedDelay(settings.tick()))
            .execute((instance, context) -> tick());
  }

  /** The recurring task, to register as a start task with the scheduler. */
  public RecurringTask<Void> task() {
    return task;
  }

  /**
   * Starts the retrievals that are due; a live refresh due at the same time as a cached read
   * replaces it. A login with a retrieval already active is skipped until its next turn. Logins
   * whose last retrieval ran out of time on transient failures are retried on their own recovery
   * schedule first.
   *
   * @return retrievals started
   */
  public int tick() {
    Instant now = clock.instant();
    int recovered = engine.recoverStalled(settings.batch()).size();
    if (settings.cachedPeriod().isZero() && settings.livePeriod().isZero()) {
      return recovered;
    }
    database.inTransaction(c -> enroll(c, now));
    List<Due> due = database.inTransaction(c -> due(c, now));
    List<Long> live = new ArrayList<>();
    List<Long> cached = new ArrayList<>();
    for (Due d : due) {
      (d.nextLive() != null && !d.nextLive().isAfter(now) ? live : cached).add(d.loginRef());
    }
    int started =
        engine.requestAll(live, RetrievalMode.LIVE).size()
            + engine.requestAll(cached, RetrievalMode.CACHED).size();
    if (started < due.size()) {
      log.debug("{} logins busy, their scheduled refresh skipped", due.size() - started);
    }
    database.inTransaction(c -> advance(c, due, now));
    return recovered + started;
  }

  /**
   * When a login first falls due in a period: its phase from now, so registrations spread evenly.
   */
  static Instant firstDue(long loginRef, Duration period, Instant now) {
    if (period.isZero()) {
      return null;
    }
    long mixed =
        loginRef * 0x9E3779B97F4A7C15L; // Fibonacci hashing: neighbouring ids land far apart
    long offset = Math.floorMod(mixed, period.toMillis());
    return now.plusMillis(offset);
  }

  /** The first time after {@code now} on the same phase as {@code previous}. */
  static Instant following(Instant previous, Duration period, Instant now) {
    if (previous == null || period.isZero()) {
      return previous;
    }
    long behind = Duration.between(previous, now).toMillis();
    long periods = behind < 0 ? 0 : behind / period.toMillis() + 1;
    return previous.plusMillis(periods * period.toMillis());
  }

  private record Due(long loginRef, Instant nextCached, Instant nextLive) {}

  /**
   * Gives logins without a schedule (newly registered through the API or first seen in a webhook)
   * their place in each period.
   */
  private int enroll(Connection c, Instant now) throws SQLException {
    List<Long> fresh = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select l.id from logins l where not exists"
                + " (select 1 from login_schedules s where s.login_id = l.id) order by l.id")) {
      ps.setMaxRows(10_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          fresh.add(rs.getLong(1));
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into login_schedules (login_id, next_cached_at,"
                + " next_live_at) values (?, ?, ?) on conflict do nothing")) {
      for (long loginRef : fresh) {
        ps.setLong(1, loginRef);
        setInstant(ps, 2, firstDue(loginRef, settings.cachedPeriod(), now));
        setInstant(ps, 3, firstDue(loginRef, settings.livePeriod(), now));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return fresh.size();
  }

  private List<Due> due(Connection c, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select login_id, next_cached_at, next_live_at from login_schedules"
                + " where next_cached_at <= ? or next_live_at <= ? order by login_id")) {
      ps.setMaxRows(settings.batch());
      setInstant(ps, 1, now);
      setInstant(ps, 2, now);
      List<Due> due = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          due.add(new Due(rs.getLong(1), instant(rs, 2), instant(rs, 3)));
        }
      }
      return due;
    }
  }

  private Void advance(Connection c, List<Due> due, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "update login_schedules set next_cached_at = ?, next_live_at = ? where login_id = ?")) {
      for (Due d : due) {
        setInstant(ps, 1, following(d.nextCached(), settings.cachedPeriod(), now));
        setInstant(ps, 2, following(d.nextLive(), settings.livePeriod(), now));
        ps.setLong(3, d.loginRef());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return null;
  }

  private static void setInstant(PreparedStatement ps, int index, Instant value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, value.atOffset(ZoneOffset.UTC));
    }
  }

  private static Instant instant(ResultSet rs, int index) throws SQLException {
    OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
