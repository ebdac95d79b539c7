package io.flinks4j.sandbox.webhook;

import io.flinks4j.sandbox.SandboxClock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs tasks at instants of the sandbox clock: it sleeps in real time until the next one is due,
 * and re-checks at once when the clock is advanced, so a retry 30 minutes away fires as soon as a
 * test jumps.
 */
final class ClockScheduler implements AutoCloseable {

  private record Job(Instant at, long order, long generation, Runnable task)
      implements Comparable<Job> {
    @Override
    public int compareTo(Job other) {
      int c = at.compareTo(other.at);
      return c != 0 ? c : Long.compare(order, other.order);
    }
  }

  private final SandboxClock clock;
  private final PriorityQueue<Job> queue = new PriorityQueue<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final AtomicLong order = new AtomicLong();
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final Thread timer;
  private long generation;
  private volatile boolean running = true;

  ClockScheduler(SandboxClock clock) {
    this.clock = clock;
    this.timer = Thread.ofVirtual().name("flinks-sandbox-clock").start(this::loop);
    clock.onAdvance(this::wake);
  }

  /**
   * Runs {@code task} at sandbox time {@code at}, unless the scheduler was cleared since {@code
   * generation}.
   */
  void schedule(Instant at, long generation, Runnable task) {
    lock.lock();
    try {
      if (generation != this.generation) {
        return;
      }
      queue.add(new Job(at, order.getAndIncrement(), generation, task));
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Forgets every pending task; tasks already running finish but cannot schedule follow-ups. */
  void clear() {
    lock.lock();
    try {
      queue.clear();
      generation++;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The current generation; pass it back to {@link #schedule} so work from before a clear is
   * dropped.
   */
  long generation() {
    lock.lock();
    try {
      return generation;
    } finally {
      lock.unlock();
    }
  }

  private void wake() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void loop() {
    lock.lock();
    try {
      while (running) {
        Job next = queue.peek();
        if (next == null) {
          changed.await();
          continue;
        }
        Duration wait = Duration.between(clock.instant(), next.at());
        if (wait.isPositive()) {
          changed.await(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
          continue;
        }
        queue.poll();
        if (next.generation() == generation) {
          workers.execute(next.task());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    running = false;
    timer.interrupt();
    workers.shutdownNow();
  }
}
