package io.flinks4j.sandbox;

/**
 * A login known to the sandbox, as listed by {@code GET /sandbox/logins}: what a test needs to drive it.
 * The password is the emulated bank's (public test data), not a Flinks credential.
 */
public record SandboxLogin(
    String loginId, String institution, String username, String password, boolean mfa, Behaviour behaviour) {

  @Override
  public String toString() {
    return "SandboxLogin[loginId=…" + loginId.substring(loginId.length() - 4) + ", institution=" + institution
        + ", username=" + username + ", mfa=" + mfa + ", behaviour=" + behaviour + "]";
  }
}
