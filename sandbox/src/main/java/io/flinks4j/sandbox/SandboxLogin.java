package io.flinks4j.sandbox;

/**
 * A login known to the sandbox, as listed by {@code GET /sandbox/logins}: what a test needs to
 * drive it. The password is the emulated bank's (public test data), not a Flinks credential.
 *
 * @param mfaType the kind of security challenge asked first, or null without MFA
 */
public record SandboxLogin(
    String loginId,
    String institution,
    String username,
    String password,
    boolean mfa,
    MfaType mfaType,
    Behaviour behaviour) {

  @Override
  public String toString() {
    return "SandboxLogin[loginId=…"
        + loginId.substring(loginId.length() - 4)
        + ", institution="
        + institution
        + ", username="
        + username
        + ", mfa="
        + (mfa ? mfaType.wireName() : "none")
        + ", behaviour="
        + behaviour
        + "]";
  }
}
