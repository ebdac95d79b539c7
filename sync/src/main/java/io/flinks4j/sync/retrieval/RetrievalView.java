package io.flinks4j.sync.retrieval;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The JSON shape of a retrieval in API answers: state, timing, failure reason and, while {@code mfa_required}, the
 * prompts and the Connect relaunch URL.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetrievalView(
    String id,
    String mode,
    String state,
    String requestedAt,
    String updatedAt,
    String completedAt,
    String flinksCode,
    String reason,
    String reasonMessage,
    int attempts,
    int polls,
    List<MfaChallenge> challenges,
    String relaunchUrl) {

  /** The view of {@code r}, with the relaunch URL {@link RetrievalEngine#relaunchUrl(Retrieval)} minted. */
  public static RetrievalView of(Retrieval r, RetrievalEngine engine) {
    boolean mfa = r.state() == RetrievalState.MFA_REQUIRED;
    return new RetrievalView(
        r.id(),
        r.mode().wireName(),
        r.state().wireName(),
        r.createdAt().toString(),
        r.updatedAt().toString(),
        r.completedAt() == null ? null : r.completedAt().toString(),
        r.flinksCode(),
        r.reason(),
        r.reasonMessage(),
        r.attempts(),
        r.polls(),
        mfa ? r.challenges() : null,
        mfa ? engine.relaunchUrl(r).orElse(null) : null);
  }

  @Override
  public String toString() {
    return "RetrievalView[id=" + id + ", state=" + state + ", reason=" + reason + "]";
  }
}
