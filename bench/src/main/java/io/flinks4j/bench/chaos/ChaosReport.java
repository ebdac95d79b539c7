package io.flinks4j.bench.chaos;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The figures of a chaos run and its goal: every login ready, no transaction lost, none duplicated.
 *
 * @param registrationsRefused {@code POST /v1/logins} answered neither 201 nor 200
 */
record ChaosReport(
    ChaosSettings settings,
    List<LoginCheck> checks,
    int registrationsRefused,
    LoginDriver.Outcome outcome,
    int refreshesPlanned,
    int kills,
    Duration wallTime) {

  private static final int EXAMPLES = 5;

  boolean goalMet() {
    Tally transactions = transactions(checks);
    return checks.stream().allMatch(LoginCheck::ready)
        && transactions.missing() == 0
        && transactions.duplicated() == 0;
  }

  void print(PrintStream out) {
    List<LoginCheck> notReady = checks.stream().filter(c -> !c.ready()).toList();
    Tally accounts = checks.stream().map(LoginCheck::accounts).reduce(Tally.NONE, Tally::plus);
    Tally transactions = transactions(checks);
    Tally lostWhereNotReady = transactions(notReady);

    out.printf(
        Locale.ROOT,
        "== chaos: %d logins, %d sync instances on one PostgreSQL, SIGKILL every ~%d s ==%n",
        settings.logins(),
        settings.instances(),
        settings.killEvery().toSeconds());
    out.printf(Locale.ROOT, "  faults on every Flinks call: %s%n", FaultMix.describe());
    out.printf(
        Locale.ROOT,
        "  sandbox processing %d s, engine poll interval %d s; %d registrations refused%n",
        settings.processingDelay().toSeconds(),
        settings.pollInterval().toSeconds(),
        registrationsRefused);
    out.printf(
        Locale.ROOT,
        "  logins: %d ready, %d not ready%n",
        checks.size() - notReady.size(),
        notReady.size());
    Map<String, List<LoginCheck>> groups =
        notReady.stream()
            .collect(
                Collectors.groupingBy(
                    c -> c.state() + " " + c.reason(), TreeMap::new, Collectors.toList()));
    groups.forEach((reason, logins) ->
        out.printf(
            Locale.ROOT,
            "    %-40s %4d  (e.g. %s)%n",
            reason,
            logins.size(),
            logins.stream()
                .limit(EXAMPLES)
                .map(c -> c.login().username())
                .collect(Collectors.joining(", "))));
    long refreshedReady =
        checks.stream()
            .filter(c -> c.ready() && outcome.refreshed().contains(c.login().loginId()))
            .count();
    out.printf(
        Locale.ROOT,
        "  live refreshes: %d planned, %d started (%d of them ended ready), %d unconfirmed, %d not"
            + " asked (first retrieval not ready)%n",
        refreshesPlanned,
        outcome.refreshed().size(),
        refreshedReady,
        outcome.refreshesUnconfirmed(),
        outcome.refreshesSkipped());
    out.printf(
        Locale.ROOT,
        "  accounts: %,d expected, %d missing, %d duplicated, %d unexpected%n",
        accounts.expected(),
        accounts.missing(),
        accounts.duplicated(),
        accounts.unexpected());
    out.printf(
        Locale.ROOT,
        "  transactions: %,d expected, %,d lost (%,d of them in logins not ready), %,d duplicated,"
            + " %,d unexpected%n",
        transactions.expected(),
        transactions.missing(),
        lostWhereNotReady.missing(),
        transactions.duplicated(),
        transactions.unexpected());
    out.printf(Locale.ROOT, "  kills: %d (SIGKILL, restarted at once)%n", kills);
    out.printf(
        Locale.ROOT,
        "  wall time: %.1f s (%s)%n",
        wallTime.toMillis() / 1000.0,
        outcome.ended()
            ? "every retrieval ended"
            : "cap of " + settings.cap().toMinutes() + " min reached");
    out.printf(
        Locale.ROOT,
        "  goal (all ready, 0 lost, 0 duplicated): %s%n",
        goalMet() ? "met" : "NOT met");
  }

  private static Tally transactions(List<LoginCheck> checks) {
    return checks.stream().map(LoginCheck::transactions).reduce(Tally.NONE, Tally::plus);
  }
}
