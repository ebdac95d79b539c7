package io.flinks4j.client;

import io.flinks4j.client.error.FlinksException;
import io.flinks4j.client.error.PollTimeoutException;
import io.flinks4j.client.polling.Acceptor;
import io.flinks4j.client.polling.PollPolicy;
import io.flinks4j.client.polling.Waiter;
import java.time.Clock;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The client's waiters for Flinks' 202 "still processing" answers, as acceptors: 200 ends the wait,
 * 202 waits per the {@link PollPolicy}, a refusal (terminal FlinksCode, thrown by the call) ends
 * it, the deadline gives a {@link PollTimeoutException}.
 */
final class DataWaiters {
  private static final List<Acceptor<DetailResponse>> DETAIL =
      List.of(
          Acceptor.successOn(DetailResponse.Ready.class),
          Acceptor.retryOn(DetailResponse.Pending.class),
          Acceptor.failOnException(FlinksException.class));

  private static final List<Acceptor<SummaryResponse>> SUMMARY =
      List.of(
          Acceptor.successOn(SummaryResponse.Ready.class),
          Acceptor.retryOn(SummaryResponse.Pending.class),
          Acceptor.failOnException(FlinksException.class));

  private final PollPolicy policy;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RandomGenerator random;

  DataWaiters(PollPolicy policy, Clock clock, Sleeper sleeper, RandomGenerator random) {
    this.policy = policy;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
  }

  PollPolicy policy() {
    return policy;
  }

  /** {@code /GetAccountsDetail} then {@code /GetAccountsDetailAsync} until 200. */
  Waiter<DetailResponse> detail(String requestId) {
    return Waiter.<DetailResponse>builder()
        .name("GetAccountsDetailAsync")
        .policy(policy)
        .acceptors(DETAIL)
        .clock(clock)
        .sleeper(sleeper)
        .random(random)
        .onExhausted(exhausted ->
            new PollTimeoutException(
                "GetAccountsDetailAsync",
                requestId,
                exhausted
                    .lastResponse()
                    .map(r -> r instanceof DetailResponse.Pending p ? p.code() : null)
                    .orElse(FlinksCode.OPERATION_PENDING),
                exhausted.attempts(),
                exhausted.elapsed()))
        .build();
  }

  /** {@code /GetAccountsSummary} then {@code /GetAccountsSummaryAsync} until 200. */
  Waiter<SummaryResponse> summary(String requestId) {
    return Waiter.<SummaryResponse>builder()
        .name("GetAccountsSummaryAsync")
        .policy(policy)
        .acceptors(SUMMARY)
        .clock(clock)
        .sleeper(sleeper)
        .random(random)
        .onExhausted(exhausted ->
            new PollTimeoutException(
                "GetAccountsSummaryAsync",
                requestId,
                exhausted
                    .lastResponse()
                    .map(r -> r instanceof SummaryResponse.Pending p ? p.code() : null)
                    .orElse(FlinksCode.OPERATION_PENDING),
                exhausted.attempts(),
                exhausted.elapsed()))
        .build();
  }
}
