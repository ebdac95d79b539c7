package io.flinks4j.client;

import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.client.model.SecurityChallenge;
import java.net.URI;
import java.util.List;

/**
 * Outcome of {@link FlinksClient#refresh}: fresh data, or MFA the caller's handler did not answer.
 */
public sealed interface RefreshResult {

  /**
   * The live refresh completed and the data was retrieved.
   *
   * @param detail the fresh data
   */
  record Refreshed(AccountsDetail detail) implements RefreshResult {}

  /**
   * The bank wants MFA and the handler declined: the user must answer in Flinks Connect. Open
   * {@code relaunchUrl} (it carries the RequestId and a freshly minted token; the refresh's token
   * is consumed), then after Connect's REDIRECT do a cached retrieve.
   *
   * @param requestId the session waiting for answers (alive for 8 minutes of inactivity)
   * @param challenges the questions the bank asked
   * @param relaunchUrl the Connect URL to finish MFA; contains a token, so {@code toString()} hides
   *     it
   */
  record MfaRequired(String requestId, List<SecurityChallenge> challenges, URI relaunchUrl)
      implements RefreshResult {
    public MfaRequired {
      challenges = List.copyOf(challenges);
    }

    @Override
    public String toString() {
      return "MfaRequired[requestId="
          + requestId
          + ", challenges="
          + challenges
          + ", relaunchUrl=***]";
    }
  }
}
