package io.flinks4j.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinks4j.sync.retrieval.RetrievalState;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/**
 * Registers the logins through {@code POST /v1/logins}, asks for a live refresh of every n-th one
 * once its first retrieval is ready (so refreshes run while instances keep dying), and waits until
 * every login's latest retrieval has ended.
 */
final class LoginDriver {

  /**
   * How the wait ended.
   *
   * @param refreshed loginIds whose live refresh was answered 202
   * @param refreshesUnconfirmed refresh calls whose answer was lost or unexpected (not retried)
   * @param refreshesSkipped logins picked for a refresh and never asked: their first retrieval did
   *     not end ready (or the cap came first)
   * @param ended whether every retrieval ended before the cap
   */
  record Outcome(
      Set<String> refreshed, int refreshesUnconfirmed, int refreshesSkipped, boolean ended) {}

  private static final Set<String> TERMINAL =
      Arrays.stream(RetrievalState.values())
          .filter(RetrievalState::isTerminal)
          .map(RetrievalState::wireName)
          .collect(Collectors.toUnmodifiableSet());
  private static final String READY = RetrievalState.READY.wireName();
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

  private final ServiceApi api;
  private final List<ChaosLogin> logins;
  private final Set<String> refreshPending;
  private final int refreshesPlanned;
  private final IntSupplier kills;
  private final Instant started;

  /**
   * @param kills how many kills so far, for the progress lines
   */
  LoginDriver(
      ServiceApi api,
      List<ChaosLogin> logins,
      int refreshEvery,
      IntSupplier kills,
      Instant started) {
    this.api = api;
    this.logins = List.copyOf(logins);
    this.refreshPending = new HashSet<>();
    for (int i = refreshEvery - 1; i < logins.size(); i += refreshEvery) {
      refreshPending.add(logins.get(i).loginId());
    }
    this.refreshesPlanned = refreshPending.size();
    this.kills = kills;
    this.started = started;
  }

  int refreshesPlanned() {
    return refreshesPlanned;
  }

  /**
   * Registers every login, spread over the instances; returns how many were refused (neither 201
   * nor 200).
   */
  int registerAll() {
    int refused = 0;
    for (ChaosLogin login : logins) {
      int status = api.register(login.loginId());
      if (status != 201 && status != 200) {
        refused++;
      }
    }
    return refused;
  }

  /** Drives the refreshes and waits until every retrieval has ended, or until {@code deadline}. */
  Outcome awaitEnd(Instant deadline) throws InterruptedException {
    Set<String> refreshed = new HashSet<>();
    int unconfirmed = 0;
    Instant nextProgress = Instant.now();
    while (true) {
      Map<String, JsonNode> statuses = api.logins();
      boolean asked = false;
      for (String loginId : Set.copyOf(refreshPending)) {
        if (state(statuses.get(loginId)).equals(READY)) {
          asked = true;
          int status = refreshOutcome(loginId);
          if (status != 409) { // 409: raced with another retrieval, ask again next round
            refreshPending.remove(loginId);
            if (status == 202) {
              refreshed.add(loginId);
            } else {
              unconfirmed++;
            }
          }
        }
      }
      // A login still waiting for its refresh is ready (asked above) or ended otherwise (skipped).
      if (!asked
          && logins.stream().allMatch(l -> TERMINAL.contains(state(statuses.get(l.loginId()))))) {
        return new Outcome(Set.copyOf(refreshed), unconfirmed, refreshPending.size(), true);
      }
      if (Instant.now().isAfter(deadline)) {
        return new Outcome(Set.copyOf(refreshed), unconfirmed, refreshPending.size(), false);
      }
      if (!Instant.now().isBefore(nextProgress)) {
        progress(statuses, refreshed.size());
        nextProgress = Instant.now().plus(PROGRESS_EVERY);
      }
      Thread.sleep(1000);
    }
  }

  /** 202, 409, or -1 when the answer was lost with the instance that was to give it. */
  private int refreshOutcome(String loginId) {
    try {
      return api.refreshLive(loginId);
    } catch (RuntimeException lost) {
      return -1;
    }
  }

  private void progress(Map<String, JsonNode> statuses, int refreshes) {
    Map<String, Long> byState =
        logins.stream()
            .collect(
                Collectors.groupingBy(
                    l -> state(statuses.get(l.loginId())), TreeMap::new, Collectors.counting()));
    System.out.printf(
        Locale.ROOT,
        "  t=%3d s  %s; live refreshes started %d; kills %d%n",
        Duration.between(started, Instant.now()).toSeconds(),
        byState,
        refreshes,
        kills.getAsInt());
  }

  /** The state {@code GET /v1/logins} shows, {@code unregistered} when the login is not listed. */
  private static String state(JsonNode login) {
    if (login == null) {
      return "unregistered";
    }
    JsonNode state = login.path("state");
    return state.isTextual() ? state.asText() : "none";
  }
}
