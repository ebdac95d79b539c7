package io.flinks4j.bench.sync;

import io.flinks4j.sync.SyncService;
import io.flinks4j.sync.config.SyncConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * One sync instance in a JVM of its own (configured from the environment, like {@code
 * SyncService.main}) that also reports its heap and thread count, so the scale benchmark reads the
 * figures of the service alone.
 *
 * <p>Prints {@code port=<port>} once started, then every second {@code stats heapPeakMB=..
 * heapMB=.. threadsPeak=.. threads=..} (heap sampled every 50 ms; platform threads, virtual threads
 * are not counted by the JVM). A line {@code gc} on its standard input runs a full collection and
 * answers {@code gc heapBytes=..}: the heap still in use, i.e. live data, which the scale benchmark
 * reads idle and with every retrieval in flight. Runs until killed.
 */
public final class SyncNode {

  private SyncNode() {}

  public static void main(String[] args) throws Exception {
    SyncService service = SyncService.start(SyncConfig.load(Optional.empty()));
    Runtime.getRuntime().addShutdownHook(new Thread(service::close));
    System.out.println("port=" + service.port());
    System.out.flush();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    Thread.ofPlatform()
        .daemon()
        .name("bench-commands")
        .start(() -> {
          try (BufferedReader in =
              new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
              if (line.equals("gc")) {
                System.gc();
                System.out.println("gc heapBytes=" + memory.getHeapMemoryUsage().getUsed());
                System.out.flush();
              }
            }
          } catch (IOException ignored) {
            // the benchmark went away
          }
        });
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long peak = 0;
    for (int tick = 1; ; tick++) {
      long used = memory.getHeapMemoryUsage().getUsed();
      peak = Math.max(peak, used);
      if (tick % 20 == 0) {
        System.out.printf(
            Locale.ROOT,
            "stats heapPeakMB=%.1f heapMB=%.1f threadsPeak=%d threads=%d%n",
            peak / 1e6,
            used / 1e6,
            threads.getPeakThreadCount(),
            threads.getThreadCount());
        System.out.flush();
      }
      Thread.sleep(50);
    }
  }
}
