package io.flinks4j.sync.retrieval;

import io.flinks4j.sync.login.LoginStatus;
import io.flinks4j.sync.login.LoginStatusReader;
import io.flinks4j.sync.storage.Database;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The retrieval state the read API shows per login: the active retrieval (else the latest), the
 * last time data arrived, the error code and, while {@code mfa_required}, the prompts and the
 * relaunch URL.
 */
public final class RetrievalStatuses implements LoginStatusReader {

  private final Database database;
  private final RetrievalEngine engine;
  private final RetrievalStore store;

  public RetrievalStatuses(Database database, RetrievalEngine engine) {
    this.database = database;
    this.engine = engine;
    this.store = engine.store();
  }

  /**
   * The status of one login; while it waits for MFA, with a relaunch URL whose token is minted for
   * this read.
   */
  @Override
  public Optional<LoginStatus> statusOf(long loginRef) {
    Optional<LoginStatus> status = Optional.ofNullable(statusesOf(List.of(loginRef)).get(loginRef));
    if (status.isEmpty() || !status.get().state().equals(RetrievalState.MFA_REQUIRED.wireName())) {
      return status;
    }
    Optional<URI> relaunch =
        database
            .inTransaction(c -> store.currentOf(c, List.of(loginRef)).values().stream().findFirst())
            .flatMap(engine::relaunchUrl)
            .map(URI::create);
    return Optional.of(status.get().withRelaunchUrl(relaunch));
  }

  /**
   * The statuses of many logins, without relaunch URLs: listing must not mint a token per login.
   */
  @Override
  public Map<Long, LoginStatus> statusesOf(Collection<Long> loginRefs) {
    if (loginRefs.isEmpty()) {
      return Map.of();
    }
    return database.inTransaction(c -> {
      Map<Long, Retrieval> current = store.currentOf(c, loginRefs);
      Map<Long, Instant> lastSuccess = lastSuccess(c, loginRefs);
      Map<Long, LoginStatus> statuses = new LinkedHashMap<>();
      for (long ref : loginRefs) {
        Retrieval r = current.get(ref);
        if (r != null) {
          statuses.put(ref, status(r, Optional.ofNullable(lastSuccess.get(ref))));
        }
      }
      return statuses;
    });
  }

  private static LoginStatus status(Retrieval r, Optional<Instant> lastSuccess) {
    boolean mfa = r.state() == RetrievalState.MFA_REQUIRED;
    return LoginStatus.builder()
        .state(r.state().wireName())
        .updatedAt(r.updatedAt())
        .lastSuccessAt(lastSuccess)
        .errorCode(
            r.state() == RetrievalState.READY ? Optional.empty() : Optional.ofNullable(r.reason()))
        .errorMessage(
            r.state() == RetrievalState.READY
                ? Optional.empty()
                : Optional.ofNullable(r.reasonMessage()))
        .mfaChallenges(
            mfa
                ? r.challenges().stream()
                    .map(c -> new LoginStatus.MfaChallenge(c.type(), c.prompt(), c.choices()))
                    .toList()
                : List.of())
        .relaunchUrl(Optional.empty())
        .build();
  }

  private static Map<Long, Instant> lastSuccess(Connection c, Collection<Long> loginRefs)
      throws SQLException {
    String in = String.join(",", java.util.Collections.nCopies(loginRefs.size(), "?"));
    try (PreparedStatement ps =
        c.prepareStatement(
            "select login_id, max(completed_at) from retrievals"
                + " where state = 'ready' and login_id in ("
                + in
                + ") group by login_id")) {
      int i = 1;
      for (long ref : loginRefs) {
        ps.setLong(i++, ref);
      }
      Map<Long, Instant> result = new HashMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.put(rs.getLong(1), RetrievalStore.instant(rs, 2));
        }
      }
      return result;
    }
  }
}
