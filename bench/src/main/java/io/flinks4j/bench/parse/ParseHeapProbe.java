package io.flinks4j.bench.parse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.flinks4j.client.model.FlinksJson;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.ref.Reference;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Measures the heap one parse of a large GetAccountsDetail body needs, in a JVM of its own started
 * with a fixed {@code -Xmx}: JMH's allocation figures say how much garbage a parse makes, not how
 * much must be live at once, which is what decides whether a 50 MB payload fits a small service
 * heap.
 *
 * <p>Usage: {@code ParseHeapProbe clientModel|jacksonReadTree [sizeBytes]}. Prints the payload
 * size, the peak heap seen while parsing (sampled every millisecond and at every GC, payload
 * included), the peak heap left after a GC during the parse (live data), and what the result
 * retains; or that the parse ran out of memory.
 */
public final class ParseHeapProbe {

  private ParseHeapProbe() {}

  public static void main(String[] args) throws Exception {
    String parser = args.length > 0 ? args[0] : "clientModel";
    long size = args.length > 1 ? Long.parseLong(args[1]) : 50_000_000L;
    byte[] payload = ParseBenchmark.payload(size);
    ObjectMapper mapper = new ObjectMapper();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    settle(memory);
    long before = memory.getHeapMemoryUsage().getUsed();

    AtomicLong peakAfterGc = new AtomicLong();
    AtomicLong peakBeforeGc = new AtomicLong();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (n, h) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                    n.getType())) {
                  return;
                }
                var info =
                    GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData())
                        .getGcInfo();
                peakBeforeGc.accumulateAndGet(heapUsed(info.getMemoryUsageBeforeGc()), Math::max);
                peakAfterGc.accumulateAndGet(heapUsed(info.getMemoryUsageAfterGc()), Math::max);
              },
              null,
              null);
    }
    AtomicLong sampled = new AtomicLong(before);
    Thread sampler =
        Thread.ofPlatform()
            .daemon()
            .start(() -> {
              while (!Thread.currentThread().isInterrupted()) {
                sampled.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });

    long max = Runtime.getRuntime().maxMemory();
    Object result;
    long started = System.nanoTime();
    try {
      result =
          parser.equals("jacksonReadTree")
              ? mapper.readTree(payload)
              : FlinksJson.parseAccountsDetail(payload);
    } catch (OutOfMemoryError e) {
      sampler.interrupt();
      System.out.printf(
          Locale.ROOT,
          "%-16s payload %.1f MB, -Xmx %.0f MB: OUT OF MEMORY%n",
          parser,
          mb(payload.length),
          mb(max));
      System.exit(3);
      return;
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    sampled.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    sampler.interrupt();
    sampler.join();
    Thread.sleep(100); // GC notifications arrive asynchronously
    long peak = Math.max(sampled.get(), peakBeforeGc.get());
    settle(memory);
    long retained = memory.getHeapMemoryUsage().getUsed() - before;
    System.out.printf(
        Locale.ROOT,
        "%-16s payload %.1f MB, -Xmx %.0f MB, %d ms: peak heap %.1f MB (%.2fx payload), peak live after GC %.1f MB"
            + " (%.2fx), result retains %.1f MB beyond the payload%n",
        parser,
        mb(payload.length),
        mb(max),
        millis,
        mb(peak),
        (double) peak / payload.length,
        mb(peakAfterGc.get()),
        (double) peakAfterGc.get() / payload.length,
        mb(retained));
    Reference.reachabilityFence(result); // the result must be live for the retained reading
  }

  private static final Set<String> HEAP_POOLS =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toUnmodifiableSet());

  private static long heapUsed(Map<String, MemoryUsage> pools) {
    long sum = 0;
    for (var pool : pools.entrySet()) {
      if (HEAP_POOLS.contains(pool.getKey())) {
        sum += pool.getValue().getUsed();
      }
    }
    return sum;
  }

  private static void settle(MemoryMXBean memory) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      memory.gc();
      Thread.sleep(50);
    }
  }

  private static double mb(long bytes) {
    return bytes / 1e6;
  }
}
