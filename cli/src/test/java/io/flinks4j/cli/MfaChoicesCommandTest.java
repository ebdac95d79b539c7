package io.flinks4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code refresh} against logins asking choice, image and text/call challenges: numbered prompts
 * and --mfa text.
 */
class MfaChoicesCommandTest {
  @RegisterExtension
  static final FlinksSandboxExtension FLINKS =
      FlinksSandboxExtension.withOptions(b -> b.processingDelay(Duration.ofMillis(300)));

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

  private static int dataVersion(FlinksSandbox sandbox, String username) {
    return sandbox.groundTruth(sandbox.login(username).loginId()).dataVersion();
  }

  @Test
  void several_choices_are_listed_by_number_and_picked_as_1_2(FlinksSandbox sandbox) {
    Cli.Result result = Cli.run(Map.of(), "1,2\n", true, refresh(sandbox, "test_mfa_multiple"));

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err())
        .contains("1) Montreal")
        .contains("2) Toronto")
        .contains("4) Calgary")
        .contains("1,3");
    assertThat(dataVersion(sandbox, "test_mfa_multiple")).isEqualTo(1);
  }

  @Test
  void a_number_that_is_not_listed_is_asked_again(FlinksSandbox sandbox) {
    Cli.Result result = Cli.run(Map.of(), "9\n3\n", true, refresh(sandbox, "test_mfa_choice"));

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).contains("not one of the choices listed");
  }

  @Test
  void mfa_option_takes_the_text_of_a_choice(FlinksSandbox sandbox) {
    Cli.Result result =
        Cli.run(
            refresh(
                sandbox, "test_mfa_choice", "--mfa", "which shape do people like most=triangle"));

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(dataVersion(sandbox, "test_mfa_choice")).isEqualTo(1);
  }

  @Test
  void images_are_numbered_never_printed_as_base64(FlinksSandbox sandbox) {
    Cli.Result result = Cli.run(Map.of(), "3\n", true, refresh(sandbox, "test_mfa_image"));

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).contains("3) image 3").doesNotContain("iVBOR");
  }

  @Test
  void text_or_call_picks_a_phone_then_takes_the_code(FlinksSandbox sandbox) {
    Cli.Result result =
        Cli.run(Map.of(), "2\n123456\n", true, refresh(sandbox, "test_mfa_text_or_call"));

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).contains("2) •••-•••-5678").contains("Security question (round 2)");
  }

  @Test
  void without_answers_the_choices_are_printed_numbered_with_the_relaunch_url(
      FlinksSandbox sandbox) {
    Cli.Result result = Cli.run(refresh(sandbox, "test_mfa_choice"));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.out())
        .contains("[MultipleChoice]")
        .contains("3) Triangle")
        .contains(sandbox.connectUrl());
  }
}
