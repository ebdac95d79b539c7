package io.flinks4j.client.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flinks4j.client.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class WaiterTest {

  /** A clock that moves only when the waiter sleeps. */
  private static final class FakeTime extends Clock implements Sleeper {
    private volatile Instant now = Instant.parse("2026-12-01T00:00:00Z");
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) throws InterruptedException {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      sleeps.add(duration);
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private static final class Timeout extends RuntimeException {
    final Waiter.Exhausted<String> exhausted;

    Timeout(Waiter.Exhausted<String> exhausted) {
      this.exhausted = exhausted;
    }
  }

  private static final class Refused extends RuntimeException {}

  private static final class Flaky extends RuntimeException {}

  private final FakeTime time = new FakeTime();

  private static final List<Acceptor<String>> ACCEPTORS =
      List.of(
          Acceptor.successOn("done"::equals),
          Acceptor.retryOn("pending"::equals),
          Acceptor.failOn("broken"::equals),
          Acceptor.retryOnException(Flaky.class),
          Acceptor.failOnException(Refused.class));

  private Waiter<String> waiter(PollPolicy policy) {
    return Waiter.<String>builder()
        .name("test")
        .policy(policy)
        .acceptors(ACCEPTORS)
        .clock(time)
        .sleeper(time)
        .onExhausted(Timeout::new)
        .onFailure(response -> new IllegalStateException("failed on " + response))
        .build();
  }

  /** Answers the scripted values in order, then the last one forever; a Supplier throws. */
  @SafeVarargs
  private static Supplier<String> script(Supplier<String>... answers) {
    Deque<Supplier<String>> queue = new ArrayDeque<>(List.of(answers));
    return () -> (queue.size() > 1 ? queue.poll() : queue.peek()).get();
  }

  @Test
  void a_success_response_ends_the_wait_with_it() {
    String result =
        waiter(PollPolicy.defaults()).run(script(() -> "pending", () -> "pending", () -> "done"));

    assertThat(result).isEqualTo("done");
    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10));
  }

  @Test
  void the_first_call_and_the_polls_are_separate_attempts_seen_by_the_listener() {
    List<String> seen = new CopyOnWriteArrayList<>();

    waiter(PollPolicy.defaults())
        .run(
            () -> "pending",
            () -> "done",
            (number, elapsed, response) ->
                seen.add(number + ":" + elapsed.toSeconds() + ":" + response));

    assertThat(seen).containsExactly("1:0:pending", "2:10:done");
  }

  @Test
  void a_failure_response_ends_the_wait_with_the_failure() {
    assertThatThrownBy(
            () -> waiter(PollPolicy.defaults()).run(script(() -> "pending", () -> "broken")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("failed on broken");
  }

  @Test
  void a_failure_exception_is_rethrown_without_waiting() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(() ->
            waiter(PollPolicy.defaults())
                .run(() -> {
                  calls.incrementAndGet();
                  throw new Refused();
                }))
        .isInstanceOf(Refused.class);
    assertThat(calls).hasValue(1);
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void a_retry_exception_is_tried_again_after_the_wait() {
    String result =
        waiter(PollPolicy.defaults())
            .run(
                script(
                    () -> {
                      throw new Flaky();
                    },
                    () -> "done"));

    assertThat(result).isEqualTo("done");
    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(10));
  }

  @Test
  void an_unmatched_exception_is_rethrown_and_an_unmatched_response_retried() {
    assertThat(waiter(PollPolicy.defaults()).run(script(() -> "unknown", () -> "done")))
        .isEqualTo("done");
    assertThatThrownBy(() ->
            waiter(PollPolicy.defaults())
                .run(() -> {
                  throw new UnsupportedOperationException();
                }))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void the_deadline_clips_the_last_wait_and_ends_the_wait_exhausted() {
    PollPolicy policy =
        PollPolicy.defaults()
            .withInterval(Duration.ofSeconds(4))
            .withTimeout(Duration.ofSeconds(10));

    assertThatThrownBy(() -> waiter(policy).run(() -> "pending"))
        .isInstanceOfSatisfying(
            Timeout.class,
            e -> {
              assertThat(e.exhausted.attempts()).isEqualTo(4);
              assertThat(e.exhausted.elapsed()).isEqualTo(Duration.ofSeconds(10));
              assertThat(e.exhausted.lastResponse()).contains("pending");
              assertThat(e.exhausted.name()).isEqualTo("test");
            });
    assertThat(time.sleeps)
        .containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(2));
  }

  @Test
  void the_attempt_bound_ends_the_wait_exhausted_without_a_deadline() {
    PollPolicy policy = PollPolicy.defaults().withoutTimeout().withMaxAttempts(3);

    assertThatThrownBy(() -> waiter(policy).run(() -> "pending"))
        .isInstanceOfSatisfying(
            Timeout.class, e -> assertThat(e.exhausted.attempts()).isEqualTo(3));
    assertThat(time.sleeps).hasSize(2);
  }

  @Test
  void exhausted_after_a_retried_exception_carries_it() {
    PollPolicy policy = PollPolicy.defaults().withoutTimeout().withMaxAttempts(2);

    assertThatThrownBy(() ->
            waiter(policy)
                .run(
                    script(
                        () -> "pending",
                        () -> {
                          throw new Flaky();
                        })))
        .isInstanceOfSatisfying(
            Timeout.class,
            e -> {
              assertThat(e.exhausted.lastResponse()).contains("pending");
              assertThat(e.exhausted.lastFailure()).containsInstanceOf(Flaky.class);
            });
  }

  @Test
  void exponential_backoff_with_jitter_replays_from_a_seed() {
    PollPolicy policy =
        PollPolicy.builder()
            .exponential(Duration.ofSeconds(1), Duration.ofSeconds(8))
            .jitter(0.5)
            .noTimeout()
            .maxAttempts(6)
            .build();
    List<List<Duration>> runs = new CopyOnWriteArrayList<>();
    for (int run = 0; run < 2; run++) {
      FakeTime clock = new FakeTime();
      Waiter<String> seeded =
          Waiter.<String>builder()
              .policy(policy)
              .acceptors(ACCEPTORS)
              .clock(clock)
              .sleeper(clock)
              .random(new java.util.Random(99))
              .build();
      assertThatThrownBy(() -> seeded.run(() -> "pending"))
          .isInstanceOf(IllegalStateException.class);
      runs.add(clock.sleeps);
    }

    assertThat(runs.get(0)).hasSize(5).isEqualTo(runs.get(1));
    for (int i = 0; i < 5; i++) {
      Duration full = Duration.ofSeconds(Math.min(8, 1L << i));
      assertThat(runs.get(0).get(i)).isBetween(full.dividedBy(2), full);
    }
  }

  @Test
  void cancelling_the_async_wait_interrupts_it_and_stops_polling() throws Exception {
    CountDownLatch sleeping = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    AtomicInteger polls = new AtomicInteger();
    Waiter<String> blocking =
        Waiter.<String>builder()
            .policy(PollPolicy.defaults())
            .acceptors(ACCEPTORS)
            .sleeper(duration -> {
              sleeping.countDown();
              try {
                new CountDownLatch(1).await();
              } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
              }
            })
            .build();

    CompletableFuture<String> future =
        blocking.runAsync(
            () -> "pending",
            () -> {
              polls.incrementAndGet();
              return "done";
            },
            Waiter.Listener.none());
    assertThat(sleeping.await(30, TimeUnit.SECONDS)).isTrue();
    future.cancel(true);

    assertThat(interrupted.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(future).isCancelled();
    assertThat(polls).hasValue(0);
  }

  @Test
  void the_async_wait_completes_with_the_result() {
    CompletableFuture<String> future =
        waiter(PollPolicy.defaults())
            .runAsync(() -> "pending", () -> "done", Waiter.Listener.none());

    await().atMost(Duration.ofSeconds(30)).until(future::isDone);
    assertThat(future.join()).isEqualTo("done");
  }

  @Test
  void an_interrupted_blocking_wait_stops_with_a_cancellation() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> waiter(PollPolicy.defaults()).run(() -> "pending"))
          .isInstanceOf(CancellationException.class)
          .hasMessage("test interrupted");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void an_exception_can_never_be_a_success() {
    assertThatThrownBy(() -> new Acceptor.OnException<String>(e -> true, WaiterState.SUCCESS))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
