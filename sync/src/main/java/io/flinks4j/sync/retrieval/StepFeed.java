package io.flinks4j.sync.retrieval;

import io.flinks4j.sync.storage.Database;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The steps of every retrieval in the order they committed, for live consumers (the event stream):
 * each step has an increasing id, so a reader resumes after the last id it saw.
 */
public final class StepFeed {

  /**
   * One step of a retrieval, as the stream shows it.
   *
   * @param event what the step was ({@code requested}, {@code poll}, {@code mfa_required}, {@code
   *     ready}, ...)
   * @param reason why it retried or ended, when it did
   */
  public record StepEvent(
      long id,
      long loginRef,
      String retrievalId,
      String event,
      String state,
      int polls,
      int attempts,
      String reason,
      String message,
      Instant at) {}

  private final Database database;

  public StepFeed(Database database) {
    this.database = database;
  }

  /** Up to {@code limit} steps after step {@code afterId}, oldest first. */
  public List<StepEvent> after(long afterId, int limit) {
    return events(database.inTransaction(c -> RetrievalSteps.after(c, afterId, limit)));
  }

  /**
   * Those of the steps {@code ids} that exist (committed since they were seen missing), oldest
   * first.
   */
  public List<StepEvent> byIds(Collection<Long> ids) {
    return events(database.inTransaction(c -> RetrievalSteps.byIds(c, ids)));
  }

  private static List<StepEvent> events(List<RetrievalSteps.Named> steps) {
    return steps.stream()
        .map(named -> {
          RetrievalSteps.Step s = named.step();
          return new StepEvent(
              s.id(),
              s.loginRef(),
              s.retrievalId(),
              named.event(),
              s.state(),
              s.polls(),
              s.attempts(),
              s.reason(),
              s.reasonMessage(),
              s.at());
        })
        .toList();
  }

  /** The id of the newest step (0 when none): a new reader starts after it. */
  public long newestId() {
    return database.inTransaction(RetrievalSteps::newestId);
  }
}
