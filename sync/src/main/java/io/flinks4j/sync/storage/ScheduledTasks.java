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
 * The one query over db-scheduler's table that its client does not offer: rows of ours that should have a task and
 * have none (lost by a crash between our commit and the scheduling). The retrieval engine, outbound events and the
 * webhook receiver each sweep for theirs with it.
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
  public static List<String> withoutTask(Connection c, String table, String pending, String timeColumn,
      String taskName, Instant olderThan, int limit) throws SQLException {
    String sql = "select r.id from " + table + " r where " + pending + " and r." + timeColumn + " < ?"
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
}
