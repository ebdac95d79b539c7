package io.flinks4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flinks4j.sandbox.FlinksSandbox;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SandboxCommandTest {

  @Test
  void sandbox_prints_its_banner_serves_the_flinks_api_and_stops_on_request() throws Exception {
    Cli.Streams streams = new Cli.Streams(Map.of(), "", false);
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> Main.run(streams.console, "sandbox", "--port", "0", "--processing-delay", "1s"));

    await().atMost(Duration.ofSeconds(20)).until(() -> streams.outText().contains("Ctrl-C"));
    String banner = streams.outText();
    Matcher url = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(banner);
    assertThat(url.find()).as(banner).isTrue();
    assertThat(banner)
        .contains(
            FlinksSandbox.TOOLBOX_CUSTOMER_ID,
            FlinksSandbox.TOOLBOX_SECRET_KEY,
            FlinksSandbox.TOOLBOX_API_KEY,
            "Greatday",
            "greatday_nomfa",
            "test_disabled_account");
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> logins =
          http.send(
              HttpRequest.newBuilder(URI.create(url.group(1) + "/sandbox/logins")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(logins.statusCode()).isEqualTo(200);
    }

    streams.console.requestStop();
    assertThat(exit.get()).isZero();
  }

  @Test
  void a_port_in_use_exits_2() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      Cli.Result result = Cli.run("sandbox", "--port", String.valueOf(taken.getLocalPort()));

      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err()).contains("--port");
    }
  }

  @Test
  void the_base_url_the_banner_prints_is_what_fetch_takes() throws Exception {
    try (RunningSandbox running = RunningSandbox.start("--port", "0")) {
      Matcher printed = Pattern.compile("--base-url\\s+(\\S+)").matcher(running.banner);
      assertThat(printed.find()).as(running.banner).isTrue();

      Cli.Result fetch =
          Cli.run(
              "fetch",
              "--base-url",
              printed.group(1),
              "--customer-id",
              FlinksSandbox.TOOLBOX_CUSTOMER_ID,
              "--secret-key",
              FlinksSandbox.TOOLBOX_SECRET_KEY,
              "--api-key",
              FlinksSandbox.TOOLBOX_API_KEY,
              "--login-id",
              "8b35f6c8-e7b6-41d3-98f8-08d68b7f8d31",
              "--poll-interval",
              "100ms");

      assertThat(fetch.exitCode()).as(fetch.all()).isZero();
      assertThat(fetch.out()).contains("TXNS");
    }
  }

  @Test
  void the_export_block_the_banner_prints_lets_fetch_run_without_options() throws Exception {
    try (RunningSandbox running = RunningSandbox.start("--port", "0")) {
      Map<String, String> env = exports(running.banner);
      assertThat(env)
          .containsKeys(
              "FLINKS_BASE_URL",
              "FLINKS_CUSTOMER_ID",
              "FLINKS_SECRET_KEY",
              "FLINKS_API_KEY",
              "FLINKS_LOGIN_ID");

      Cli.Result fetch = Cli.run(env, "fetch", "--poll-interval", "100ms");

      assertThat(fetch.exitCode()).as(fetch.all()).isZero();
      assertThat(fetch.out()).contains("TXNS");
    }
  }

  @Test
  void sandbox_env_prints_only_export_lines_which_reach_the_sandbox_on_that_port()
      throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = free.getLocalPort();
    }
    try (RunningSandbox running = RunningSandbox.start("--port", String.valueOf(port))) {
      Cli.Result env = Cli.run("sandbox", "--env", "--port", String.valueOf(port));

      assertThat(env.exitCode()).as(env.all()).isZero();
      assertThat(env.out().lines())
          .isNotEmpty()
          .allMatch(line -> line.matches("export FLINKS_[A-Z_]+=\\S+"));
      assertThat(env.out()).contains("export FLINKS_BASE_URL=http://127.0.0.1:" + port + "\n");
      Cli.Result fetch = Cli.run(exports(env.out()), "fetch", "--poll-interval", "100ms");
      assertThat(fetch.exitCode()).as(fetch.all()).isZero();
    }
  }

  @Test
  void sandbox_env_with_port_0_exits_2_since_the_port_is_unknown() {
    Cli.Result result = Cli.run("sandbox", "--env", "--port", "0");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--env").contains("--port");
    assertThat(result.out()).isEmpty();
  }

  private static Map<String, String> exports(String text) {
    Map<String, String> env = new LinkedHashMap<>();
    Matcher line = Pattern.compile("(?m)^export (FLINKS_[A-Z_]+)=(\\S+)$").matcher(text);
    while (line.find()) {
      env.put(line.group(1), line.group(2));
    }
    return env;
  }

  /** The sandbox command on another thread, as a user would leave it running in a terminal. */
  private static final class RunningSandbox implements AutoCloseable {
    final Cli.Streams streams = new Cli.Streams(Map.of(), "", false);
    final CompletableFuture<Integer> exit;
    final String banner;

    private RunningSandbox(String... args) {
      List<String> all = new ArrayList<>(List.of("sandbox", "--processing-delay", "200ms"));
      all.addAll(List.of(args));
      exit =
          CompletableFuture.supplyAsync(
              () -> Main.run(streams.console, all.toArray(String[]::new)));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> streams.outText().contains("Ctrl-C") || exit.isDone());
      banner = streams.outText();
    }

    static RunningSandbox start(String... args) {
      return new RunningSandbox(args);
    }

    @Override
    public void close() throws Exception {
      streams.console.requestStop();
      assertThat(exit.get()).isZero();
    }
  }
}
