package io.flinks4j.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinks4j.cli.Console;
import io.flinks4j.cli.ExitCode;
import io.flinks4j.cli.options.Durations;
import io.flinks4j.client.FlinksCode;
import io.flinks4j.sandbox.FlinksSandbox;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The demo's script, played against the service's REST API like a lender's application would:
 * register the sandbox's test logins, follow their retrievals, refresh the MFA user live and answer
 * its questions, then read back what was stored and summarise it.
 */
final class DemoRun {
  private static final Duration WATCH_EVERY = Duration.ofMillis(100);
  private static final String MFA_USER = "Greatday";

  /** The sandbox's test users, in the order they are registered, and how each one should end. */
  private static final Map<String, String> EXPECTED = expected();

  /** The answers Flinks documents for its test institution's security questions. */
  private static final Map<String, String> DOCUMENTED_ANSWERS =
      Map.of(
          "What city were you born in?", "Montreal",
          "What is the best country on earth?", "Canada",
          "What shape do people like most?", "Triangle");

  private final Console console;
  private final PrintStream out;
  private final FlinksSandbox sandbox;
  private final ServiceApi api;
  private final Duration timeout;
  private final long started;
  private final List<Tracked> logins = new ArrayList<>();

  /**
   * @param started {@link System#nanoTime()} when the demo began, for elapsed times
   */
  DemoRun(Console console, FlinksSandbox sandbox, ServiceApi api, Duration timeout, long started) {
    this.console = console;
    this.out = console.out();
    this.sandbox = sandbox;
    this.api = api;
    this.timeout = timeout;
    this.started = started;
  }

