package io.flinks4j.bench.sync;

import io.flinks4j.sync.SyncService;
import io.flinks4j.sync.config.SyncConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Optional;

/**
 * One sync instance in a JVM of its own (configured from the environment, like {@code
 * SyncService.main}) that also reports its heap and thread count, so the scale benchmark reads the
 * figures of the service alone.
 *
 * <p>Prints {@code port=<port>} once started, then every second {@code stats heapPeakMB=..
 * heapMB=.. threadsPeak=.. threads=..} (heap sampled every 50 ms; platform threads, virtual threads
 * are not counted by the JVM). Runs until killed.
 */
public final class SyncNode {

  private SyncNode() {}

  public static void main(String[] args) throws Exception {
    SyncService service = SyncService.start(SyncConfig.load(Optional.empty()));
    Runtime.getRuntime().addShutdownHook(new Thread(service::close));
    System.out.println("port=" + service.port());
    System.out.flush();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
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
