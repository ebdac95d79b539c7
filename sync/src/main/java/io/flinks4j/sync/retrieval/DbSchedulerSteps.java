package io.flinks4j.sync.retrieval;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
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

  private static final Logger log = LoggerFactory.getLogger(DbSchedulerSteps.class);

  private final Clock clock;
  private final Duration retryAfterCrash;
  private volatile CustomTask<Void> task;
  private volatile SchedulerClient scheduler;

  /**
   * @param retryAfterCrash when a step that threw (a bug, the database down) is run again
   */
  public DbSchedulerSteps(Clock clock, Duration retryAfterCrash) {
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
            .onDeadExecutionRevive()
            .onFailure(new FailureHandler.OnFailureRetryLater<>(retryAfterCrash))
            .execute((instance, context) ->
                switch (step.apply(instance.getId())) {
                  case RetrievalEngine.Step.Done done -> new CompletionHandler.OnCompleteRemove<>();
                  case RetrievalEngine.Step.RunAt runAt ->
                      (complete, operations) -> operations.reschedule(complete, runAt.at());
                });
    return task;
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
                + " execution_time, picked, version) values (?, ?, ?, false, 1)")) {
      for (String id : retrievalIds) {
        ps.setString(1, TASK);
        ps.setString(2, id);
        RetrievalStore.setInstant(ps, 3, at);
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
