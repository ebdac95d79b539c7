package io.flinks4j.client;

import io.flinks4j.client.model.Link;
import io.flinks4j.client.model.Login;
import io.flinks4j.client.model.RawJson;
import io.flinks4j.client.model.SecurityChallenge;
import java.util.List;

/**
 * What {@code /Authorize} answered when it did not refuse: an open session, or MFA questions to
 * answer first (a 203, which is neither success nor error). Refusals are thrown as {@link
 * io.flinks4j.client.error.FlinksException}.
 */
public sealed interface AuthorizeResult {

  /** The session's RequestId: use it within 8 minutes. */
  String requestId();

  /** The body exactly as received. */
  RawJson raw();

  /**
   * The session is open (200): continue with {@code /GetAccountsDetail}.
   *
   * @param requestId the session's RequestId
   * @param login the login (its id is the loginId); may be null when Flinks answered 202 because
   *     aggregation is still running, in which case the data calls will answer 202 too
   * @param institution institution code, or null
   * @param institutionName institution name, or null
   * @param institutionId numeric institution id, or null
   * @param links next-step links, possibly empty
   * @param raw the body exactly as received
   */
  record Authorized(
      String requestId,
      Login login,
      String institution,
      String institutionName,
      Integer institutionId,
      List<Link> links,
      RawJson raw)
      implements AuthorizeResult {
    public Authorized {
      links = links == null ? List.of() : List.copyOf(links);
    }
  }

  /**
   * The bank wants MFA answers (203): answer every challenge in one {@link
   * AuthorizeRequest#mfaAnswers} call, or relaunch Connect with this RequestId and a fresh token.
   *
   * @param requestId the session's RequestId, to send back with the answers
   * @param challenges the questions; keys of the answers must equal their prompts exactly
   * @param institution institution code, or null
   * @param raw the body exactly as received
   */
  record MfaChallenge(
      String requestId, List<SecurityChallenge> challenges, String institution, RawJson raw)
      implements AuthorizeResult {
    public MfaChallenge {
      challenges = challenges == null ? List.of() : List.copyOf(challenges);
    }
  }
}
