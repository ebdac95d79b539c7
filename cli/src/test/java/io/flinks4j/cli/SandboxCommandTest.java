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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SandboxCommandTest {

  @Test
  void sandbox_prints_its_banner_serves_the_flinks_api_and_stops_on_request() throws Exception {
    Cli.Streams streams = new Cli.Streams(Map.of(), "", false);
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
        () -> Main.run(streams.console, "sandbox", "--port", "0", "--processing-delay", "1s"));

    await().atMost(Duration.ofSeconds(20)).until(() -> streams.outText().contains("Ctrl-C"));
    String banner = streams.outText();
    Matcher url = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(banner);
    assertThat(url.find()).as(banner).isTrue();
    assertThat(banner).contains(FlinksSandbox.TOOLBOX_CUSTOMER_ID, FlinksSandbox.TOOLBOX_SECRET_KEY,
        FlinksSandbox.TOOLBOX_API_KEY, "Greatday", "greatday_nomfa", "test_disabled_account");
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> logins = http.send(HttpRequest.newBuilder(URI.create(url.group(1) + "/sandbox/logins"))
          .build(), HttpResponse.BodyHandlers.ofString());
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
}
