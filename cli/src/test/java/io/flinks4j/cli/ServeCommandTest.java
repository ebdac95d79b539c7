package io.flinks4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flinks4j.sandbox.FlinksSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
  private static final String KEY = "serve-test-key-0123456789abcdef";
  private final HttpClient http = HttpClient.newHttpClient();
  private Cli.Streams running;
  private CompletableFuture<Integer> exit;

  @TempDir Path data;

  @AfterEach
  void stop() throws Exception {
    if (running != null) {
      running.console.requestStop();
      assertThat(exit.get()).isZero();
    }
    http.close();
  }

  private URI serve(Map<String, String> env, String... args) {
    running = new Cli.Streams(env, "", false);
    String[] command = new String[args.length + 1];
    command[0] = "serve";
    System.arraycopy(args, 0, command, 1, args.length);
    exit = CompletableFuture.supplyAsync(() -> Main.run(running.console, command));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> running.outText().contains("Ctrl-C") || exit.isDone());
    Matcher url =
        Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(running.outText());
    assertThat(url.find()).as(running.outText() + running.err).isTrue();
    return URI.create(url.group(1));
  }

  private HttpResponse<String> get(URI base, String path, String bearer)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void with_sandbox_it_runs_against_an_embedded_sandbox_and_says_so_loudly() throws Exception {
    URI base = serve(Map.of("FLINKS4J_DATA_DIR", data.toString()), "--sandbox", "--port", "0");

    assertThat(running.err.toString()).contains("EMBEDDED FLINKS SANDBOX");
    String key = Files.readString(data.resolve("dev-api-key")).strip();
    assertThat(running.outText() + running.err).doesNotContain(key);
    assertThat(get(base, "/healthz", null).statusCode()).isEqualTo(200);
    assertThat(get(base, "/v1/logins", null).statusCode()).isEqualTo(401);
    assertThat(get(base, "/v1/logins", key).statusCode()).isEqualTo(200);
  }

  @Test
  void without_a_flinks_url_or_sandbox_it_refuses_to_start_with_exit_2_naming_both_ways() {
    Cli.Result result =
        Cli.run(
            Map.of("FLINKS4J_DATA_DIR", data.toString(), "FLINKS4J_API_KEYS", KEY),
            "serve",
            "--port",
            "0");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("no FLINKS_BASE_URL configured")
        .contains("--sandbox")
        .doesNotContain("EMBEDDED", KEY);
    assertThat(data.resolve("dev-api-key")).doesNotExist();
  }

  @Test
  void sandbox_and_a_flinks_url_together_exit_2() {
    Cli.Result result =
        Cli.run(
            Map.of("FLINKS4J_DATA_DIR", data.toString(), "FLINKS_BASE_URL", "http://127.0.0.1:9"),
            "serve",
            "--sandbox",
            "--port",
            "0");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--sandbox and FLINKS_BASE_URL exclude each other");
  }

  @Test
  void a_config_file_points_it_at_flinks_and_sets_its_api_keys() throws Exception {
    try (FlinksSandbox sandbox =
        FlinksSandbox.builder().processingDelay(Duration.ofMillis(200)).start()) {
      Path config = data.resolve("flinks4j.properties");
      Files.writeString(
          config,
          String.join(
              "\n",
              "FLINKS_BASE_URL=" + sandbox.baseUrl(),
              "FLINKS_CUSTOMER_ID=" + sandbox.customerId(),
              "FLINKS_SECRET_KEY=" + sandbox.secretKey(),
              "FLINKS_API_KEY=" + sandbox.apiKey(),
              "flinks4j.api-keys=" + KEY,
              "FLINKS4J_POLL_INTERVAL=200ms",
              "FLINKS4J_DATA_DIR=" + data));

      URI base = serve(Map.of(), "--config", config.toString(), "--port", "0");

      assertThat(running.err.toString()).doesNotContain("EMBEDDED");
      HttpResponse<String> registered =
          http.send(
              HttpRequest.newBuilder(base.resolve("/v1/logins"))
                  .header("Authorization", "Bearer " + KEY)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"loginId\":\"" + sandbox.login("greatday_nomfa").loginId() + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(registered.statusCode()).isEqualTo(201);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() ->
              get(base, "/v1/logins/" + sandbox.login("greatday_nomfa").loginId(), KEY)
                  .body()
                  .contains("\"state\":\"ready\""));
      assertThat(running.outText() + running.err)
          .doesNotContain(sandbox.secretKey(), sandbox.apiKey());
    }
  }

  @Test
  void a_short_api_key_exits_2_naming_the_setting_not_the_key() {
    Cli.Result result =
        Cli.run(
            Map.of("FLINKS4J_API_KEYS", "short-key-1", "FLINKS4J_DATA_DIR", data.toString()),
            "serve",
            "--port",
            "0");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("FLINKS4J_API_KEYS")
        .contains("24")
        .doesNotContain("short-key-1");
  }

  @Test
  void a_bad_setting_exits_2_naming_it() {
    Cli.Result result =
        Cli.run(Map.of("FLINKS4J_PORT", "eighty", "FLINKS4J_DATA_DIR", data.toString()), "serve");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("FLINKS4J_PORT");
  }

  @Test
  void a_db_url_that_is_neither_postgresql_nor_h2_exits_2() {
    Cli.Result result =
        Cli.run(Map.of("FLINKS4J_DATA_DIR", data.toString()), "serve", "--db", "jdbc:mysql://x");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("FLINKS4J_DB_URL");
  }

  @Test
  void a_missing_config_file_exits_2() {
    Cli.Result result = Cli.run("serve", "--config", data.resolve("nope.properties").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("nope.properties");
  }

  @Test
  void a_database_that_does_not_exist_is_one_line_naming_the_cause() {
    String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    Cli.Result result =
        Cli.run(
            Map.of("FLINKS4J_DATA_DIR", data.toString(), "FLINKS4J_ENCRYPTION_KEY", key),
            "serve",
            "--sandbox",
            "--port",
            "0",
            "--db",
            "jdbc:postgresql://127.0.0.1:5432/flinks4j_absent_db?user=postgres");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().lines().findFirst())
        .contains(
            "flinks4j serve: cannot connect to "
                + "jdbc:postgresql://127.0.0.1:5432/flinks4j_absent_db?...: database does not exist: "
                + "database \"flinks4j_absent_db\" does not exist");
    assertThat(result.err()).doesNotContain("internal error", "Exception");
  }

  @Test
  void a_mistyped_setting_exits_2_with_a_suggestion() {
    Cli.Result result =
        Cli.run(
            Map.of("FLINKS4J_POLL_INTERVL", "5s", "FLINKS4J_DATA_DIR", data.toString()), "serve");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains(
            "unknown setting FLINKS4J_POLL_INTERVL (environment): "
                + "did you mean FLINKS4J_POLL_INTERVAL?");
  }

  @Test
  void every_environment_variable_an_option_reads_is_a_known_setting() {
    java.util.List<String> read = new java.util.ArrayList<>();
    for (Class<?> holder :
        java.util.List.of(
            io.flinks4j.cli.options.FlinksConnection.class,
            io.flinks4j.cli.fetch.FetchOptions.class)) {
      for (java.lang.reflect.Field field : holder.getDeclaredFields()) {
        io.flinks4j.cli.options.Env env = field.getAnnotation(io.flinks4j.cli.options.Env.class);
        if (env != null) {
          read.add(env.value());
        }
      }
    }
    assertThat(read).isNotEmpty();
    assertThat(io.flinks4j.sync.ServiceKeys.KNOWN.all()).containsAll(read);
  }
}
