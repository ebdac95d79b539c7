package io.flinks4j.sync.retrieval;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Priority;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.flinks4j.sync.storage.Database;
import io.flinks4j.sync.storage.ScheduledTasks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs retrieval steps as db-scheduler executions: one task instance per retrieval, rescheduled to
 * the time each step returns, removed when the retrieval ends. The only code that knows
 * db-scheduler's table.
 */
public final class DbSchedulerSteps implements StepScheduler {

  /** db-scheduler task name; one instance per retrieval id. */
  public static final String TASK = "retrieval-advance";

  /** Each active retrieval has a step task. */
  private static final ScheduledTasks.TaskOwner TASKS =
      new ScheduledTasks.TaskOwner(
          "retrievals", "r.active_login_id is not null", "updated_at", TASK);

  /** Priority of the steps of a retrieval whose session is open (its polls). */
  public static final int POLL_PRIORITY = Priority.HIGH;

  /** Priority of a new retrieval's steps until its session is open. */
  public static final int INTAKE_PRIORITY = Priority.LOW;

  private static final Logger log = LoggerFactory.getLogger(DbSchedulerSteps.class);

  private final Database database;
  private final Clock clock;
  private final Duration retryAfterCrash;
  private volatile CustomTask<Void> task;
  private volatile SchedulerClient scheduler;

  /**
   * @param retryAfterCrash when a step that threw (a bug, the database down) is run again
   */
  public DbSchedulerSteps(Database database, Clock clock, Duration retryAfterCrash) {
    this.database = database;
    this.clock = clock;
    this.retryAfterCrash = retryAfterCrash;
  }

  /**
   * The task that runs {@code step} (a retrieval id in, when to run again out), to register with
   * the scheduler.
   */
  public CustomTask<Void> task(Function<String, RetrievalEngine.Step> step) {
    task =
        Tasks.custom(TASK, Void.class)
            .defaultPriority(INTAKE_PRIORITY)
            .onDeadExecutionRevive()
            .onFailure(new FailureHandler.OnFailureRetryLater<>(retryAfterCrash))
            .execute((instance, context) ->
                switch (step.apply(instance.getId())) {
                  case RetrievalEngine.Step.Done done -> new CompletionHandler.OnCompleteRemove<>();
                  case RetrievalEngine.Step.RunAt runAt ->
                      (complete, operations) -> {
                        if (runAt.polling()) {
                          promote(complete.getExecution());
                        }
                        operations.reschedule(complete, runAt.at());
                      };
                });
    return task;
  }

  /**
   * Moves a retrieval's task to {@link #POLL_PRIORITY} once its session is open: one statement per
   * retrieval, on the row this instance holds (its version), before db-scheduler reschedules it.
   */
  private void promote(Execution execution) {
    if (execution.taskInstance.getPriority() == POLL_PRIORITY) {
      return;
    }
    database.autoCommitted(c -> {
      try (PreparedStatement ps =
          c.prepareStatement(
              "update scheduled_tasks set priority = ?"
                  + " where task_name = ? and task_instance = ? and version = ?")) {
        ps.setInt(1, POLL_PRIORITY);
        ps.setString(2, TASK);
        ps.setString(3, execution.taskInstance.getId());
        ps.setLong(4, execution.version);
        return ps.executeUpdate();
      }
    });
  }

  /** Connects to the running scheduler, which then runs the steps. */
  public void bind(SchedulerClient schedulerClient) {
    this.scheduler = schedulerClient;
  }

  // db-scheduler's client schedules only in a transaction of its own; this row is what it would
  // write.
  @Override
  public void scheduleFirst(Connection c, List<String> retrievalIds, Instant at)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into scheduled_tasks (task_name, task_instance,"
                + " execution_time, picked, version, priority) values (?, ?, ?, false, 1, ?)")) {
      for (String id : retrievalIds) {
        ps.setString(1, TASK);
        ps.setString(2, id);
        RetrievalStore.setInstant(ps, 3, at);
        ps.setInt(4, INTAKE_PRIORITY);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override
  public void runNow(String retrievalId) {
    SchedulerClient client = scheduler;
    if (client == null || task == null) {
      return;
    }
    Instant now = clock.instant();
    if (!client.scheduleIfNotExists(task.instance(retrievalId), now)) {
      try {
        client.reschedule(task.instance(retrievalId), now);
      } catch (TaskInstanceException busyOrGone) {
        // The step is running or was just picked or removed: that run reads the state we committed,
        // or
        // reschedules itself within a poll interval, so the caller's change is not lost.
        log.debug("Retrieval step already running; it will pick up the change");
      }
    }
  }

  @Override
  public List<String> orphans(Connection c, Instant olderThan, int limit) throws SQLException {
    return TASKS.withoutTask(c, olderThan, limit);
  }
}
