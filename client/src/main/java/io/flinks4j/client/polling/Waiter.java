package io.flinks4j.client.polling;

import io.flinks4j.client.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The one waiting loop (AWS SDK v2's {@code Waiter}): makes an attempt, lets the {@link Acceptor}s
 * decide success, retry or failure, and between retries waits as the {@link PollPolicy} says, never
 * past its deadline. Immutable and thread-safe; build one per kind of wait.
 *
 * <p>A response no acceptor matches is retried; an exception no acceptor matches is rethrown.
 * Interrupting the waiting thread (or cancelling the future of {@link #runAsync}) stops at once
 * with a {@link CancellationException} and makes no further attempt.
 *
 * <pre>{@code
 * Waiter<SummaryResponse> waiter = Waiter.<SummaryResponse>builder()
 *     .name("GetAccountsSummaryAsync")
 *     .policy(PollPolicy.defaults())
 *     .acceptors(List.of(
 *         Acceptor.successOn(SummaryResponse.Ready.class),
 *         Acceptor.retryOn(SummaryResponse.Pending.class)))
 *     .build();
 * SummaryResponse ready = waiter.run(() -> client.accounts().summary(id),
 *     () -> client.accounts().summaryAsync(id), Waiter.Listener.none());
 * }</pre>
 *
 * @param <T> the response type of the attempts
 */
public final class Waiter<T> {
  private final String name;
  private final PollPolicy policy;
  private final List<Acceptor<T>> acceptors;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final Function<Exhausted<T>, ? extends RuntimeException> onExhausted;
  private final Function<? super T, ? extends RuntimeException> onFailure;

  private Waiter(Builder<T> b) {
    this.name = b.name;
    this.policy = b.policy;
    this.acceptors = List.copyOf(b.acceptors);
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.random = b.random;
    this.onExhausted = b.onExhausted;
    this.onFailure =
        b.onFailure != null
            ? b.onFailure
            : response -> new IllegalStateException(name + " reached a failure state");
  }

  /** A builder: the defaults are {@link PollPolicy#defaults()}, the system clock and sleeping. */
  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /**
   * Why a wait ended without a result: the policy's timeout or attempt bound was reached while the
   * acceptors still said retry.
   *
   * @param name the waiter's name
   * @param lastResponse the last response, if any attempt answered one
   * @param lastFailure the exception of the last attempt, when it threw one
   * @param attempts attempts made, the first one included
   * @param elapsed time from the first attempt to the last answer, per the waiter's clock
   */
  public record Exhausted<T>(
      String name,
      Optional<T> lastResponse,
      Optional<RuntimeException> lastFailure,
      int attempts,
      Duration elapsed) {}

  /** Sees every answered attempt, for progress display. */
  @FunctionalInterface
  public interface Listener<T> {
    /**
     * @param number 1 for the first attempt, then 2, 3, ...
     * @param elapsed time since the first attempt began, per the waiter's clock
     * @param response what the attempt answered
     */
    void onAttempt(int number, Duration elapsed, T response);

    /** A listener that ignores every attempt. */
    static <T> Listener<T> none() {
      return (number, elapsed, response) -> {};
    }
  }

  /** This waiter's policy. */
  public PollPolicy policy() {
    return policy;
  }

  /** {@link #run(Supplier, Supplier, Listener)} with the same call for every attempt. */
  public T run(Supplier<? extends T> attempt) {
    return run(attempt, attempt, Listener.none());
  }

  /**
   * Waits on the calling thread.
   *
   * @param first the first attempt (e.g. {@code /GetAccountsDetail})
   * @param next every further attempt (e.g. {@code /GetAccountsDetailAsync})
   * @param listener sees each answered attempt
   * @return the response an acceptor took as success
   * @throws RuntimeException the exception of a failed attempt, the failure made of a response, or
   *     the exhausted one built from {@link Exhausted}
   * @throws CancellationException when the thread is interrupted
   */
  public T run(
      Supplier<? extends T> first, Supplier<? extends T> next, Listener<? super T> listener) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(listener, "listener");
    Instant start = clock.instant();
    Optional<Instant> deadline = policy.deadlineFrom(start);
    Optional<T> lastResponse = Optional.empty();
    for (int attempt = 1; ; attempt++) {
      T response = null;
      RuntimeException failure = null;
      try {
        response = (attempt == 1 ? first : next).get();
      } catch (CancellationException e) {
        throw e;
      } catch (RuntimeException e) {
        failure = e;
      }
      Instant now = clock.instant();
      WaiterState state;
      if (failure == null) {
        listener.onAttempt(attempt, Duration.between(start, now), response);
        lastResponse = Optional.ofNullable(response);
        state = stateOf(response);
      } else {
        state = stateOf(failure);
      }
      switch (state) {
        case SUCCESS -> {
          return response;
        }
        case FAILURE -> throw failure != null ? failure : onFailure.apply(response);
        case RETRY -> {
          if (!policy.allowsAnother(attempt, now, deadline)) {
            throw onExhausted.apply(
                new Exhausted<>(
                    name,
                    lastResponse,
                    Optional.ofNullable(failure),
                    attempt,
                    Duration.between(start, now)));
          }
          Duration wait = policy.delay(attempt, random);
          if (deadline.isPresent()) {
            wait = PollPolicy.clip(wait, now, deadline.get());
          }
          sleep(wait);
        }
      }
    }
  }

  /**
   * {@link #run} on a virtual thread. Cancelling the future interrupts that thread, which stops the
   * current wait or call at once and makes no further attempt.
   */
  public CompletableFuture<T> runAsync(
      Supplier<? extends T> first, Supplier<? extends T> next, Listener<? super T> listener) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(listener, "listener");
    return async(name, () -> run(first, next, listener));
  }

  /**
   * Runs {@code work} (typically a blocking wait) on a virtual thread. Cancelling the returned
   * future interrupts that thread, so a wait through a {@link Waiter} stops at once; derive nothing
   * from it with {@code thenApply} before handing it out, since cancelling a derived future does
   * not reach the thread.
   */
  public static <R> CompletableFuture<R> async(String name, Supplier<R> work) {
    Objects.requireNonNull(work, "work");
    return InterruptingFuture.start("flinks4j-" + name, work);
  }

  private WaiterState stateOf(T response) {
    for (Acceptor<T> acceptor : acceptors) {
      if (acceptor instanceof Acceptor.OnResponse<T> on && on.matches().test(response)) {
        return on.state();
      }
    }
    return WaiterState.RETRY;
  }

  private WaiterState stateOf(RuntimeException failure) {
    for (Acceptor<T> acceptor : acceptors) {
      if (acceptor instanceof Acceptor.OnException<T> on && on.matches().test(failure)) {
        return on.state();
      }
    }
    return WaiterState.FAILURE;
  }

  private void sleep(Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException(name + " interrupted");
    }
  }

  @Override
  public String toString() {
    return "Waiter[" + name + ", " + policy + "]";
  }

  /** Configures a {@link Waiter}. */
  public static final class Builder<T> {
    private String name = "wait";
    private PollPolicy policy = PollPolicy.defaults();
    private List<Acceptor<T>> acceptors = List.of();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private RandomGenerator random = new Random();
    private Function<Exhausted<T>, ? extends RuntimeException> onExhausted =
        exhausted ->
            new IllegalStateException(
                exhausted.name()
                    + " still not done after "
                    + exhausted.attempts()
                    + " attempts in "
                    + exhausted.elapsed());
    private Function<? super T, ? extends RuntimeException> onFailure;

    private Builder() {}

    /** Name for messages and the async thread (e.g. the polled endpoint). */
    public Builder<T> name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Pacing, deadline and attempt bound. */
    public Builder<T> policy(PollPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The rules, tried in order. */
    public Builder<T> acceptors(List<Acceptor<T>> acceptors) {
      this.acceptors = List.copyOf(acceptors);
      return this;
    }

    /** Clock of the deadline (inject a fake one in tests). */
    public Builder<T> clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How to wait (inject one that advances a fake clock in tests). */
    public Builder<T> sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Source of jitter (seed it for reproducible runs). */
    public Builder<T> random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** The exception thrown when the policy's timeout or attempt bound ends the wait. */
    public Builder<T> onExhausted(Function<Exhausted<T>, ? extends RuntimeException> onExhausted) {
      this.onExhausted = Objects.requireNonNull(onExhausted, "onExhausted");
      return this;
    }

    /** The exception thrown when an acceptor takes a response as failure. */
    public Builder<T> onFailure(Function<? super T, ? extends RuntimeException> onFailure) {
      this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
      return this;
    }

    /** The waiter. */
    public Waiter<T> build() {
      return new Waiter<>(this);
    }
  }

  /** A future whose {@code cancel} interrupts the worker thread, so waits stop at once. */
  private static final class InterruptingFuture<T> extends CompletableFuture<T> {
    private volatile Thread worker;

    static <T> CompletableFuture<T> start(String name, Supplier<T> work) {
      InterruptingFuture<T> future = new InterruptingFuture<>();
      Thread thread =
          Thread.ofVirtual()
              .name(name)
              .unstarted(() -> {
                try {
                  future.complete(work.get());
                } catch (Throwable t) {
                  future.completeExceptionally(t);
                }
              });
      future.worker = thread;
      thread.start();
      return future;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      Thread thread = worker;
      if (cancelled && thread != null) {
        thread.interrupt();
      }
      return cancelled;
    }
  }
}
