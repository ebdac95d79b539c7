package io.flinks4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RefreshCommandTest {
  @RegisterExtension
  static final FlinksSandboxExtension FLINKS =
      FlinksSandboxExtension.withOptions(b -> b.processingDelay(Duration.ofMillis(300)));

  private static final String CITY = "What city were you born in?";
  private static final String COUNTRY = "What is the best country on earth?";
  private static final String SHAPE = "What shape do people like most?";

  private static String[] refresh(FlinksSandbox sandbox, String username, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "refresh",
                "--base-url",
                sandbox.baseUrl(),
                "--customer-id",
                sandbox.customerId(),
                "--secret-key",
                sandbox.secretKey(),
                "--api-key",
                sandbox.apiKey(),
                "--login-id",
                sandbox.login(username).loginId(),
                "--poll-interval",
                "100ms"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private static String[] allAnswers() {
    return new String[] {
      "--mfa", CITY + "=Montreal", "--mfa", COUNTRY + "=Canada", "--mfa", SHAPE + "=Triangle"
    };
  }

  @Test
  void refresh_answers_the_banks_questions_from_mfa_options(FlinksSandbox sandbox) {
    Cli.Result result = Cli.run(refresh(sandbox, "Greatday", allAnswers()));

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("TXNS");
    assertThat(sandbox.groundTruth(sandbox.login("Greatday").loginId()).dataVersion()).isEqualTo(1);
  }

  @Test
  void fetch_live_is_the_same_as_refresh(FlinksSandbox sandbox) {
    String[] args = refresh(sandbox, "Greatday", allAnswers());
    args[0] = "fetch";
    List<String> live = new ArrayList<>(List.of(args));
    live.add("--live");

    Cli.Result result = Cli.run(live.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(sandbox.groundTruth(sandbox.login("Greatday").loginId()).dataVersion()).isEqualTo(1);
  }

  @Test
  void mfa_answers_cover_several_rounds_of_questions(FlinksSandbox sandbox) {
    sandbox.createLogin(LoginSpec.named("three_rounds").withMfa(3));

    Cli.Result result = Cli.run(refresh(sandbox, "three_rounds", allAnswers()));

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(sandbox.requests()).filteredOn(r -> "Authorize".equals(r.endpoint())).hasSize(4);
  }

  @Test
  void mfa_prompts_may_differ_in_case_and_spacing(FlinksSandbox sandbox) {
    Cli.Result result =
        Cli.run(
            refresh(
                sandbox,
                "Greatday",
                "--mfa",
                "what city were you born in?=Montreal",
                "--mfa",
                "What is the best  country on Earth?=Canada",
                "--mfa",
                SHAPE + "=Triangle"));

    assertThat(result.exitCode()).as(result.err()).isZero();
  }

  @Test
  void mfa_without_answers_exits_3_with_the_questions_and_a_connect_relaunch_url(
      FlinksSandbox sandbox) {
    Cli.Result result = Cli.run(refresh(sandbox, "Greatday"));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.out())
        .contains(CITY, COUNTRY, SHAPE)
        .contains(sandbox.connectUrl() + "?requestId=")
        .contains("authorizeToken=");
    assertThat(result.err()).contains("MFA required");
  }

  @Test
  void mfa_with_some_answers_missing_exits_3_without_sending_partial_answers(
      FlinksSandbox sandbox) {
    Cli.Result result = Cli.run(refresh(sandbox, "Greatday", "--mfa", CITY + "=Montreal"));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(sandbox.requests()).filteredOn(r -> "Authorize".equals(r.endpoint())).hasSize(1);
  }

  @Test
  void mfa_required_in_json_format_is_a_json_document(FlinksSandbox sandbox) throws Exception {
    Cli.Result result = Cli.run(refresh(sandbox, "Greatday", "--format", "json"));

    assertThat(result.exitCode()).isEqualTo(3);
    var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.stdout());
    assertThat(body.get("challenges")).hasSize(3);
    assertThat(body.get("relaunchUrl").asText()).startsWith(sandbox.connectUrl());
  }

  @Test
  void on_a_terminal_the_questions_are_asked_and_answered_from_stdin(FlinksSandbox sandbox) {
    Cli.Result result =
        Cli.run(Map.of(), "Montreal\nCanada\nTriangle\n", true, refresh(sandbox, "Greatday"));

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).contains("Security question: " + CITY).contains(SHAPE);
  }

  @Test
  void a_terminal_that_closes_before_answering_exits_3(FlinksSandbox sandbox) {
    Cli.Result result = Cli.run(Map.of(), "Montreal\n", true, refresh(sandbox, "Greatday"));

    assertThat(result.exitCode()).isEqualTo(3);
  }

  @Test
  void a_wrong_answer_exits_5_naming_invalid_security_response(FlinksSandbox sandbox) {
    Cli.Result result =
        Cli.run(
            refresh(
                sandbox,
                "Greatday",
                "--mfa",
                CITY + "=Toronto",
                "--mfa",
                COUNTRY + "=Canada",
                "--mfa",
                SHAPE + "=Triangle"));

    assertThat(result.exitCode()).isEqualTo(5);
    assertThat(result.err()).contains("INVALID_SECURITY_RESPONSE");
  }

  @Test
  void an_mfa_option_without_an_equals_sign_exits_2(FlinksSandbox sandbox) {
    Cli.Result result = Cli.run(refresh(sandbox, "Greatday", "--mfa", "Montreal"));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("PROMPT=ANSWER");
  }

  @Test
  void mfa_prompts_may_differ_in_punctuation_as_well(FlinksSandbox sandbox) {
    Cli.Result result =
        Cli.run(
            refresh(
                sandbox,
                "Greatday",
                "--mfa",
                "WHAT CITY WERE YOU BORN IN=Montreal",
                "--mfa",
                "what is the best country on earth ?=Canada",
                "--mfa",
                "What shape, do people like most=Triangle"));

    assertThat(result.exitCode()).as(result.err()).isZero();
  }

  @Test
  void an_mfa_prompt_that_matches_no_question_is_named_with_the_questions_the_bank_asked(
      FlinksSandbox sandbox) {
    Cli.Result result =
        Cli.run(
            refresh(
                sandbox,
                "Greatday",
                "--mfa",
                "city=Montreal",
                "--mfa",
                COUNTRY + "=Canada",
                "--mfa",
                SHAPE + "=Triangle"));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .contains("no answer for 1 of the bank's 3 questions: \"" + CITY + "\"")
        .contains("matching none of the questions asked so far: \"city\"")
        .contains("the bank asked: \"" + CITY + "\", \"" + COUNTRY + "\", \"" + SHAPE + "\"")
        .doesNotContain("Montreal");
  }

  @Test
  void a_partial_set_of_answers_names_the_questions_left_unanswered(FlinksSandbox sandbox) {
    Cli.Result result = Cli.run(refresh(sandbox, "Greatday", "--mfa", CITY + "=Montreal"));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .contains(
            "no answer for 2 of the bank's 3 questions: \"" + COUNTRY + "\", \"" + SHAPE + "\"")
        .doesNotContain("matching none");
  }

  @Test
  void a_wrong_answer_at_the_terminal_is_asked_again_in_the_same_session(FlinksSandbox sandbox) {
    Cli.Result result =
        Cli.run(
            Map.of(),
            "Toronto\nCanada\nTriangle\nMontreal\nCanada\nTriangle\n",
            true,
            refresh(sandbox, "Greatday"));

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err())
        .contains("INVALID_SECURITY_RESPONSE")
        .contains("answer again (try 2 of 3)");
    assertThat(sandbox.requests()).filteredOn(r -> "Authorize".equals(r.endpoint())).hasSize(3);
    assertThat(sandbox.groundTruth(sandbox.login("Greatday").loginId()).dataVersion()).isEqualTo(1);
  }

  @Test
  void a_wrong_mfa_option_on_a_terminal_is_asked_again_at_the_keyboard(FlinksSandbox sandbox) {
    Cli.Result result =
        Cli.run(
            Map.of(),
            "Montreal\nCanada\nTriangle\n",
            true,
            refresh(
                sandbox,
                "Greatday",
                "--mfa",
                CITY + "=Toronto",
                "--mfa",
                COUNTRY + "=Canada",
                "--mfa",
                SHAPE + "=Triangle"));

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).contains("Security question: " + CITY);
  }

  @Test
  void wrong_answers_at_the_terminal_end_after_three_tries_with_exit_5(FlinksSandbox sandbox) {
    String wrong = "Toronto\nCanada\nTriangle\n";
    Cli.Result result = Cli.run(Map.of(), wrong.repeat(4), true, refresh(sandbox, "Greatday"));

    assertThat(result.exitCode()).isEqualTo(5);
    assertThat(result.err()).contains("try 3 of 3").doesNotContain("try 4");
    assertThat(sandbox.requests()).filteredOn(r -> "Authorize".equals(r.endpoint())).hasSize(4);
  }

  @Test
  void a_bank_that_allows_no_second_try_ends_the_run_at_the_first_wrong_answer(
      FlinksSandbox sandbox) throws Exception {
    // The sandbox always lets the user try again; real banks may answer
    // INVALID_SECURITY_RESPONSE_NO_RETRY.
    try (RecordingProxy noRetry =
        new RecordingProxy(
            sandbox.baseUrl(),
            (path, body) ->
                path.endsWith("/Authorize")
                    ? new String(body, java.nio.charset.StandardCharsets.UTF_8)
                        .replace(
                            "\"INVALID_SECURITY_RESPONSE\"",
                            "\"INVALID_SECURITY_RESPONSE_NO_RETRY\"")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    : body)) {
      String[] args = refresh(sandbox, "Greatday");
      args[2] = noRetry.baseUrl();

      Cli.Result result =
          Cli.run(Map.of(), "Toronto\nCanada\nTriangle\nMontreal\nCanada\nTriangle\n", true, args);

      assertThat(result.exitCode()).isEqualTo(5);
      assertThat(result.err())
          .contains("INVALID_SECURITY_RESPONSE_NO_RETRY")
          .doesNotContain("answer again");
      assertThat(sandbox.requests()).filteredOn(r -> "Authorize".equals(r.endpoint())).hasSize(2);
    }
  }

  @Test
  void an_unexpected_failure_exits_1_as_an_internal_error(FlinksSandbox sandbox) {
    java.io.InputStream broken =
        new java.io.InputStream() {
          @Override
          public int read() throws java.io.IOException {
            throw new java.io.IOException("terminal gone");
          }
        };
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    Console console =
        Console.of(
            broken,
            new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true),
            new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8),
            Map.of(),
            true);

    int code = Main.run(console, refresh(sandbox, "Greatday"));

    assertThat(code).isEqualTo(ExitCode.INTERNAL_ERROR.code()).isEqualTo(1);
    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("internal error")
        .contains("cannot read standard input");
  }
}
