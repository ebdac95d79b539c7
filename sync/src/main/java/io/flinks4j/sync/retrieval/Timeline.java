package io.flinks4j.sync.retrieval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names what each stored step of a retrieval was, from how the row changed since the step before: requested,
 * authorize, session opened, each poll, MFA asked and answered, retries with their reason, and the end; with the
 * time since the retrieval started and since the previous step.
 */
final class Timeline {

  private Timeline() {}

  /** The steps of one retrieval, oldest first, as the JSON objects of its timeline. */
  static List<Map<String, Object>> of(List<RetrievalSteps.Step> steps) {
    List<Map<String, Object>> timeline = new ArrayList<>();
    RetrievalSteps.Step previous = null;
    long previousElapsed = 0;
    for (RetrievalSteps.Step step : steps) {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("id", step.id());
      view.put("at", step.at().toString());
      view.put("event", event(previous, step));
      view.put("state", step.state());
      view.put("polls", step.polls());
      view.put("attempts", step.attempts());
      if (step.reason() != null) {
        view.put("reason", step.reason());
        view.put("message", step.reasonMessage());
      }
      long elapsed = Duration.between(steps.getFirst().at(), step.at()).toMillis();
      view.put("elapsedMs", elapsed);
      view.put("sincePreviousMs", elapsed - previousElapsed); // so the gaps add up to the elapsed time exactly
      timeline.add(view);
      previous = step;
      previousElapsed = elapsed;
    }
    return timeline;
  }

  /**
   * {@code requested}, {@code restarted}, {@code authorize}, {@code session_opened}, {@code poll},
   * {@code mfa_required}, {@code mfa_answered}, {@code retry}, {@code ready}, {@code failed} or {@code timed_out}.
   */
  static String event(RetrievalSteps.Step previous, RetrievalSteps.Step step) {
    boolean retried = previous != null && step.attempts() > previous.attempts() && step.reason() != null;
    String before = previous == null ? null : previous.state();
    return switch (step.state()) {
      case "requested" -> previous == null ? "requested" : "restarted";
      case "authorizing" -> "mfa_required".equals(before) ? "mfa_answered" : retried ? "retry" : "authorize";
      case "processing" -> !"processing".equals(before) ? "session_opened"
          : step.polls() > previous.polls() ? "poll" : retried ? "retry" : "processing";
      case "mfa_required" -> "mfa_required".equals(before) && retried ? "retry" : "mfa_required";
      default -> step.state(); // ready, failed, timed_out
    };
  }
}
