package io.flinks4j.sync.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The queries over db-scheduler's table that its client does not offer: rows of ours that should
 * have a task and have none (lost by a crash between our commit and the scheduling, see {@link
 * TaskOwner}); and the backlog of tasks due but not started, for health checks.
 */
public final class ScheduledTasks {

  private ScheduledTasks() {}

  /**
   * How long a pending row may go without its task before a sweep schedules one: far longer than
   * the gap between our commit and the scheduling that follows it.
   */
  public static final Duration SWEEP_GRACE = Duration.ofSeconds(5);

  /** The most rows one sweep schedules; the next sweep takes the rest. */
  public static final int SWEEP_BATCH = 1000;

  /**
   * Rows of one table of ours that each have a db-scheduler task while they are pending, the task's
   * instance being the row's id; the retrieval engine, outbound events and the webhook receiver
   * each declare one and sweep it for rows that lost their task.
   *
   * @param table a table of ours with a string {@code id}, aliased {@code r} in {@code pending}
   * @param pending a constant SQL condition over {@code r}, e.g. {@code r.processed_at is null}
   * @param timeColumn the column of {@code r} that says when the row last changed
   * @param taskName the db-scheduler task that should exist for each pending row
   */
  public record TaskOwner(String table, String pending, String timeColumn, String taskName) {

    /**
     * Ids of pending rows changed before {@code olderThan} that have no task, at most {@code
     * limit}.
     */
    public List<String> withoutTask(Connection c, Instant olderThan, int limit)
        throws SQLException {
      String sql =
          "select r.id from "
              + table
              + " r where "
              + pending
              + " and r."
              + timeColumn
              + " < ?"
              + " and not exists (select 1 from scheduled_tasks t where t.task_name = ? and t.task_instance = r.id)";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setMaxRows(limit);
        ps.setObject(1, olderThan.atOffset(ZoneOffset.UTC));
        ps.setString(2, taskName);
        List<String> ids = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
        return ids;
      }
    }

    /**
     * What one sweep at {@code now} schedules: pending rows without a task for longer than {@link
     * ScheduledTasks#SWEEP_GRACE}, at most {@link ScheduledTasks#SWEEP_BATCH}.
     */
    public List<String> orphans(Connection c, Instant now) throws SQLException {
      return withoutTask(c, now.minus(SWEEP_GRACE), SWEEP_BATCH);
    }
  }

  /** How many tasks were due before {@code dueBefore} and are still not picked by any instance. */
  public static long notStarted(Connection c, Instant dueBefore) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select count(*) from scheduled_tasks where picked = false and execution_time < ?")) {
      ps.setObject(1, dueBefore.atOffset(ZoneOffset.UTC));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
