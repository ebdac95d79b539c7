package io.flinks4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.engine.SandboxEngine;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

  @Test
  void demo_retrieves_every_test_login_through_the_service_and_prints_a_summary() {
    Cli.Result result = Cli.run("demo", "--processing-delay", "500ms", "--poll-interval", "200ms");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.out())
        .contains("registered; its first retrieval started")
        .contains("the bank asks: What city were you born in?")
        .contains("answered 3 questions (POST /v1/logins/{id}/mfa)")
        .contains("then a live refresh with 3 MFA answers")
        .contains("OPERATION_PENDING", "OPERATION_DISPATCHED")
        .containsPattern("greatday_nomfa\\s+ready\\s+4\\s+\\d+")
        .containsPattern("test_disabled_account\\s+failed.*DISABLED_LOGIN")
        .contains("Done in");
  }

  @Test
  void demo_prints_no_flinks_key_and_no_login_id() {
    Cli.Result result = Cli.run("demo", "--processing-delay", "200ms", "--poll-interval", "100ms");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.all())
        .doesNotContain(FlinksSandbox.TOOLBOX_SECRET_KEY, FlinksSandbox.TOOLBOX_API_KEY);
    SandboxEngine.TEST_USERS.forEach(
        user -> assertThat(result.all()).doesNotContain(user.loginId()));
  }

  @Test
  void demo_whose_logins_do_not_settle_in_time_exits_4_naming_the_option() {
    Cli.Result result = Cli.run("demo", "--processing-delay", "1h", "--timeout", "1ms");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCode.TIMEOUT.code()).isEqualTo(4);
    assertThat(result.err()).contains("not settled after 1ms").contains("--timeout");
  }
}
