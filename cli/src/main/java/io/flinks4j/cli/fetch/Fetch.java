package io.flinks4j.cli.fetch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinks4j.cli.Console;
import io.flinks4j.cli.ExitCode;
import io.flinks4j.cli.options.Durations;
import io.flinks4j.cli.options.FlinksConnection;
import io.flinks4j.cli.options.Secrets;
import io.flinks4j.cli.options.UsageException;
import io.flinks4j.client.AuthorizeRequest;
import io.flinks4j.client.AuthorizeResult;
import io.flinks4j.client.DetailOptions;
import io.flinks4j.client.FlinksClient;
import io.flinks4j.client.FlinksCode;
import io.flinks4j.client.RefreshResult;
import io.flinks4j.client.error.AuthenticationException;
import io.flinks4j.client.error.FlinksApiException;
import io.flinks4j.client.error.FlinksException;
import io.flinks4j.client.error.FlinksTransportException;
import io.flinks4j.client.error.PollTimeoutException;
import io.flinks4j.client.error.UnreadableResponseException;
import io.flinks4j.client.error.UserActionRequiredException;
import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.client.model.SecurityChallenge;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One {@code fetch} or {@code refresh} run: checks the options, runs the client's flow with
 * progress and MFA answers, prints the data in the chosen format, and turns every failure into its
 * documented exit code with a message free of secrets.
 */
final class Fetch {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  private static final String MASK = "***";

  /** Tries at one round's questions before the CLI gives up, even when the bank would take more. */
  static final int MAX_ANSWER_ATTEMPTS = 3;

  // The client's own bound on MFA rounds, so a bank that keeps asking cannot keep us forever.
  private static final int MAX_MFA_ROUNDS = 10;

  private final Console console;
  private final FetchOptions options;
  private final boolean live;
  private final String command;
  // Set once /Authorize succeeded: an ACCESS_DENIED after that is the x-api-key, not the secret
  // key.
  private boolean dataCallsStarted;

  /**
   * @param live refresh at the bank first (MFA possible) instead of reading the last aggregated
   *     data
   * @param command the command's name, for messages
   */
  Fetch(Console console, FetchOptions options, boolean live, String command) {
    this.console = console;
    this.options = options;
    this.live = live;
    this.command = command;
  }

  ExitCode run() {
    String loginId = options.loginId;
    List<String> missing = new ArrayList<>(options.connection.missing());
    if (loginId == null || loginId.isBlank()) {
      missing.add("--login-id (or environment variable FLINKS_LOGIN_ID)");
    }
    if (!missing.isEmpty()) {
      throw new UsageException(FlinksConnection.missingMessage(missing));
    }
    requirePositive(options.pollInterval, "--poll-interval");
    requirePositive(options.pollTimeout, "--poll-timeout");
    DetailOptions detailOptions = detailOptions();
    AnswerSource answers = new AnswerSource(options.mfa, console);
    Secrets secrets = options.connection.secrets().with(loginId);
    try (FlinksClient client =
            options.connection.clientBuilder(options.pollInterval, options.pollTimeout).build();
        ProgressLine progress =
            new ProgressLine(console, options.pollInterval, options.pollTimeout)) {
      try {
        AccountsDetail detail;
        if (live) {
          switch (refresh(client, loginId, detailOptions, answers, progress)) {
            case RefreshResult.Refreshed refreshed -> detail = refreshed.detail();
            case RefreshResult.MfaRequired mfa -> {
              progress.end();
              printMfaRequired(mfa, answers);
              return ExitCode.MFA_REQUIRED;
            }
          }
        } else {
          detail = retrieve(client, loginId, detailOptions, progress);
        }
        progress.end();
        print(detail);
        return ExitCode.OK;
      } catch (FlinksException e) {
        progress.end();
        return report(e, secrets);
      }
    }
  }

  // FlinksClient.retrieve, spelled out so a refusal is known to come from the data call (see
  // dataCallsStarted).
  private AccountsDetail retrieve(
      FlinksClient client, String loginId, DetailOptions detailOptions, ProgressLine progress) {
    String requestId =
        switch (client.authorize().open(AuthorizeRequest.cached(loginId))) {
          case AuthorizeResult.Authorized authorized -> authorized.requestId();
          case AuthorizeResult.MfaChallenge challenge ->
              throw FlinksApiException.of(
                  "Authorize",
                  203,
                  null,
                  "MFA requested on a cached read",
                  challenge.requestId(),
                  null);
        };
    dataCallsStarted = true;
    return client.awaitAccountsDetail(requestId, detailOptions, progress);
  }

