package io.flinks4j.cli.fetch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinks4j.cli.Console;
import io.flinks4j.cli.ExitCode;
import io.flinks4j.cli.options.Secrets;
import io.flinks4j.cli.options.UsageException;
import io.flinks4j.client.DetailOptions;
import io.flinks4j.client.FlinksClient;
import io.flinks4j.client.RefreshResult;
import io.flinks4j.client.error.FlinksApiException;
import io.flinks4j.client.error.FlinksException;
import io.flinks4j.client.error.FlinksTransportException;
import io.flinks4j.client.error.PollTimeoutException;
import io.flinks4j.client.error.UnreadableResponseException;
import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.client.model.SecurityChallenge;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * One {@code fetch} or {@code refresh} run: checks the options, runs the client's flow with progress and MFA
 * answers, prints the data in the chosen format, and turns every failure into its documented exit code with a
 * message free of secrets.
 */
final class Fetch {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  private static final String MASK = "***";

  private final Console console;
  private final FetchOptions options;
  private final boolean live;
  private final String command;

  /**
   * @param live refresh at the bank first (MFA possible) instead of reading the last aggregated data
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
    if (loginId == null || loginId.isBlank()) {
      throw new UsageException("Missing --login-id (or environment variable FLINKS_LOGIN_ID)");
    }
    requirePositive(options.pollInterval, "--poll-interval");
    requirePositive(options.pollTimeout, "--poll-timeout");
    DetailOptions detailOptions = detailOptions();
    AnswerSource answers = new AnswerSource(options.mfa, console);
    Secrets secrets = options.connection.secrets().with(loginId);
    ProgressLine progress = new ProgressLine(console);
    try (FlinksClient client = options.connection.clientBuilder(options.pollInterval, options.pollTimeout).build()) {
      try {
        AccountsDetail detail;
        if (live) {
          switch (client.refresh(loginId, detailOptions, answers, progress)) {
            case RefreshResult.Refreshed refreshed -> detail = refreshed.detail();
            case RefreshResult.MfaRequired mfa -> {
              progress.end();
              printMfaRequired(mfa);
              return ExitCode.MFA_REQUIRED;
            }
          }
        } else {
          detail = client.retrieve(loginId, detailOptions, progress);
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

  private DetailOptions detailOptions() {
    try {
      return DetailOptions.builder().daysOfTransactions(options.days).build();
    } catch (IllegalArgumentException e) {
      throw new UsageException("Invalid value for --days: " + options.days + " (Flinks offers 90 or 365)");
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

  // The model as Jackson writes it, minus the loginId and bank username (the user has the first; the second is
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

  private void printMfaRequired(RefreshResult.MfaRequired mfa) {
    PrintStream out = console.out();
    if (options.format == OutputFormat.JSON) {
      ObjectNode body = JSON.createObjectNode();
      body.put("mfaRequired", true);
      body.put("requestId", mfa.requestId());
      ArrayNode challenges = body.putArray("challenges");
      for (SecurityChallenge c : mfa.challenges()) {
        challenges.addObject().put("type", c.type()).put("prompt", c.prompt());
      }
      body.put("relaunchUrl", mfa.relaunchUrl().toString());
      out.println(body.toPrettyString());
    } else {
      out.println("MFA required: the bank asked " + mfa.challenges().size() + " security question"
          + (mfa.challenges().size() == 1 ? "" : "s") + " that nobody answered (requestId " + mfa.requestId() + "):");
      for (SecurityChallenge c : mfa.challenges()) {
        out.println("  " + c.prompt() + (c.type() == null ? "" : "   [" + c.type() + "]"));
      }
      out.println("Answer with --mfa \"PROMPT=ANSWER\" (one per question), or have the user finish in Flinks Connect"
          + " within 8 minutes:");
      out.println("  " + mfa.relaunchUrl());
    }
    out.flush();
    console.err().println(prefix() + "MFA required; no answers for the bank's questions (exit code "
        + ExitCode.MFA_REQUIRED.code() + ")");
  }

  private ExitCode report(FlinksException failure, Secrets secrets) {
    String message = secrets.scrub(failure.getMessage());
    return switch (failure) {
      case PollTimeoutException timeout -> {
        say("Flinks is still processing: " + message + "; raise --poll-timeout or try again later");
        yield ExitCode.POLL_TIMEOUT;
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
        say("the bank asks MFA questions on a cached read; answer them with 'flinks4j refresh': " + message);
        yield ExitCode.MFA_REQUIRED;
      }
      case FlinksApiException api when api.flinksCode().isEmpty() && api.httpStatus() >= 500 -> {
        say("Flinks kept failing (HTTP " + api.httpStatus() + ") after retries: " + message);
        yield ExitCode.UNREACHABLE;
      }
      case FlinksApiException api -> {
        say("rejected by Flinks with " + api.flinksCode().map(Object::toString)
            .orElse("HTTP " + api.httpStatus() + " and no FlinksCode") + ": " + message + advice(api));
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
