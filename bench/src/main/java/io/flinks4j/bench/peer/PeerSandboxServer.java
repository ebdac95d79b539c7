package io.flinks4j.bench.peer;

import io.flinks4j.client.DetailOptions;
import io.flinks4j.client.FlinksClient;
import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.RecordedRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The one sandbox both sides of {@code bench/run peer} talk to, in a JVM of its own so neither
 * side's figures include it. Creates one login per retrieval and side (so no side reads a session
 * the other opened) and a few hundred for our side's AOT training run, writes them with the
 * endpoint to {@code <outDir>}, warms itself up, prints {@code READY}, then answers each {@code
 * counts} line on stdin with the number of requests per Flinks endpoint it has recorded so far;
 * exits when stdin closes.
 *
 * <p>Usage: {@code PeerSandboxServer <outDir> <retrievals> <processing ms>}.
 */
public final class PeerSandboxServer {

  /** Sides, in the order their login files are written. */
  static final List<String> SIDES = List.of("ours", "peer");

  /**
   * Logins of {@code logins-training.txt}, for the AOT training run of our side: never one a
   * measured side reads.
   */
  static final int TRAINING_RETRIEVALS = 300;

  private PeerSandboxServer() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int retrievals = Integer.parseInt(args[1]);
    Duration processing = Duration.ofMillis(Long.parseLong(args[2]));
    Files.createDirectories(out);
    // Room for every call of both sides (token, authorize, detail and a few polls each), so counts
    // are exact.
    try (FlinksSandbox sandbox =
        FlinksSandbox.builder()
            .processingDelay(processing)
            .recordedRequests(Math.max(10_000, retrievals * 2 * 40))
            .start()) {
      for (String side : SIDES) {
        List<String> loginIds = new ArrayList<>(retrievals);
        for (int i = 0; i < retrievals; i++) {
          loginIds.add(
              sandbox
                  .createLogin(
                      LoginSpec.named("peer_" + side + "_" + i)
                          .withAccounts(3)
                          .withTransactionsPerYear(400)
                          .withSeed(i))
                  .loginId());
        }
        Files.write(out.resolve("logins-" + side + ".txt"), loginIds);
      }
      List<String> training = new ArrayList<>();
      for (int i = 0; i < Math.min(retrievals, TRAINING_RETRIEVALS); i++) {
        training.add(
            sandbox
                .createLogin(
                    LoginSpec.named("peer_training_" + i)
                        .withAccounts(3)
                        .withTransactionsPerYear(400)
                        .withSeed(i))
                .loginId());
      }
      Files.write(out.resolve("logins-training.txt"), training);
      warmUp(sandbox, Math.min(retrievals, 300));
      Files.writeString(
          out.resolve("sandbox.properties"),
          "baseUrl="
              + sandbox.baseUrl()
              + "\ncustomerId="
              + sandbox.customerId()
              + "\nsecretKey="
              + sandbox.secretKey()
              + "\napiKey="
              + sandbox.apiKey()
              + "\n");
      System.out.println("READY");
      System.out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        if (line.equals("counts")) {
          System.out.println("COUNTS " + counts(sandbox.requests()));
          System.out.flush();
        }
      }
    }
  }

  /**
   * Serves a few hundred retrievals before either side starts, so the side that runs first does not
   * pay for the sandbox's JIT warm-up in its wall time.
   */
  private static void warmUp(FlinksSandbox sandbox, int retrievals) {
    try (FlinksClient flinks =
        FlinksClient.builder()
            .baseUrl(sandbox.baseUrl())
            .customerId(sandbox.customerId())
            .secretKey(sandbox.secretKey())
            .apiKey(sandbox.apiKey())
            .pollInterval(Duration.ofMillis(100))
            .build()) {
      List<CompletableFuture<AccountsDetail>> warming = new ArrayList<>();
      for (int i = 0; i < retrievals; i++) {
        String loginId =
            sandbox
                .createLogin(
                    LoginSpec.named("peer_warmup_" + i)
                        .withAccounts(3)
                        .withTransactionsPerYear(400)
                        .withSeed(i))
                .loginId();
        warming.add(flinks.retrieveAsync(loginId, DetailOptions.defaults()));
      }
      warming.forEach(CompletableFuture::join);
    }
  }

  private static String counts(List<RecordedRequest> requests) {
    Map<String, Integer> byEndpoint = new TreeMap<>();
    for (RecordedRequest request : requests) {
      byEndpoint.merge(request.endpoint(), 1, Integer::sum);
    }
    StringBuilder line = new StringBuilder();
    byEndpoint.forEach((endpoint, n) -> line.append(endpoint).append('=').append(n).append(' '));
    return line.toString().trim();
  }
}
