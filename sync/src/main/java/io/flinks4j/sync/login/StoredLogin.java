package io.flinks4j.sync.login;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * A login the service keeps data for, with its loginId decrypted; {@link #toString()} hides the
 * loginId.
 *
 * @param id internal key, referenced by accounts and retrievals
 * @param loginId the Flinks loginId (a credential: never log it)
 * @param tag free text given at registration
 * @param institution Flinks institution code, once data was retrieved
 * @param lastRefresh Flinks {@code Login.LastRefresh} (UTC) of the newest data stored
 * @param createdAt when the login was registered
 * @param options what its retrievals ask GetAccountsDetail for
 */
public record StoredLogin(
    long id,
    String loginId,
    Optional<String> tag,
    Optional<String> institution,
    Optional<LocalDateTime> lastRefresh,
    Instant createdAt,
    LoginOptions options) {

  @Override
  public String toString() {
    return "StoredLogin[id="
        + id
        + ", loginId=<redacted>, institution="
        + institution.orElse("?")
        + "]";
  }

  /** A builder with every field unset (null, or the type's zero). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sets the fields of a {@link StoredLogin} by name, so two of the same type cannot be swapped.
   */
  public static final class Builder {
    private long id;
    private String loginId;
    private Optional<String> tag;
    private Optional<String> institution;
    private Optional<LocalDateTime> lastRefresh;
    private Instant createdAt;
    private LoginOptions options;

    private Builder() {}

    public Builder id(long id) {
      this.id = id;
      return this;
    }

    public Builder loginId(String loginId) {
      this.loginId = loginId;
      return this;
    }

    public Builder tag(Optional<String> tag) {
      this.tag = tag;
      return this;
    }

    public Builder institution(Optional<String> institution) {
      this.institution = institution;
      return this;
    }

    public Builder lastRefresh(Optional<LocalDateTime> lastRefresh) {
      this.lastRefresh = lastRefresh;
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder options(LoginOptions options) {
      this.options = options;
      return this;
    }

    public StoredLogin build() {
      return new StoredLogin(id, loginId, tag, institution, lastRefresh, createdAt, options);
    }
  }
}
