package io.flinks4j.sync.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The queries over db-scheduler's table that its client does not offer: rows of ours that should
 * have a task and have none (lost by a crash between our commit and the scheduling), which the
 * retrieval engine, outbound events and the webhook receiver each sweep for; and the backlog of
 * tasks due but not started, for health checks.
 */
public final class ScheduledTasks {

  private ScheduledTasks() {}

  /**
   * Ids of rows of {@code table} that match {@code pending}, changed before {@code olderThan} (per
   * {@code timeColumn}) and have no task {@code taskName} whose instance is their id.
   *
   * @param table a table of ours with a string {@code id}, aliased {@code r} in {@code pending}
   * @param pending a constant SQL condition over {@code r}, e.g. {@code r.processed_at is null}
   */
  public static List<String> withoutTask(
      Connection c,
      String table,
      String pending,
      String timeColumn,
      String taskName,
      Instant olderThan,
      int limit)
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