  /**
   * FlinksClient.refresh with one difference for people at a terminal: a wrong answer
   * (INVALID_SECURITY_RESPONSE leaves the session answerable) asks the same questions again, up to
   * {@link #MAX_ANSWER_ATTEMPTS} times, unless the bank says no more
   * (INVALID_SECURITY_RESPONSE_NO_RETRY, or any other refusal).
   */
  private RefreshResult refresh(
      FlinksClient client,
      String loginId,
      DetailOptions detailOptions,
      AnswerSource answers,
      ProgressLine progress) {
    AuthorizeResult result = client.authorize().open(AuthorizeRequest.live(loginId));
    int round = 1;
    int attempt = 1;
    while (true) {
      switch (result) {
        case AuthorizeResult.Authorized authorized -> {
          dataCallsStarted = true;
          return new RefreshResult.Refreshed(
              client.awaitAccountsDetail(authorized.requestId(), detailOptions, progress));
        }
        case AuthorizeResult.MfaChallenge challenge -> {
          Optional<Map<String, List<String>>> given =
              round > MAX_MFA_ROUNDS ? Optional.empty() : answers.answer(challenge, round, attempt);
          if (given.isEmpty()) {
            return new RefreshResult.MfaRequired(
                challenge.requestId(),
                challenge.challenges(),
                client.connectRelaunchUrl(challenge.requestId()));
          }
          try {
            result =
                client
                    .authorize()
                    .open(AuthorizeRequest.mfaAnswers(challenge.requestId(), given.get()));
            round++;
            attempt = 1;
          } catch (UserActionRequiredException wrong) {
            if (!wrong.flinksCode().equals(Optional.of(FlinksCode.INVALID_SECURITY_RESPONSE))
                || !answers.canAskAgain()
                || attempt >= MAX_ANSWER_ATTEMPTS) {
              throw wrong;
            }
            attempt++;
            say(
                "the bank refused an answer ("
                    + FlinksCode.INVALID_SECURITY_RESPONSE.value()
                    + "); answer again (try "
                    + attempt
                    + " of "
                    + MAX_ANSWER_ATTEMPTS
                    + ")");
            // result stays this challenge: same session, same questions
          }
        }
      }
    }
  }

