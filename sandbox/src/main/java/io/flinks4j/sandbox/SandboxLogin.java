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

  /** A builder with every field unset (null, or the type's zero). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sets the fields of a {@link SandboxLogin} by name, so two of the same type cannot be swapped.
   */
  public static final class Builder {
    private String loginId;
    private String institution;
    private String username;
    private String password;
    private boolean mfa;
    private MfaType mfaType;
    private Behaviour behaviour;

    private Builder() {}

    public Builder loginId(String loginId) {
      this.loginId = loginId;
      return this;
    }

    public Builder institution(String institution) {
      this.institution = institution;
      return this;
    }

    public Builder username(String username) {
      this.username = username;
      return this;
    }

    public Builder password(String password) {
      this.password = password;
      return this;
    }

    public Builder mfa(boolean mfa) {
      this.mfa = mfa;
      return this;
    }

    public Builder mfaType(MfaType mfaType) {
      this.mfaType = mfaType;
      return this;
    }

    public Builder behaviour(Behaviour behaviour) {
      this.behaviour = behaviour;
      return this;
    }

    public SandboxLogin build() {
      return new SandboxLogin(loginId, institution, username, password, mfa, mfaType, behaviour);
    }
  }
}
