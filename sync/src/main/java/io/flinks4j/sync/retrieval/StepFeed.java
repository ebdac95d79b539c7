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
      Instant at) {
    /** A builder with every field unset (null, or the type's zero). */
    public static Builder builder() {
      return new Builder();
    }

    /**
     * Sets the fields of a {@link StepEvent} by name, so two of the same type cannot be swapped.
     */
    public static final class Builder {
      private long id;
      private long loginRef;
      private String retrievalId;
      private String event;
      private String state;
      private int polls;
      private int attempts;
      private String reason;
      private String message;
      private Instant at;

      private Builder() {}

      public Builder id(long id) {
        this.id = id;
        return this;
      }

      public Builder loginRef(long loginRef) {
        this.loginRef = loginRef;
        return this;
      }

      public Builder retrievalId(String retrievalId) {
        this.retrievalId = retrievalId;
        return this;
      }

      public Builder event(String event) {
        this.event = event;
        return this;
      }

      public Builder state(String state) {
        this.state = state;
        return this;
      }

      public Builder polls(int polls) {
        this.polls = polls;
        return this;
      }

      public Builder attempts(int attempts) {
        this.attempts = attempts;
        return this;
      }

      public Builder reason(String reason) {
        this.reason = reason;
        return this;
      }

      public Builder message(String message) {
        this.message = message;
        return this;
      }

      public Builder at(Instant at) {
        this.at = at;
        return this;
      }

      public StepEvent build() {
        return new StepEvent(
            id, loginRef, retrievalId, event, state, polls, attempts, reason, message, at);
      }
    }
  }

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
          return StepEvent.builder()
              .id(s.id())
              .loginRef(s.loginRef())
              .retrievalId(s.retrievalId())
              .event(named.event())
              .state(s.state())
              .polls(s.polls())
              .attempts(s.attempts())
              .reason(s.reason())
              .message(s.reasonMessage())
              .at(s.at())
              .build();
        })
        .toList();
  }

  /** The id of the newest step (0 when none): a new reader starts after it. */
  public long newestId() {
    return database.inTransaction(RetrievalSteps::newestId);
  }
}
