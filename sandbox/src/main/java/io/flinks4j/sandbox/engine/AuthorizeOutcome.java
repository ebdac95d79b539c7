package io.flinks4j.sandbox.engine;

import java.util.List;

/**
 * What an authorization step ended with; the API and the Connect page each render it their own way.
 */
public sealed interface AuthorizeOutcome {

  /** The session is open (200). */
  record Authorized(Session session) implements AuthorizeOutcome {}

  /** The bank asks security questions (203); answer them with {@link SandboxEngine#answerMfa}. */
  record MfaRequired(Session session, List<MfaQuestion> challenges) implements AuthorizeOutcome {}

  /** Refused with a FlinksCode; {@code session} is non-null when the RequestId stays usable. */
  record Refused(FlinksCode code, Session session) implements AuthorizeOutcome {
    public Refused(FlinksCode code) {
      this(code, null);
    }
  }
}
