package io.flinks4j.cli.fetch;

import io.flinks4j.cli.options.Durations;
import io.flinks4j.cli.options.Env;
import io.flinks4j.cli.options.FlinksConnection;
import io.flinks4j.sync.ServiceKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options {@code fetch} and {@code refresh} share: connection, login, history length, polling,
 * MFA, output.
 */
public final class FetchOptions {
  @Mixin FlinksConnection connection;

  @Env(ServiceKeys.FLINKS_LOGIN_ID)
  @Option(
      names = "--login-id",
      paramLabel = "ID",
      description = "The loginId from Flinks Connect (env FLINKS_LOGIN_ID).")
  String loginId;

  @Option(
      names = "--days",
      paramLabel = "90|365",
      defaultValue = "90",
      description = "Days of transactions: 90 or 365 (default ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--poll-interval",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = Durations.class,
      description =
          "Wait between polls while Flinks answers 202, e.g. 10s, 500ms, PT10S (default ${DEFAULT-VALUE}).")
  Duration pollInterval;

  @Option(
      names = "--poll-timeout",
      paramLabel = "DURATION",
      defaultValue = "30m",
      converter = Durations.class,
      description = "Give up polling after this long; exit code 4 (default ${DEFAULT-VALUE}).")
  Duration pollTimeout;

  @Option(
      names = "--mfa",
      paramLabel = "PROMPT=ANSWER",
      description =
          "Answer to a security question of a live refresh, keyed by its prompt (case, spaces and "
              + "punctuation may differ); a choice by its text or number, several as 1,3; repeat for each question "
              + "(of every round). Without answers and without a "
              + "terminal, exit code 3 with a Connect URL; on a terminal, missing or refused answers are asked for.")
  List<String> mfa = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "table|json|raw",
      defaultValue = "table",
      description =
          "table: accounts, balances, transaction counts; json: the parsed model; raw: the final 200 body "
              + "byte for byte (default ${DEFAULT-VALUE}).")
  OutputFormat format;
}
