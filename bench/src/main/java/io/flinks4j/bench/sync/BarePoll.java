package io.flinks4j.bench.sync;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bare cost of one poll: {@code java.net.http} GETs of a pending {@code GetAccountsDetailAsync}
 * (the same 202 the sync instance polls), in a JVM of its own, nothing else. The scale benchmark
 * runs it after its own run against the same sandbox and compares the engine's CPU per poll with
 * it.
 *
 * <p>Usage: {@code BarePoll <url> <gets> <concurrency> [header=value ...]}; runs {@code gets} GETs
 * to warm up, then {@code gets} more measured, each virtual thread sending synchronously and
 * reading the body, as the engine's steps do. Prints {@code bare cpuMicrosPerGet=..
 * wallMicrosPerGet=.. gets=.. non202=..}.
 */
public final class BarePoll {

  private BarePoll() {}

  public static void main(String[] args) throws Exception {
    URI url = URI.create(args[0]);
    int gets = Integer.parseInt(args[1]);
    int concurrency = Integer.parseInt(args[2]);
    HttpRequest.Builder builder = HttpRequest.newBuilder(url).GET();
    for (int i = 3; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      builder.header(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    HttpRequest request = builder.build();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (HttpClient http = HttpClient.newHttpClient()) {
      AtomicInteger other = new AtomicInteger();
      run(http, request, gets, concurrency, other); // warm-up: JIT, connections
      other.set(0);
      long cpu = os.getProcessCpuTime();
      long wall = System.nanoTime();
      run(http, request, gets, concurrency, other);
      double cpuMicros = (os.getProcessCpuTime() - cpu) / 1e3 / gets;
      double wallMicros = (System.nanoTime() - wall) / 1e3 / gets;
      System.out.printf(
          Locale.ROOT,
          "bare cpuMicrosPerGet=%.1f wallMicrosPerGet=%.1f gets=%d non202=%d%n",
          cpuMicros,
          wallMicros,
          gets,
          other.get());
    }
  }

  private static void run(
      HttpClient http, HttpRequest request, int gets, int concurrency, AtomicInteger other)
      throws InterruptedException {
    AtomicInteger left = new AtomicInteger(gets);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < concurrency; t++) {
      threads.add(
          Thread.ofVirtual()
              .start(() -> {
                while (left.getAndDecrement() > 0) {
                  try {
                    HttpResponse<byte[]> response =
                        http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() != 202) {
                      other.incrementAndGet();
                    }
                  } catch (Exception e) {
                    other.incrementAndGet();
                  }
                }
              }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }
}
