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
    return RetrievalView.builder()
        .id(r.id())
        .mode(r.mode())
        .state(r.state())
        .requestedAt(r.createdAt().toString())
        .updatedAt(r.updatedAt().toString())
        .completedAt(r.completedAt() == null ? null : r.completedAt().toString())
        .flinksCode(r.flinksCode())
        .reason(r.reason())
        .reasonMessage(r.reasonMessage())
        .attempts(r.attempts())
        .polls(r.polls())
        .challenges(mfa ? r.challenges() : null)
        .relaunchUrl(mfa ? engine.relaunchUrl(r).orElse(null) : null)
        .build();
  }

  @Override
  public String toString() {
    return "RetrievalView[id=" + id + ", state=" + state + ", reason=" + reason + "]";
  }

  /** A builder with every field unset (null, or the type's zero). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sets the fields of a {@link RetrievalView} by name, so two of the same type cannot be swapped.
   */
  public static final class Builder {
    private String id;
    private RetrievalMode mode;
    private RetrievalState state;
    private String requestedAt;
    private String updatedAt;
    private String completedAt;
    private String flinksCode;
    private String reason;
    private String reasonMessage;
    private int attempts;
    private int polls;
    private List<MfaChallenge> challenges;
    private String relaunchUrl;

    private Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder mode(RetrievalMode mode) {
      this.mode = mode;
      return this;
    }

    public Builder state(RetrievalState state) {
      this.state = state;
      return this;
    }

    public Builder requestedAt(String requestedAt) {
      this.requestedAt = requestedAt;
      return this;
    }

    public Builder updatedAt(String updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    public Builder completedAt(String completedAt) {
      this.completedAt = completedAt;
      return this;
    }

    public Builder flinksCode(String flinksCode) {
      this.flinksCode = flinksCode;
      return this;
    }

    public Builder reason(String reason) {
      this.reason = reason;
      return this;
    }

    public Builder reasonMessage(String reasonMessage) {
      this.reasonMessage = reasonMessage;
      return this;
    }

    public Builder attempts(int attempts) {
      this.attempts = attempts;
      return this;
    }

    public Builder polls(int polls) {
      this.polls = polls;
      return this;
    }

    public Builder challenges(List<MfaChallenge> challenges) {
      this.challenges = challenges;
      return this;
    }

    public Builder relaunchUrl(String relaunchUrl) {
      this.relaunchUrl = relaunchUrl;
      return this;
    }

    public RetrievalView build() {
      return new RetrievalView(
          id,
          mode,
          state,
          requestedAt,
          updatedAt,
          completedAt,
          flinksCode,
          reason,
          reasonMessage,
          attempts,
          polls,
          challenges,
          relaunchUrl);
    }
  }
}
