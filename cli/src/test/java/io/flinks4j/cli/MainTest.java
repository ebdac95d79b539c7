package io.flinks4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

  @Test
  void help_lists_every_command_and_the_exit_codes() {
    Cli.Result result = Cli.run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("demo", "serve", "fetch", "refresh", "sandbox", "Exit codes");
  }

  @Test
  void no_command_shows_usage_and_exits_2() {
    Cli.Result result = Cli.run();

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("fetch");
  }

  @Test
  void an_unknown_command_exits_2() {
    Cli.Result result = Cli.run("fecth");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("fetch");
  }

  @Test
  void fetch_help_names_the_environment_variables() {
    Cli.Result result = Cli.run("fetch", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains(
            "FLINKS_BASE_URL",
            "FLINKS_CUSTOMER_ID",
            "FLINKS_SECRET_KEY",
            "FLINKS_API_KEY",
            "FLINKS_LOGIN_ID",
            "--mfa",
            "--format");
  }

  @Test
  void version_is_the_one_the_build_was_given() {
    Cli.Result result = Cli.run("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().strip()).matches("flinks4j \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }

  @Test
  void help_command_prints_a_subcommands_help() {
    Cli.Result result = Cli.run("help", "fetch");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("--login-id", "FLINKS_BASE_URL");
  }

  @Test
  void help_for_an_unknown_command_exits_2() {
    Cli.Result result = Cli.run("help", "fecth");

    assertThat(result.exitCode()).isEqualTo(2);
  }

  @Test
  void completion_bash_prints_a_script_that_completes_commands_and_options() {
    Cli.Result result = Cli.run("completion", "bash");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("complete -F", "fetch", "refresh", "sandbox", "--base-url", "--login-id");
  }

  @Test
  void completion_zsh_prints_the_script_zsh_loads_through_bashcompinit() {
    Cli.Result result = Cli.run("completion", "zsh");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("bashcompinit", "complete -F", "--base-url");
  }

  @Test
  void completion_for_another_shell_exits_2() {
    Cli.Result result = Cli.run("completion", "fish");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("fish");
  }

  @Test
  void help_is_wrapped_to_the_terminal_width() {
    Cli.Result wide = Cli.run(Map.of("COLUMNS", "150"), "fetch", "--help");
    Cli.Result narrow = Cli.run(Map.of("COLUMNS", "60"), "fetch", "--help");

    assertThat(widest(wide.out())).isGreaterThan(80).isLessThanOrEqualTo(150);
    assertThat(widest(narrow.out())).isLessThanOrEqualTo(60);
  }

  @Test
  void every_exit_code_is_documented_in_the_main_help() {
    Cli.Result result = Cli.run("--help");

    for (ExitCode code : ExitCode.values()) {
      assertThat(result.out()).contains("  " + code.code() + "  " + code.description());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"demo", "serve", "sandbox", "fetch", "refresh", "completion", "rotate-key"})
  void every_command_documents_the_exit_codes_it_can_end_with(String command) {
    Cli.Result result = Cli.run(command, "--help");

    assertThat(result.out()).contains("Exit codes:");
    for (ExitCode code : Main.exitCodesOf(command)) {
      assertThat(result.out()).contains("  " + code.code() + "  " + code.description());
    }
  }

  @Test
  void the_readme_documents_every_exit_code_as_the_code_does() throws IOException {
    String readme = Files.readString(Path.of("README.md"));

    for (ExitCode code : ExitCode.values()) {
      assertThat(readme).contains("| " + code.code() + " | " + code.description() + " |");
    }
  }

  private static int widest(String text) {
    return text.lines().mapToInt(String::length).max().orElse(0);
  }
}
