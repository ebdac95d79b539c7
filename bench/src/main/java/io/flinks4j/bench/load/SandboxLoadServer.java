package io.flinks4j.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.SandboxLogin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * A sandbox prepared for a load test of {@code GET GetAccountsDetailAsync/{requestId}}: a login
 * whose payload is about the requested size, and a cached session whose data is ready, so that
 * endpoint answers 200 with the same body every time. Runs until killed, in a JVM of its own so the
 * load generator's measurements see only the server.
 *
 * <p>Usage: {@code SandboxLoadServer <outDir> [bodyBytes]}. Writes {@code <outDir>/async-url.txt}
 * (the URL to load), {@code <outDir>/api-key.txt} and {@code <outDir>/detail-body.json} (the exact
 * 200 body, for a static-stub baseline); prints one line when ready.
 */
public final class SandboxLoadServer {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SandboxLoadServer() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "bench/target/load");
    int target = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    Files.createDirectories(out);
    FlinksSandbox sandbox = FlinksSandbox.builder().processingDelay(Duration.ZERO).start();
    Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
    HttpClient http = HttpClient.newHttpClient();

    // The generator's bytes per transaction are not fixed: adjust the yearly count until the body
    // is close.
    int perYear = Math.max(1, target / 50);
    String url = null;
    byte[] body = null;
    for (int attempt = 0; attempt < 8; attempt++) {
      SandboxLogin login =
          sandbox.createLogin(
              LoginSpec.named("bench_load_" + attempt)
                  .withAccounts(3)
                  .withTransactionsPerYear(perYear)
                  .withSeed(0x10AD));
      String requestId = authorizeCached(http, sandbox, login.loginId());
      url = sandbox.apiUrl() + "/GetAccountsDetailAsync/" + requestId;
      post(
          http,
          sandbox,
          "/GetAccountsDetail",
          "{\"RequestId\":\"" + requestId + "\"}",
          sandbox.apiKey(),
          null);
      HttpResponse<byte[]> async =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("x-api-key", sandbox.apiKey())
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (async.statusCode() != 200) {
        throw new IllegalStateException("GetAccountsDetailAsync answered " + async.statusCode());
      }
      body = async.body();
      double off = (double) body.length / target;
      if (Math.abs(off - 1) <= 0.03 || perYear >= LoginSpec.MAX_TRANSACTIONS) {
        break;
      }
      perYear = (int) Math.min(LoginSpec.MAX_TRANSACTIONS, Math.max(1, Math.round(perYear / off)));
    }
    Files.writeString(out.resolve("async-url.txt"), url + "\n");
    Files.writeString(out.resolve("api-key.txt"), sandbox.apiKey() + "\n");
    Files.write(out.resolve("detail-body.json"), body);
    System.out.printf(
        Locale.ROOT, "sandbox ready: %s answers 200 with %d bytes%n", url, body.length);
    Thread.currentThread().join();
  }

  private static String authorizeCached(HttpClient http, FlinksSandbox sandbox, String loginId)
      throws IOException, InterruptedException {
    JsonNode token =
        post(http, sandbox, "/GenerateAuthorizeToken", "{}", null, sandbox.secretKey());
    JsonNode authorized =
        post(
            http,
            sandbox,
            "/Authorize",
            "{\"LoginId\":\"" + loginId + "\",\"MostRecentCached\":true}",
            null,
            token.get("Token").asText());
    return authorized.get("RequestId").asText();
  }

  private static JsonNode post(
      HttpClient http,
      FlinksSandbox sandbox,
      String path,
      String json,
      String apiKey,
      String authKey)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(sandbox.apiUrl() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (apiKey != null) {
      request.header("x-api-key", apiKey);
    }
    if (authKey != null) {
      request.header("flinks-auth-key", authKey);
    }
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }
}
