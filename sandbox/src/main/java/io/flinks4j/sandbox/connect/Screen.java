package io.flinks4j.sandbox.connect;

import io.flinks4j.sandbox.engine.FlinksCode;
import java.util.List;

/** What the Connect page shows; the current screen is also the state of a {@link ConnectFlow}. */
sealed interface Screen {

  record InstitutionPicker() implements Screen {}

  /** The credentials form; {@code error} (nullable) is the bank's refusal of the last attempt. */
  record Credentials(String username, FlinksCode error) implements Screen {
    @Override
    public String toString() {
      return "Credentials[error=" + error + "]";
    }
  }

  /** The security questions of the current MFA round, prompts exactly as the bank asks them. */
  record Mfa(List<String> prompts, FlinksCode error) implements Screen {}

  record AccountPicker(List<AccountChoice> accounts) implements Screen {}

  /** Success: the REDIRECT event was sent; {@code redirectUrl} is null when the launch gave none. */
  record Connected(String redirectUrl) implements Screen {
    /** The URL holds the loginId: not printed. */
    @Override
    public String toString() {
      return "Connected[]";
    }
  }

  /** A dead end; {@code canRetry} offers to start over at the institution picker in the same launch. */
  record Failed(FlinksCode code, Msg detail, boolean canRetry) implements Screen {}

  /** One line of the account selector. */
  record AccountChoice(String id, String title, String type, String lastFour, long balanceCents, String currency) {}
}
