package io.flinks4j.sync.login;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a login's retrievals stand, as shown by {@code GET /v1/logins/{loginId}}; produced by the
 * engine through {@link LoginStatusReader}.
 *
 * @param state state of the login's latest retrieval ({@code requested}, {@code processing}, {@code
 *     ready}, {@code mfa_required}, {@code failed}, {@code timed_out}, ...)
 * @param updatedAt when that state was reached
 * @param lastSuccessAt when a retrieval last completed with data
 * @param errorCode why the retrieval failed, timed out or is retrying: a FlinksCode or a category
 *     of the engine's ({@code network}, {@code http_503}, {@code unreadable_response}, {@code
 *     deadline}, ...)
 * @param errorMessage a short description of that failure, free of secrets
 * @param mfaChallenges prompts to answer while {@code mfa_required}
 * @param relaunchUrl Flinks Connect URL to let the user finish MFA there, with an authorize token
 *     minted for this read (never stored); only {@code GET /v1/logins/{loginId}} mints one, a list
 *     does not
 */
public record LoginStatus(
    String state,
    Instant updatedAt,
    Optional<Instant> lastSuccessAt,
    Optional<String> errorCode,
    Optional<String> errorMessage,
    List<MfaChallenge> mfaChallenges,
    Optional<URI> relaunchUrl) {

  public LoginStatus {
    mfaChallenges = List.copyOf(mfaChallenges);
  }

  /** The same status with {@code url} as its relaunch URL. */
  public LoginStatus withRelaunchUrl(Optional<URI> url) {
    return LoginStatus.builder()
        .state(state)
        .updatedAt(updatedAt)
        .lastSuccessAt(lastSuccessAt)
        .errorCode(errorCode)
        .errorMessage(errorMessage)
        .mfaChallenges(mfaChallenges)
        .relaunchUrl(url)
        .build();
  }

  /**
   * One security challenge ({@code Type} is open-ended, as at Flinks).
   *
   * @param choices what the user picks from (choices, Base64 images, phone numbers), or null for a
   *     text question
   */
  public record MfaChallenge(String type, String prompt, List<String> choices) {}

  /** A builder with every field unset (null, or the type's zero). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sets the fields of a {@link LoginStatus} by name, so two of the same type cannot be swapped.
   */
  public static final class Builder {
    private String state;
    private Instant updatedAt;
    private Optional<Instant> lastSuccessAt;
    private Optional<String> errorCode;
    private Optional<String> errorMessage;
    private List<MfaChallenge> mfaChallenges;
    private Optional<URI> relaunchUrl;

    private Builder() {}

    public Builder state(String state) {
      this.state = state;
      return this;
    }

    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    public Builder lastSuccessAt(Optional<Instant> lastSuccessAt) {
      this.lastSuccessAt = lastSuccessAt;
      return this;
    }

    public Builder errorCode(Optional<String> errorCode) {
      this.errorCode = errorCode;
      return this;
    }

    public Builder errorMessage(Optional<String> errorMessage) {
      this.errorMessage = errorMessage;
      return this;
    }

    public Builder mfaChallenges(List<MfaChallenge> mfaChallenges) {
      this.mfaChallenges = mfaChallenges;
      return this;
    }

    public Builder relaunchUrl(Optional<URI> relaunchUrl) {
      this.relaunchUrl = relaunchUrl;
      return this;
    }

    public LoginStatus build() {
      return new LoginStatus(
          state, updatedAt, lastSuccessAt, errorCode, errorMessage, mfaChallenges, relaunchUrl);
    }
  }
}
