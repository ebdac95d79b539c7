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
}
