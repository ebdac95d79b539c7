package io.flinks4j.bench.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Kills a random sync instance with SIGKILL at random intervals around {@code every} and restarts
 * it at once, on a thread of its own until closed. A restart that fails stops the killing and is
 * reported by {@link #failure()}.
 */
final class InstanceKiller implements AutoCloseable {

  private final SyncCluster cluster;
  private final Duration every;
  private final SplittableRandom random;
  private final Instant started;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final AtomicInteger kills = new AtomicInteger();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final Thread thread;

  private InstanceKiller(SyncCluster cluster, Duration every, long seed) {
    this.cluster = cluster;
    this.every = every;
    this.random = new SplittableRandom(seed);
    this.started = Instant.now();
    this.thread = Thread.ofPlatform().name("chaos-killer").daemon().unstarted(this::run);
  }

  static InstanceKiller start(SyncCluster cluster, Duration every, long seed) {
    InstanceKiller killer = new InstanceKiller(cluster, every, seed);
    killer.thread.start();
    return killer;
  }

  int kills() {
    return kills.get();
  }

  /** Why the killing stopped early, if it did. */
  Exception failure() {
    return failure.get();
  }

  private void run() {
    try {
      while (!stop.await(
          Math.round(every.toMillis() * random.nextDouble(0.8, 1.2)), TimeUnit.MILLISECONDS)) {
        int victim = random.nextInt(cluster.size());
        Instant killedAt = Instant.now();
        kills.incrementAndGet();
        String name = cluster.killAndRestart(victim);
        System.out.printf(
            Locale.ROOT,
            "  t=%3d s  SIGKILL %s, ready again after %.1f s%n",
            Duration.between(started, killedAt).toSeconds(),
            name,
            Duration.between(killedAt, Instant.now()).toMillis() / 1000.0);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      failure.set(e);
    }
  }

  /**
   * Stops killing; an instance being restarted is waited for, so every instance is up afterwards.
   */
  @Override
  public void close() throws InterruptedException {
    stop.countDown();
    thread.join();
  }
}