  private DetailOptions detailOptions() {
    try {
      return DetailOptions.builder().daysOfTransactions(options.days).build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "Invalid value for --days: " + options.days + " (Flinks offers 90 or 365)");
    }
  }

  private static void requirePositive(Duration duration, String option) {
    if (duration.isZero()) {
      throw new UsageException("Invalid value for " + option + ": must be more than zero");
    }
  }

  private void print(AccountsDetail detail) {
    PrintStream out = console.out();
    switch (options.format) {
      case TABLE -> AccountsTable.print(detail, out);
      case JSON -> out.println(json(detail));
      case RAW -> {
        try {
          detail.raw().writeTo(out);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    out.flush();
  }

  // The model as Jackson writes it, minus the loginId and bank username (the user has the first;
  // the second is
  // personal data). The raw format is the place for the body exactly as received.
  private static String json(AccountsDetail detail) {
    ObjectNode tree = JSON.valueToTree(detail);
    if (tree.get("login") instanceof ObjectNode login) {
      mask(login, "id");
      mask(login, "username");
    }
    try {
      return JSON.writeValueAsString(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void mask(ObjectNode node, String field) {
    if (node.hasNonNull(field)) {
      node.put(field, MASK);
    }
  }

  private void printMfaRequired(RefreshResult.MfaRequired mfa, AnswerSource answers) {
    PrintStream out = console.out();
    if (options.format == OutputFormat.JSON) {
      ObjectNode body = JSON.createObjectNode();
      body.put("mfaRequired", true);
      body.put("requestId", mfa.requestId());
      ArrayNode challenges = body.putArray("challenges");
      for (SecurityChallenge c : mfa.challenges()) {
        ObjectNode item = challenges.addObject().put("type", c.type()).put("prompt", c.prompt());
        if (!c.choices().isEmpty()) {
          c.choices().forEach(item.putArray("choices")::add);
        }
      }
      body.put("relaunchUrl", mfa.relaunchUrl().toString());
      out.println(body.toPrettyString());
    } else {
      out.println(
          "MFA required: the bank asked "
              + mfa.challenges().size()
              + " security question"
              + (mfa.challenges().size() == 1 ? "" : "s")
              + " (requestId "
              + mfa.requestId()
              + "):");
      for (SecurityChallenge c : mfa.challenges()) {
        out.println("  " + c.prompt() + (c.type() == null ? "" : "   [" + c.type() + "]"));
        ChallengeText.choiceLines(c).forEach(line -> out.println("      " + line));
      }
      out.println(
          "Answer with --mfa \"PROMPT=ANSWER\" (one per question; a choice by its text or number, several as"
              + " 1,3), or have the user finish in Flinks Connect within 8 minutes:");
      out.println("  " + mfa.relaunchUrl());
    }
    out.flush();
    List<String> asked = mfa.challenges().stream().map(SecurityChallenge::prompt).toList();
    List<String> unanswered = answers.unanswered().isEmpty() ? asked : answers.unanswered();
    StringBuilder why =
        new StringBuilder(prefix())
            .append("MFA required: no answer for ")
            .append(unanswered.size())
            .append(" of the bank's ")
            .append(asked.size())
            .append(" question")
            .append(asked.size() == 1 ? "" : "s")
            .append(": ")
            .append(quoted(unanswered));
    List<String> unmatched = answers.unmatchedKeys();
    if (!unmatched.isEmpty()) {
      why.append("\n")
          .append(prefix())
          .append("--mfa prompt")
          .append(unmatched.size() == 1 ? "" : "s")
          .append(" matching none of the questions asked so far: ")
          .append(quoted(unmatched))
          .append(" (matching ignores case, spaces and punctuation)");
    }
    why.append("\n")
        .append(prefix())
        .append("the bank asked: ")
        .append(quoted(asked))
        .append(" (exit code ")
        .append(ExitCode.MFA_REQUIRED.code())
        .append(")");
    console.err().println(why);
    console.err().flush();
  }

  private static String quoted(List<String> texts) {
    return texts.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(", "));
  }

  private ExitCode report(FlinksException failure, Secrets secrets) {
    String message = secrets.scrub(failure.getMessage());
    return switch (failure) {
      case PollTimeoutException timeout -> {
        // The exception's own message prints the elapsed time as ISO-8601; people read "1.0s".
        say(
            "Flinks is still processing ("
                + timeout.flinksCode().map(FlinksCode::value).orElse("202")
                + ") after "
                + timeout.attempts()
                + " attempt"
                + (timeout.attempts() == 1 ? "" : "s")
                + " in "
                + Durations.format(timeout.elapsed())
                + "; raise --poll-timeout (now "
                + Durations.format(options.pollTimeout)
                + ") or try again later");
        yield ExitCode.TIMEOUT;
      }
      case AuthenticationException denied
          when dataCallsStarted && !options.connection.hasApiKey() -> {
        say(
            "Flinks refused the data call ("
                + denied.flinksCode().map(FlinksCode::value).orElse("HTTP " + denied.httpStatus())
                + ") and no --api-key was given (or environment variable FLINKS_API_KEY): "
                + "this instance needs its x-api-key");
        yield ExitCode.USAGE;
      }
      case FlinksTransportException transport -> {
        say("cannot reach Flinks after retries: " + message);
        yield ExitCode.UNREACHABLE;
      }
      case UnreadableResponseException unreadable -> {
        say("Flinks answered something unreadable: " + message);
        yield ExitCode.UNREACHABLE;
      }
      case FlinksApiException api when api.flinksCode().isEmpty() && api.httpStatus() == 203 -> {
        say(
            "the bank asks MFA questions on a cached read; answer them with 'flinks4j refresh': "
                + message);
        yield ExitCode.MFA_REQUIRED;
      }
      case FlinksApiException api when api.flinksCode().isEmpty() && api.httpStatus() >= 500 -> {
        say("Flinks kept failing (HTTP " + api.httpStatus() + ") after retries: " + message);
        yield ExitCode.UNREACHABLE;
      }
      case FlinksApiException api -> {
        say(
            "rejected by Flinks with "
                + api.flinksCode()
                    .map(Object::toString)
                    .orElse("HTTP " + api.httpStatus() + " and no FlinksCode")
                + ": "
                + message
                + advice(api));
        yield ExitCode.REJECTED;
      }
    };
  }

  private static String advice(FlinksApiException failure) {
    return switch (failure.retryAdvice()) {
      case USER_ACTION -> " (the user must reconnect through Flinks Connect)";
      case NEW_SESSION -> " (start a new session: run the command again)";
      case RETRY -> " (this may pass later)";
      case NONE -> "";
    };
  }

  private void say(String message) {
    console.err().println(prefix() + message);
    console.err().flush();
  }

  private String prefix() {
    return "flinks4j " + command + ": ";
  }
}
