package io.flinks4j.client.polling;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * One rule of a {@link Waiter}, as data (AWS SDK v2's {@code WaiterAcceptor}): when an attempt
 * answers a matching response or throws a matching exception, the wait goes to {@link #state()}. A
 * waiter tries its acceptors in order; the first match decides.
 *
 * <pre>{@code
 * List<Acceptor<DetailResponse>> acceptors = List.of(
 *     Acceptor.successOn(DetailResponse.Ready.class),
 *     Acceptor.retryOn(DetailResponse.Pending.class),
 *     Acceptor.failOnException(FlinksException.class));
 * }</pre>
 *
 * @param <T> the response type of the attempts
 */
public sealed interface Acceptor<T> {

  /** Where the wait goes on a match. */
  WaiterState state();

  /**
   * Matches a response.
   *
   * @param matches which responses this rule is about
   * @param state where the wait goes for them
   */
  record OnResponse<T>(Predicate<? super T> matches, WaiterState state) implements Acceptor<T> {
    public OnResponse {
      Objects.requireNonNull(matches, "matches");
      Objects.requireNonNull(state, "state");
    }
  }

  /**
   * Matches an exception thrown by an attempt.
   *
   * @param matches which exceptions this rule is about
   * @param state {@link WaiterState#RETRY} or {@link WaiterState#FAILURE} (an exception is never a
   *     result)
   */
  record OnException<T>(Predicate<? super RuntimeException> matches, WaiterState state)
      implements Acceptor<T> {
    public OnException {
      Objects.requireNonNull(matches, "matches");
      Objects.requireNonNull(state, "state");
      if (state == WaiterState.SUCCESS) {
        throw new IllegalArgumentException("an exception cannot end a wait with a result");
      }
    }
  }

  /** Responses of this type end the wait with a result. */
  static <T> Acceptor<T> successOn(Class<? extends T> type) {
    return new OnResponse<>(type::isInstance, WaiterState.SUCCESS);
  }

  /** Matching responses end the wait with a result. */
  static <T> Acceptor<T> successOn(Predicate<? super T> matches) {
    return new OnResponse<>(matches, WaiterState.SUCCESS);
  }

  /** Responses of this type mean "not yet". */
  static <T> Acceptor<T> retryOn(Class<? extends T> type) {
    return new OnResponse<>(type::isInstance, WaiterState.RETRY);
  }

  /** Matching responses mean "not yet". */
  static <T> Acceptor<T> retryOn(Predicate<? super T> matches) {
    return new OnResponse<>(matches, WaiterState.RETRY);
  }

  /** Matching responses end the wait with a failure. */
  static <T> Acceptor<T> failOn(Predicate<? super T> matches) {
    return new OnResponse<>(matches, WaiterState.FAILURE);
  }

  /** Exceptions of this type are tried again after the next wait. */
  static <T> Acceptor<T> retryOnException(Class<? extends RuntimeException> type) {
    return new OnException<>(type::isInstance, WaiterState.RETRY);
  }

  /** Exceptions of this type end the wait: they are rethrown. */
  static <T> Acceptor<T> failOnException(Class<? extends RuntimeException> type) {
    return new OnException<>(type::isInstance, WaiterState.FAILURE);
  }
}
