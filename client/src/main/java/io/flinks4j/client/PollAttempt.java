package io.flinks4j.client;

import java.time.Duration;

/**
 * One data call made while waiting for {@code /GetAccountsDetail}, reported to a {@link
 * PollListener} for progress display.
 *
 * @param number 1 for the first {@code GetAccountsDetail}, then 2, 3, ... for each Async poll
 * @param elapsed time since the first call, per the client's clock
 * @param response what Flinks answered
 */
public record PollAttempt(int number, Duration elapsed, DetailResponse response) {

  /** HTTP status of the answer: 200 when ready, 202 while pending. */
  public int httpStatus() {
    return response instanceof DetailResponse.Ready ? 200 : 202;
  }

  /**
   * {@code READY}, or the pending FlinksCode ({@code OPERATION_PENDING}, {@code
   * OPERATION_DISPATCHED}).
   */
  public String status() {
    return switch (response) {
      case DetailResponse.Ready ready -> "READY";
      case DetailResponse.Pending pending -> pending.code().value();
    };
  }
}
