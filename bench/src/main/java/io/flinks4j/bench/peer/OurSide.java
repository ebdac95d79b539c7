package io.flinks4j.bench.peer;

import io.flinks4j.client.DetailOptions;
import io.flinks4j.client.FlinksClient;
import io.flinks4j.client.model.AccountsDetail;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * Our side of {@code bench/run peer}: every login of {@code logins-ours.txt} retrieved at once
 * through {@link FlinksClient#retrieveAsync} (cached session, 202 polled until 200). Speaks the
 * protocol of {@link PeerBench}: prints {@code READY}, waits for {@code go}, prints {@code DONE
 * ...}, exits when stdin closes, so the parent can read this process's CPU before and after the
 * retrievals.
 *
 * <p>With a third argument {@code train} it is the AOT training run instead: the logins of {@code
 * logins-training.txt} retrieved the same way at once, without the protocol, then it exits (the JVM
 * writes its {@code -XX:AOTCacheOutput} cache at exit).
 *
 * <p>Usage: {@code OurSide <outDir> <poll ms> [train]}.
 */
public final class OurSide {

  private OurSide() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    Duration poll = Duration.ofMillis(Long.parseLong(args[1]));
    Properties sandbox = new Properties();
    try (Reader reader = Files.newBufferedReader(out.resolve("sandbox.properties"))) {
      sandbox.load(reader);
    }
    boolean training = args.length > 2 && args[2].equals("train");
    List<String> loginIds =
        Files.readAllLines(out.resolve(training ? "logins-training.txt" : "logins-ours.txt"));
    DetailOptions options =
        DetailOptions.builder()
            .withTransactions(true)
            .withAccountIdentity(true)
            .withBalance(true)
            .daysOfTransactions(DetailOptions.DaysOfTransactions.DAYS_90)
            .build();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (FlinksClient flinks =
        FlinksClient.builder()
            .baseUrl(sandbox.getProperty("baseUrl"))
            .customerId(sandbox.getProperty("customerId"))
            .secretKey(sandbox.getProperty("secretKey"))
            .apiKey(sandbox.getProperty("apiKey"))
            .pollInterval(poll)
            .pollTimeout(Duration.ofMinutes(5))
            .build()) {
      if (!training) {
        System.out.println("READY");
        System.out.flush();
        in.readLine();
      }
      long start = System.nanoTime();
      List<CompletableFuture<AccountsDetail>> retrievals = new ArrayList<>(loginIds.size());
      for (String loginId : loginIds) {
        retrievals.add(flinks.retrieveAsync(loginId, options));
      }
      int ok = 0;
      long transactions = 0;
      for (CompletableFuture<AccountsDetail> retrieval : retrievals) {
        AccountsDetail detail = retrieval.join();
        ok++;
        transactions += detail.accounts().stream().mapToLong(a -> a.transactions().size()).sum();
      }
      long wallMs = (System.nanoTime() - start) / 1_000_000;
      System.out.printf(
          Locale.ROOT, "DONE wallMs=%d ok=%d transactions=%d%n", wallMs, ok, transactions);
      System.out.flush();
    }
    if (!training) {
      in.readLine();
    }
  }
}
