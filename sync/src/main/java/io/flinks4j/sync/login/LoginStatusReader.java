package io.flinks4j.sync.login;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the retrieval state of logins for the read API, implemented by the engine so the API needs
 * no knowledge of the engine's tables.
 */
public interface LoginStatusReader {

  /** A reader for a service without an engine: no login has a status. */
  LoginStatusReader NONE = loginRef -> Optional.empty();

  /**
   * The status of the login with internal id {@code loginRef} ({@link StoredLogin#id()}), if any
   * retrieval exists.
   */
  Optional<LoginStatus> statusOf(long loginRef);

  /**
   * Statuses of several logins (a page of {@code GET /v1/logins}); override to read them in one
   * query.
   */
  default Map<Long, LoginStatus> statusesOf(Collection<Long> loginRefs) {
    Map<Long, LoginStatus> statuses = new LinkedHashMap<>();
    for (long ref : loginRefs) {
      statusOf(ref).ifPresent(status -> statuses.put(ref, status));
    }
    return statuses;
  }
}
