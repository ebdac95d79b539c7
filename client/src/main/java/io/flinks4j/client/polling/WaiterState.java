package io.flinks4j.client.polling;

/** What an {@link Acceptor} makes of one attempt's response or exception. */
public enum WaiterState {
  /** The wait is over: the response is the result. */
  SUCCESS,
  /** Not yet: wait per the {@link PollPolicy} and try again. */
  RETRY,
  /**
   * The wait is over without a result: the exception (or a failure made of the response) ends it.
   */
  FAILURE
}
