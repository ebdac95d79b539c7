package io.flinks4j.sync.retrieval;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flinks4j.sync.http.ApiDoc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Names what each stored step of a retrieval was, from how the row changed since the step before:
 * requested, authorize, session opened, each poll, MFA asked and answered, retries with their
 * reason, and the end; with the time since the retrieval started and since the previous step.
 */
final class Timeline {

  private Timeline() {}

  /**
   * One step of a retrieval's timeline, as {@code GET /v1/logins/{loginId}/retrievals} answers it.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ApiDoc(
      "One step of a retrieval: what happened, and how long after the request and the step before")
  record TimelineStep(
      @ApiDoc("also the id of its event on /v1/events/stream") long id,
      @ApiDoc(format = "date-time") String at,
      @ApiDoc(
              "requested, restarted, authorize, session_opened, poll, mfa_required, mfa_answered, retry,"
                  + " processing, ready, failed or timed_out")
          String event,
      @ApiDoc("the retrieval's state after the step") String state,
      int polls,
      int attempts,
      @ApiDoc(value = "why the step retried or the retrieval ended", nullable = true) String reason,
      @ApiDoc(value = "short description of that reason, free of secrets", nullable = true)
          String message,
      @ApiDoc("milliseconds since the retrieval was requested") long elapsedMs,
      @ApiDoc("milliseconds since the step before") long sincePreviousMs) {
    /** A builder with every field unset (null, or the type's zero). */
    static Builder builder() {
      return new Builder();
    }

    /**
     * Sets the fields of a {@link TimelineStep} by name, so two of the same type cannot be swapped.
     */
    static final class Builder {
      private long id;
      private String at;
      private String event;
      private String state;
      private int polls;
      private int attempts;
      private String reason;
      private String message;
      private long elapsedMs;
      private long sincePreviousMs;

      private Builder() {}

      Builder id(long id) {
        this.id = id;
        return this;
      }

      Builder at(String at) {
        this.at = at;
        return this;
      }

      Builder event(String event) {
        this.event = event;
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

      Builder reason(String reason) {
        this.reason = reason;
        return this;
      }

      Builder message(String message) {
        this.message = message;
        return this;
      }

      Builder elapsedMs(long elapsedMs) {
        this.elapsedMs = elapsedMs;
        return this;
      }

      Builder sincePreviousMs(long sincePreviousMs) {
        this.sincePreviousMs = sincePreviousMs;
        return this;
      }

      TimelineStep build() {
        return new TimelineStep(
            id, at, event, state, polls, attempts, reason, message, elapsedMs, sincePreviousMs);
      }
    }
  }

  /** The steps of one retrieval, oldest first, as its timeline. */
  static List<TimelineStep> of(List<RetrievalSteps.Step> steps) {
    List<TimelineStep> timeline = new ArrayList<>();
    RetrievalSteps.Step previous = null;
    long previousElapsed = 0;
    for (RetrievalSteps.Step step : steps) {
      long elapsed = Duration.between(steps.getFirst().at(), step.at()).toMillis();
      timeline.add(
          TimelineStep.builder()
              .id(step.id())
              .at(step.at().toString())
              .event(event(previous, step))
              .state(step.state())
              .polls(step.polls())
              .attempts(step.attempts())
              .reason(step.reason())
              .message(step.reason() == null ? null : step.reasonMessage())
              .elapsedMs(elapsed)
              .sincePreviousMs(elapsed - previousElapsed)
              .build()); // so the gaps add up to the elapsed time exactly
      previous = step;
      previousElapsed = elapsed;
    }
    return timeline;
  }

  /**
   * {@code requested}, {@code restarted}, {@code authorize}, {@code session_opened}, {@code poll},
   * {@code mfa_required}, {@code mfa_answered}, {@code retry}, {@code ready}, {@code failed} or
   * {@code timed_out}.
   */
  static String event(RetrievalSteps.Step previous, RetrievalSteps.Step step) {
    boolean retried =
        previous != null && step.attempts() > previous.attempts() && step.reason() != null;
    String before = previous == null ? null : previous.state();
    return switch (step.state()) {
      case "requested" -> previous == null ? "requested" : "restarted";
      case "authorizing" ->
          "mfa_required".equals(before) ? "mfa_answered" : retried ? "retry" : "authorize";
      case "processing" ->
          !"processing".equals(before)
              ? "session_opened"
              : step.polls() > previous.polls() ? "poll" : retried ? "retry" : "processing";
      case "mfa_required" -> "mfa_required".equals(before) && retried ? "retry" : "mfa_required";
      default -> step.state(); // ready, failed, timed_out
    };
  }
}
