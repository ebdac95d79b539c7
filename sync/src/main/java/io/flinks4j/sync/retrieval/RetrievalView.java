package io.flinks4j.sync.retrieval;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flinks4j.sync.http.ApiDoc;
import java.util.List;

/**
 * The JSON shape of a retrieval in API answers: state, timing, failure reason and, while {@code
 * mfa_required}, the prompts and the Connect relaunch URL.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ApiDoc("One retrieval of a login: where it stands, and why it failed or what it asks")
public record RetrievalView(
    String id,
    RetrievalMode mode,
    RetrievalState state,
    @ApiDoc(format = "date-time") String requestedAt,
    @ApiDoc(format = "date-time") String updatedAt,
    @ApiDoc(format = "date-time", nullable = true) String completedAt,
    @ApiDoc(nullable = true) String flinksCode,
    @ApiDoc(
            value = "a FlinksCode, or a category (network, http_503, deadline, ...)",
            nullable = true)
        String reason,
    @ApiDoc(nullable = true) String reasonMessage,
    int attempts,
    int polls,
    @ApiDoc(value = "the security questions, while mfa_required", nullable = true)
        List<MfaChallenge> challenges,
    @ApiDoc(
            value = "Flinks Connect URL to finish MFA, while mfa_required",
            format = "uri",
            nullable = true)
        String relaunchUrl) {

  /**
   * The view of {@code r}, with the relaunch URL {@link RetrievalEngine#relaunchUrl(Retrieval)}
   * minted.
   */
  public static RetrievalView of(Retrieval r, RetrievalEngine engine) {
    boolean mfa = r.state() == RetrievalState.MFA_REQUIRED;
    return new RetrievalView(
        r.id(),
        r.mode(),
        r.state(),
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
