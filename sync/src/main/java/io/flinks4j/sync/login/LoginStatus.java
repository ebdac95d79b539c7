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
    return new LoginStatus(
        state, updatedAt, lastSuccessAt, errorCode, errorMessage, mfaChallenges, url);
  }

  /**
   * One security challenge ({@code Type} is open-ended, as at Flinks).
   *
   * @param choices what the user picks from (choices, Base64 images, phone numbers), or null for a
   *     text question
   */
  public record MfaChallenge(String type, String prompt, List<String> choices) {}
}
