package io.flinks4j.sync.retrieval;

import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.sync.login.LoginOptions;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The few Flinks calls the engine makes, one short call per method, so a state-machine step never
 * waits a poll interval; failures surface as the client's {@code FlinksException} (FlinksCode,
 * retryable or not).
 */
public interface FlinksGateway {

  /** Mints a token and calls {@code /Authorize} for a stored login, cached or live. */
  Session openSession(String loginId, RetrievalMode mode);

  /** Answers the security questions of a session that answered 203. */
  Session answerMfa(String requestId, Map<String, List<String>> answers);

  /** First {@code POST /GetAccountsDetail} of a session, with the login's options. */
  Detail requestDetail(String requestId, DetailRequest request);

  /** One {@code GET /GetAccountsDetailAsync/{requestId}} after a 202. */
  Detail pollDetail(String requestId);

  /** {@code DELETE /DeleteCard/{loginId}}. */
  void deleteCard(String loginId);

  /**
   * A Flinks Connect URL that resumes the session at its MFA step, with a freshly minted authorize
   * token.
   */
  URI relaunchUrl(String requestId);

  /**
   * The per-login part of a detail call.
   *
   * @param options the login's options
   * @param first whether the login has no completed retrieval yet (its first may ask for more days)
   */
  record DetailRequest(LoginOptions options, boolean first) {}

  /** What {@code /Authorize} answered. */
  sealed interface Session {
    /** The session's RequestId. */
    String requestId();

    /** 200: the session is open. */
    record Authorized(String requestId) implements Session {}

    /** 203: the bank asks security questions. */
    record Mfa(String requestId, List<MfaChallenge> challenges) implements Session {
      public Mfa {
        challenges = List.copyOf(challenges);
      }
    }
  }

  /** What a detail call answered. */
  sealed interface Detail {
    /** 200: the data. */
    record Ready(AccountsDetail payload) implements Detail {}

    /** 202: still processing; poll again after the interval. */
    record Pending() implements Detail {}
  }
}
