package io.flinks4j.sandbox.connect;

import io.flinks4j.sandbox.engine.FlinksCode;
import io.flinks4j.sandbox.engine.MfaQuestion;
import java.util.List;

/** What the Connect page shows; the current screen is also the state of a {@link ConnectFlow}. */
sealed interface Screen {

  /** What is shared and with whom, to accept or deny ({@code consentEnable}, on by default). */
  record Consent() implements Screen {}

  /** Consent was denied: nothing is shared; the user may review the consent again. */
  record Declined() implements Screen {}

  record InstitutionPicker() implements Screen {}

  /** The credentials form; {@code error} (nullable) is the bank's refusal of the last attempt. */
  record Credentials(String username, FlinksCode error) implements Screen {
    @Override
    public String toString() {
      return "Credentials[error=" + error + "]";
    }
  }

  /** The security challenges of the current MFA round, each rendered by its kind. */
  record Mfa(List<MfaQuestion> challenges, FlinksCode error) implements Screen {}

  record AccountPicker(List<AccountChoice> accounts) implements Screen {}

  /**
   * Success: the REDIRECT event was sent; {@code redirectUrl} is null when the launch gave none.
   */
  record Connected(String redirectUrl) implements Screen {
    /** The URL holds the loginId: not printed. */
    @Override
    public String toString() {
      return "Connected[]";
    }
  }

  /** The user closed the page with its close button ({@code closeEnable}). */
  record Closed() implements Screen {}

  /**
   * A dead end; {@code canRetry} offers to start over at the institution picker in the same launch.
   */
  record Failed(FlinksCode code, Msg detail, boolean canRetry) implements Screen {}

  /** One line of the account selector. */
  record AccountChoice(
      String id, String title, String type, String lastFour, long balanceCents, String currency) {}
}
