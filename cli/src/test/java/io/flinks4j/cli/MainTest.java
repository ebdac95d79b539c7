package io.flinks4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
    assertThat(result.out()).contains("FLINKS_BASE_URL", "FLINKS_CUSTOMER_ID", "FLINKS_SECRET_KEY",
        "FLINKS_API_KEY", "FLINKS_LOGIN_ID", "--mfa", "--format");
  }

  @Test
  void version_is_the_one_the_build_was_given() {
    Cli.Result result = Cli.run("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().strip()).matches("flinks4j \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }
}
