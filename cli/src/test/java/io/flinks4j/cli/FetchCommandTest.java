package io.flinks4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.GroundTruth;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.SandboxLogin;
import io.flinks4j.sandbox.fault.Fault;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class FetchCommandTest {
  @RegisterExtension
  static final FlinksSandboxExtension FLINKS =
      FlinksSandboxExtension.withOptions(b -> b.processingDelay(Duration.ofMillis(300)));

  private static final ObjectMapper JSON = new ObjectMapper();

  static String[] fetchVia(String baseUrl, FlinksSandbox sandbox, String username, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "fetch",
                "--base-url",
                baseUrl,
                "--customer-id",
                sandbox.customerId(),
                "--secret-key",
                sandbox.secretKey(),
                "--api-key",
                sandbox.apiKey(),
                "--login-id",
                sandbox.login(username).loginId()));
    if (!List.of(more).contains("--poll-interval")) {
      args.addAll(List.of("--poll-interval", "100ms"));
    }
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  static String[] fetch(FlinksSandbox sandbox, String username, String... more) {
    return fetchVia(sandbox.baseUrl(), sandbox, username, more);
  }

  @Test
  void fetch_prints_each_account_with_its_balance_and_transaction_count(FlinksSandbox sandbox) {
    Cli.Result result = Cli.run(fetch(sandbox, "greatday_nomfa"));

    GroundTruth truth = sandbox.groundTruth(sandbox.login("greatday_nomfa").loginId());
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains(
            truth.accounts() + " accounts, " + truth.transactionsLast90Days() + " transactions")
        .contains("ACCOUNT", "CURRENT", "AVAILABLE", "TXNS", "CAD");
    assertThat(result.out().lines().filter(line -> line.contains("CAD")).count())
        .isEqualTo(truth.accounts());
  }

  @Test
  void fetch_json_prints_the_parsed_model_without_the_login_id(FlinksSandbox sandbox)
      throws IOException {
    Cli.Result result = Cli.run(fetch(sandbox, "greatday_nomfa", "--format", "json"));

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode model = JSON.readTree(result.stdout());
    GroundTruth truth = sandbox.groundTruth(sandbox.login("greatday_nomfa").loginId());
    assertThat(model.get("accounts")).hasSize(truth.accounts());
    int transactions = 0;
    for (JsonNode account : model.get("accounts")) {
      transactions += account.get("transactions").size();
    }
    assertThat(transactions).isEqualTo(truth.transactionsLast90Days());
    assertThat(model.get("institution").asText()).isEqualTo("FlinksCapital");
    assertThat(result.out()).doesNotContain(truth.loginId());
  }

  @Test
  void fetch_raw_prints_the_final_200_body_byte_for_byte(FlinksSandbox sandbox) throws IOException {
    try (RecordingProxy proxy = new RecordingProxy(sandbox.baseUrl())) {
      Cli.Result result =
          Cli.run(fetchVia(proxy.baseUrl(), sandbox, "greatday_nomfa", "--format", "raw"));

      assertThat(result.exitCode()).as(result.err()).isZero();
      RecordingProxy.Exchange last = proxy.exchanges().getLast();
      assertThat(last.path()).contains("GetAccountsDetail");
      assertThat(last.status()).isEqualTo(200);
      assertThat(result.stdout()).isEqualTo(last.body());
    }
  }

  @Test
  void fetch_polls_through_operation_pending_until_the_data_is_ready(FlinksSandbox sandbox) {
    Cli.Result result = Cli.run(fetch(sandbox, "test_pending"));

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(sandbox.requests())
        .filteredOn(r -> "GetAccountsDetailAsync".equals(r.endpoint()))
        .isNotEmpty();
  }

  @Test
  void fetch_polls_through_operation_dispatched_until_the_data_is_ready(FlinksSandbox sandbox) {
    Cli.Result result = Cli.run(fetch(sandbox, "test_dispatched"));

    assertThat(result.exitCode()).as(result.err()).isZero();
    GroundTruth truth = sandbox.groundTruth(sandbox.login("test_dispatched").loginId());
    assertThat(result.out()).contains(truth.accounts() + " accounts");
  }

  @Test
  void progress_shows_elapsed_time_attempts_and_state_on_a_terminal(FlinksSandbox sandbox) {
    Cli.Result result = Cli.run(Map.of(), "", true, fetch(sandbox, "test_pending"));

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err())
        .contains("Waiting for Flinks: ")
        .contains("elapsed, attempt 1, OPERATION_PENDING")
        .contains("READY");
  }

  @Test
  void progress_stays_off_when_nobody_watches(FlinksSandbox sandbox) {
    Cli.Result result = Cli.run(fetch(sandbox, "test_pending"));

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
  }

  @Test
  void options_come_from_the_environment_when_not_given(FlinksSandbox sandbox) {
    Map<String, String> env =
        Map.of(
            "FLINKS_BASE_URL",
            sandbox.baseUrl(),
            "FLINKS_CUSTOMER_ID",
            sandbox.customerId(),
            "FLINKS_SECRET_KEY",
            sandbox.secretKey(),
            "FLINKS_API_KEY",
            sandbox.apiKey(),
            "FLINKS_LOGIN_ID",
            sandbox.login("greatday_nomfa").loginId());

    Cli.Result result = Cli.run(env, "fetch", "--poll-interval", "100ms");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("TXNS");
  }

  @Test
  void the_secret_key_can_come_from_a_file(FlinksSandbox sandbox, @TempDir Path folder)
      throws IOException {
    Path secretFile = Files.writeString(folder.resolve("secret-key"), sandbox.secretKey() + "\n");
    Map<String, String> env =
        Map.of(
            "FLINKS_BASE_URL",
            sandbox.baseUrl(),
            "FLINKS_CUSTOMER_ID",
            sandbox.customerId(),
            "FLINKS_SECRET_KEY_FILE",
            secretFile.toString(),
            "FLINKS_API_KEY",
            sandbox.apiKey(),
            "FLINKS_LOGIN_ID",
            sandbox.login("greatday_nomfa").loginId());

    Cli.Result result = Cli.run(env, "fetch", "--poll-interval", "100ms");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("TXNS");
  }

  @Test
  void a_secret_set_directly_and_as_a_file_exits_2(FlinksSandbox sandbox, @TempDir Path folder)
      throws IOException {
    Path secretFile = Files.writeString(folder.resolve("secret-key"), sandbox.secretKey());

    Cli.Result result =
        Cli.run(
            Map.of("FLINKS_SECRET_KEY", "other", "FLINKS_SECRET_KEY_FILE", secretFile.toString()),
            fetch(sandbox, "greatday_nomfa"));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("FLINKS_SECRET_KEY and FLINKS_SECRET_KEY_FILE are both set");
  }

  @Test
  void a_disabled_login_exits_5_naming_the_flinks_code(FlinksSandbox sandbox) {
    Cli.Result result = Cli.run(fetch(sandbox, "test_disabled_account"));

    assertThat(result.exitCode()).isEqualTo(5);
    assertThat(result.err()).contains("DISABLED_LOGIN");
  }

  @Test
  void polling_past_the_poll_timeout_exits_4(FlinksSandbox sandbox) {
    sandbox.createLogin(LoginSpec.named("slow_bank").withProcessingDelay(Duration.ofHours(1)));

    Cli.Result result = Cli.run(fetch(sandbox, "slow_bank", "--poll-timeout", "400ms"));

    assertThat(result.exitCode()).as(result.err()).isEqualTo(4);
    assertThat(result.err()).contains("OPERATION_PENDING").contains("--poll-timeout");
  }

  @Test
  void a_closed_port_exits_6_after_retries(FlinksSandbox sandbox) throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    Cli.Result result =
        Cli.run(fetchVia("http://127.0.0.1:" + closedPort, sandbox, "greatday_nomfa"));

    assertThat(result.exitCode()).as(result.err()).isEqualTo(6);
    assertThat(result.err()).contains("cannot reach Flinks");
  }

  @Test
  void a_garbage_body_exits_6(FlinksSandbox sandbox) {
    sandbox.addFault(Fault.of(Fault.Kind.MALFORMED_BODY).onEndpoint("GetAccountsDetail"));

    Cli.Result result = Cli.run(fetch(sandbox, "greatday_nomfa"));

    assertThat(result.exitCode()).as(result.err()).isEqualTo(6);
    assertThat(result.err()).contains("unreadable");
  }

  @Test
  void a_missing_secret_key_exits_2_naming_the_option_and_its_variable(FlinksSandbox sandbox) {
    Cli.Result result =
        Cli.run(
            "fetch",
            "--base-url",
            sandbox.baseUrl(),
            "--customer-id",
            sandbox.customerId(),
            "--login-id",
            sandbox.login("greatday_nomfa").loginId());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--secret-key").contains("FLINKS_SECRET_KEY");
  }

  @Test
  void a_missing_login_id_exits_2(FlinksSandbox sandbox) {
    Cli.Result result =
        Cli.run(
            "fetch",
            "--base-url",
            sandbox.baseUrl(),
            "--customer-id",
            sandbox.customerId(),
            "--secret-key",
            sandbox.secretKey());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--login-id");
  }

  @Test
  void an_unreadable_duration_exits_2(FlinksSandbox sandbox) {
    Cli.Result result = Cli.run(fetch(sandbox, "greatday_nomfa", "--poll-timeout", "soon"));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("soon").contains("10s");
  }

  @Test
  void days_other_than_90_or_365_exit_2(FlinksSandbox sandbox) {
    Cli.Result result = Cli.run(fetch(sandbox, "greatday_nomfa", "--days", "30"));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--days");
  }

  @Test
  void days_365_asks_flinks_for_a_year_of_transactions(FlinksSandbox sandbox) {
    Cli.Result result = Cli.run(fetch(sandbox, "greatday_nomfa", "--days", "365"));

    GroundTruth truth = sandbox.groundTruth(sandbox.login("greatday_nomfa").loginId());
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains(truth.transactionsLast365Days() + " transactions");
  }

  @Test
  void no_key_token_or_login_id_is_ever_printed(FlinksSandbox sandbox) throws IOException {
    SandboxLogin login = sandbox.login("greatday_nomfa");
    String mistyped = "--secret-kee=" + sandbox.secretKey();
    List<Cli.Result> runs =
        List.of(
            Cli.run(Map.of(), "", true, fetch(sandbox, "greatday_nomfa")),
            Cli.run(fetch(sandbox, "greatday_nomfa", "--format", "json")),
            Cli.run(fetch(sandbox, "test_disabled_account")),
            Cli.run(fetch(sandbox, "greatday_nomfa", "--days", "7")),
            Cli.run(fetch(sandbox, "greatday_nomfa", mistyped)),
            Cli.run(
                Map.of(
                    "FLINKS_SECRET_KEY", sandbox.secretKey(), "FLINKS_API_KEY", sandbox.apiKey()),
                "fetch",
                "--base-url",
                sandbox.baseUrl(),
                "--login-id",
                login.loginId(),
                "--oops",
                sandbox.apiKey()));
    List<String> tokens =
        sandbox.requests().stream()
            .filter(r -> "Authorize".equals(r.endpoint()))
            .map(r -> r.header("flinks-auth-key"))
            .toList();

    assertThat(tokens).isNotEmpty();
    for (Cli.Result run : runs) {
      assertThat(run.all())
          .doesNotContain(sandbox.secretKey())
          .doesNotContain(sandbox.apiKey())
          .doesNotContain(login.loginId());
      tokens.forEach(token -> assertThat(run.all()).doesNotContain(token));
    }
    assertThat(Stream.of(runs.get(4), runs.get(5)).map(Cli.Result::exitCode)).containsOnly(2);
  }

  @Test
  void every_missing_setting_is_reported_in_one_run_with_its_option_and_variable() {
    Cli.Result result = Cli.run("fetch");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("missing 4 required settings")
        .contains("--base-url (or environment variable FLINKS_BASE_URL)")
        .contains("--customer-id (or environment variable FLINKS_CUSTOMER_ID)")
        .contains("--secret-key (or environment variable FLINKS_SECRET_KEY)")
        .contains("--login-id (or environment variable FLINKS_LOGIN_ID)");
  }

  @Test
  void a_missing_api_key_the_instance_needs_exits_2_naming_the_option_and_its_variable(
      FlinksSandbox sandbox) {
    Cli.Result result =
        Cli.run(
            "fetch",
            "--base-url",
            sandbox.baseUrl(),
            "--customer-id",
            sandbox.customerId(),
            "--secret-key",
            sandbox.secretKey(),
            "--login-id",
            sandbox.login("greatday_nomfa").loginId());

    assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
    assertThat(result.err())
        .contains("--api-key")
        .contains("FLINKS_API_KEY")
        .contains("ACCESS_DENIED");
  }

  @Test
  void the_poll_timeout_message_writes_durations_as_people_do(FlinksSandbox sandbox) {
    sandbox.createLogin(LoginSpec.named("slow_bank").withProcessingDelay(Duration.ofHours(1)));

    Cli.Result result =
        Cli.run(fetch(sandbox, "slow_bank", "--poll-timeout", "1s", "--poll-interval", "300ms"));

    assertThat(result.exitCode()).as(result.err()).isEqualTo(4);
    assertThat(result.err())
        .containsPattern("attempts in 1\\.\\ds")
        .contains("(now 1.0s)")
        .doesNotContainPattern("PT\\d");
  }

  @Test
  void last_refresh_is_shown_to_the_second(FlinksSandbox sandbox) {
    Cli.Result result = Cli.run(fetch(sandbox, "greatday_nomfa"));

    assertThat(result.exitCode()).as(result.err()).isZero();
    String summary = result.out().lines().findFirst().orElseThrow();
    assertThat(summary)
        .containsPattern("last refresh \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC$");
  }

  @Test
  void progress_ticks_every_second_between_polls_counting_down_to_the_next(FlinksSandbox sandbox) {
    Cli.Result result =
        Cli.run(Map.of(), "", true, fetch(sandbox, "test_pending", "--poll-interval", "3s"));

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err())
        .contains("attempt 1, OPERATION_PENDING, next poll in 3s")
        .containsPattern(
            "Waiting for Flinks: [12]\\.\\ds elapsed, attempt 1, OPERATION_PENDING, next poll in [12]s");
  }
}
