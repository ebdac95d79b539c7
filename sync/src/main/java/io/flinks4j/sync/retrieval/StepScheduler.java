package io.flinks4j.sync.retrieval;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The engine's one seam to whatever runs its steps: "run this retrieval's step at that time".
 * db-scheduler is behind it in the service ({@link DbSchedulerSteps}); a simulation puts a
 * virtual-time queue there.
 */
public interface StepScheduler {

  /**
   * Schedules the first steps of new retrievals on the caller's connection, so they commit
   * together.
   */
  void scheduleFirst(Connection c, List<String> retrievalIds, Instant at) throws SQLException;

  /** Runs the retrieval's step now, or as soon as its running step is done (best effort). */
  void runNow(String retrievalId);

  /**
   * Active retrievals that have no step scheduled (lost by a crash between commit and scheduling).
   */
  List<String> orphans(Connection c, Instant olderThan, int limit) throws SQLException;
}