  private static Map<String, String> expected() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put(MFA_USER, "ready");
    expected.put("greatday_nomfa", "ready");
    expected.put("test_pending", "ready");
    expected.put("test_dispatched", "ready");
    expected.put("test_disabled_account", "failed:DISABLED_LOGIN");
    return expected;
  }

  /** How one login is doing, as seen through the API. */
  private static final class Tracked {
    final String username;
    final String loginId;
    final long registeredAt;
    String state;
    String errorCode;
    Long firstDataAt;
    Phase phase;
    long liveRequestedAt;
    Long liveDataAt;
    int questionsAnswered;
    String answeredAt;

    Tracked(String username, String loginId, long registeredAt, boolean mfaUser) {
      this.username = username;
      this.loginId = loginId;
      this.registeredAt = registeredAt;
      this.phase = mfaUser ? Phase.FIRST_READ : Phase.DONE_AFTER_FIRST_READ;
    }

    boolean settled() {
      return switch (phase) {
        case DONE_AFTER_FIRST_READ -> isTerminal(state);
        case FIRST_READ, LIVE_REQUESTED, ANSWERED -> false;
        case DONE -> true;
      };
    }
  }

  /**
   * Where the MFA user is in its story: first (cached) read, then a live refresh answered through
   * the API.
   */
  private enum Phase {
    FIRST_READ,
    LIVE_REQUESTED,
    ANSWERED,
    DONE,
    DONE_AFTER_FIRST_READ
  }

  /**
   * Runs the story; {@link ExitCode#TIMEOUT} when the logins did not settle in time, INTERNAL_ERROR
   * on surprises.
   */
  ExitCode run() throws InterruptedException {
    out.println();
    out.println(
        "1. Register the sandbox's test logins (POST /v1/logins), as a lender does after Flinks Connect:");
    for (String username : EXPECTED.keySet()) {
      String loginId = sandbox.login(username).loginId();
      api.register(loginId, username);
      Tracked login = new Tracked(username, loginId, System.nanoTime(), username.equals(MFA_USER));
      logins.add(login);
      event(login, "registered; its first retrieval started");
    }
    out.println();
    out.println("2. Follow the retrievals (GET /v1/logins) while the service polls Flinks:");
    out.flush();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!logins.stream().allMatch(Tracked::settled)) {
      if (System.nanoTime() > deadline) {
        console
            .err()
            .println(
                "flinks4j demo: logins still not settled after "
                    + Durations.format(timeout)
                    + "; raise --timeout (exit code "
                    + ExitCode.TIMEOUT.code()
                    + ")");
        return ExitCode.TIMEOUT;
      }
      Thread.sleep(WATCH_EVERY);
      watch();
    }
    out.println();
    out.println(
        "3. Read back what the service stored (GET /v1/logins/{id}/accounts, /v1/accounts/{id}/transactions):");
    return summarise() ? ExitCode.OK : ExitCode.INTERNAL_ERROR;
  }

  private void watch() {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    for (JsonNode login : api.logins()) {
      byId.put(login.path("loginId").asText(), login);
    }
    for (Tracked login : logins) {
      JsonNode view = byId.get(login.loginId);
      if (view == null) {
        continue;
      }
      String state = view.path("state").asText(null);
      login.errorCode = view.path("errorCode").isTextual() ? view.path("errorCode").asText() : null;
      if (state != null && !state.equals(login.state)) {
        login.state = state;
        event(
            login,
            state
                + (login.errorCode != null && !"ready".equals(state)
                    ? " (" + login.errorCode + ")"
                    : ""));
      }
      advance(login, view);
    }
  }

  private void advance(Tracked login, JsonNode view) {
    long now = System.nanoTime();
    if ("ready".equals(login.state) && login.firstDataAt == null) {
      login.firstDataAt = now;
    }
    switch (login.phase) {
      case FIRST_READ -> {
        if ("ready".equals(login.state)) {
          api.refresh(login.loginId, true);
          login.phase = Phase.LIVE_REQUESTED;
          login.liveRequestedAt = now;
          login.state = null;
          event(login, "live refresh requested (POST /v1/logins/{id}/refresh {\"live\":true})");
        } else if (isTerminal(login.state)) {
          login.phase = Phase.DONE;
        }
      }
      case LIVE_REQUESTED -> {
        if ("mfa_required".equals(login.state)) {
          answer(login, view);
        } else if (isTerminal(login.state)) {
          login.phase = Phase.DONE;
        }
      }
      case ANSWERED -> {
        if ("mfa_required".equals(login.state)
            && !view.path("stateUpdatedAt").asText("").equals(login.answeredAt)) {
          login.phase = Phase.LIVE_REQUESTED; // the bank asked another round of questions
        } else if (isTerminal(login.state)) {
          if ("ready".equals(login.state)) {
            login.liveDataAt = now;
          }
          login.phase = Phase.DONE;
        }
      }
      case DONE, DONE_AFTER_FIRST_READ -> {}
    }
  }

  // Answers with the documented values, as the lender's app would with what its user typed. A 5xx
  // leaves the
  // retrieval waiting, so the next look tries again; a 409 means the answers already went through.
  private void answer(Tracked login, JsonNode view) {
    Map<String, String> answers = new LinkedHashMap<>();
    for (JsonNode challenge : view.path("mfaChallenges")) {
      String prompt = challenge.path("prompt").asText();
      answers.put(prompt, DOCUMENTED_ANSWERS.getOrDefault(prompt, ""));
      event(login, "the bank asks: " + prompt);
    }
    try {
      api.answerMfa(login.loginId, answers);
    } catch (ServiceApi.ApiError e) {
      if (e.status() < 500 && e.status() != 409) {
        throw e;
      }
      event(login, e.getMessage() + (e.status() == 409 ? "" : "; trying again"));
      if (e.status() != 409) {
        return;
      }
    }
    login.answeredAt = view.path("stateUpdatedAt").asText("");
    login.questionsAnswered += answers.size();
    login.phase = Phase.ANSWERED;
    event(
        login,
        "answered "
            + answers.size()
            + " question"
            + (answers.size() == 1 ? "" : "s")
            + " (POST /v1/logins/{id}/mfa)");
  }

  private void event(Tracked login, String what) {
    out.printf(
        Locale.ROOT,
        "   %6s  %-22s %s%n",
        "+" + Durations.format(elapsedSince(started)),
        login.username,
        what);
    out.flush();
  }

  private boolean summarise() {
    List<String> unexpected = new ArrayList<>();
    List<String> details = new ArrayList<>();
    out.println();
    String format = "   %-22s %-7s %8s %13s %22s %12s  %s%n";
    out.printf(
        Locale.ROOT,
        format,
        "LOGIN",
        "STATE",
        "ACCOUNTS",
        "TRANSACTIONS",
        "NET CURRENT BALANCE",
        "TIME TO DATA",
        "NOTES");
    for (Tracked login : logins) {
      String outcome = "ready".equals(login.state) ? "ready" : login.state + ":" + login.errorCode;
      if (!outcome.equals(EXPECTED.get(login.username))) {
        unexpected.add(
            login.username + " ended " + outcome + ", expected " + EXPECTED.get(login.username));
      }
      String notes = notes(login);
      if (!"ready".equals(login.state)) {
        out.printf(Locale.ROOT, format, login.username, login.state, "-", "-", "-", "-", notes);
        continue;
      }
      List<JsonNode> accounts = api.accounts(login.loginId);
      int transactions = 0;
      Map<String, BigDecimal> net = new TreeMap<>();
      for (JsonNode account : accounts) {
        int count = api.transactionCount(account.path("id").asText());
        transactions += count;
        Optional<BigDecimal> current = decimal(account.path("balance").path("current"));
        String currency = account.path("currency").asText("?");
        current.ifPresent(amount -> net.merge(currency, amount, BigDecimal::add));
        details.add(
            String.format(
                Locale.ROOT,
                "   %-22s %-26s %-4s %14s current %14s available %6d transactions",
                login.username,
                account.path("title").asText("-"),
                currency,
                money(current),
                money(decimal(account.path("balance").path("available"))),
                count));
      }
      String balance =
          net.isEmpty()
              ? "-"
              : String.join(
                  " + ",
                  net.entrySet().stream()
                      .map(e -> money(Optional.of(e.getValue())) + " " + e.getKey())
                      .toList());
      out.printf(
          Locale.ROOT,
          format,
          login.username,
          login.state,
          accounts.size(),
          transactions,
          balance,
          Durations.format(nanos(login.firstDataAt - login.registeredAt)),
          notes);
    }
    out.println();
    details.forEach(out::println);
    out.println();
    Duration total = elapsedSince(started);
    if (unexpected.isEmpty()) {
      out.println(
          "Done in "
              + Durations.format(total)
              + ": every login ended as the Flinks test users are documented "
              + "to. Next: './flinks4j serve' runs this service for real (see --help).");
    } else {
      out.println(
          "Done in "
              + Durations.format(total)
              + " with surprises: "
              + String.join("; ", unexpected));
    }
    out.flush();
    return unexpected.isEmpty();
  }

  private static String notes(Tracked login) {
    if (login.errorCode != null && !"ready".equals(login.state)) {
      return login.errorCode
          + (login.errorCode.equals(FlinksCode.DISABLED_LOGIN.value())
              ? ": the bank disabled it; the user must reconnect through Flinks Connect"
              : "");
    }
    if (login.liveDataAt != null) {
      return "then a live refresh with "
          + login.questionsAnswered
          + " MFA answers posted to the API: "
          + Durations.format(nanos(login.liveDataAt - login.liveRequestedAt));
    }
    return switch (login.username) {
      case "test_pending" -> "Flinks answered OPERATION_PENDING first";
      case "test_dispatched" -> "Flinks answered OPERATION_DISPATCHED first";
      default -> "";
    };
  }

  private static Optional<BigDecimal> decimal(JsonNode node) {
    return node.isNumber() ? Optional.of(node.decimalValue()) : Optional.empty();
  }

  private static String money(Optional<BigDecimal> amount) {
    return amount.map(a -> String.format(Locale.ROOT, "%,.2f", a)).orElse("-");
  }

  private static boolean isTerminal(String state) {
    return "ready".equals(state) || "failed".equals(state) || "timed_out".equals(state);
  }

  private static Duration elapsedSince(long nanoTime) {
    return nanos(System.nanoTime() - nanoTime);
  }

  private static Duration nanos(long nanos) {
    return Duration.ofNanos(nanos);
  }
}
