package io.flinks4j.client;

/**
 * Sees every data call of a retrieval (attempt number, elapsed time, status), e.g. to show
 * progress.
 */
@FunctionalInterface
public interface PollListener {

  /**
   * Called after each {@code GetAccountsDetail}/Async answer, on the polling thread; keep it quick.
   */
  void onAttempt(PollAttempt attempt);

  /** A listener that ignores everything. */
  static PollListener none() {
    return attempt -> {};
  }
}
