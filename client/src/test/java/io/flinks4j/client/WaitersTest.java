package io.flinks4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flinks4j.client.error.PollTimeoutException;
import io.flinks4j.client.error.SessionException;
import io.flinks4j.client.model.AccountsSummary;
import io.flinks4j.client.polling.PollPolicy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's waiters for 202 answers, driven by the one {@link PollPolicy}. */
class WaitersTest {
  private final FakeFlinks flinks = new FakeFlinks().authorizeReplies(FakeFlinks.authorized());

  @AfterEach
  void stop() {
    flinks.close();
  }

  private static ScriptedServer.Reply summary() {
    return ScriptedServer.json(200, Fixtures.bytes("getaccountssummary-200.json"));
  }

  @Test
  void summary_waiter_polls_async_every_poll_interval_until_200() {
    flinks.server.script("POST", "GetAccountsSummary", FakeFlinks.pending());
    flinks.server.script(
        "GET", "GetAccountsSummaryAsync", FakeFlinks.pending(), FakeFlinks.pending(), summary());

    AccountsSummary result = flinks.client().awaitAccountsSummary(FakeFlinks.REQUEST_ID);

    assertThat(result.accounts()).hasSize(1);
    assertThat(flinks.server.requests("GetAccountsSummaryAsync")).hasSize(3);
    assertThat(flinks.time.sleeps())
        .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10));
  }

  @Test
  void summary_waiter_returns_at_once_on_200() {
    flinks.server.script("POST", "GetAccountsSummary", summary());

    AccountsSummary result = flinks.client().awaitAccountsSummary(FakeFlinks.REQUEST_ID);

    assertThat(result.accounts()).hasSize(1);
    assertThat(flinks.server.requests("GetAccountsSummaryAsync")).isEmpty();
    assertThat(flinks.time.sleeps()).isEmpty();
  }

  @Test
  void summary_waiter_gives_up_with_poll_timeout_naming_the_summary_endpoint() {
    flinks.server.script("POST", "GetAccountsSummary", FakeFlinks.pending());
    flinks.server.script("GET", "GetAccountsSummaryAsync", FakeFlinks.pending());
    FlinksClient client =
        flinks.track(flinks.clientBuilder().pollTimeout(Duration.ofSeconds(25)).build());

    assertThatThrownBy(() -> client.awaitAccountsSummary(FakeFlinks.REQUEST_ID))
        .isInstanceOfSatisfying(
            PollTimeoutException.class,
            e -> {
              assertThat(e.getMessage()).startsWith("GetAccountsSummaryAsync still pending");
              assertThat(e.attempts()).isEqualTo(4);
              assertThat(e.elapsed()).isEqualTo(Duration.ofSeconds(25));
              assertThat(e.requestId()).contains(FakeFlinks.REQUEST_ID);
            });
    assertThat(flinks.time.sleeps())
        .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(5));
  }

  @Test
  void summary_waiter_fails_at_once_on_a_terminal_flinks_code() {
    flinks.server.script("POST", "GetAccountsSummary", FakeFlinks.pending());
    flinks.server.script(
        "GET", "GetAccountsSummaryAsync", FakeFlinks.error(400, "SESSION_EXPIRED", "Expired"));

    assertThatThrownBy(() -> flinks.client().awaitAccountsSummary(FakeFlinks.REQUEST_ID))
        .isInstanceOf(SessionException.class);
    assertThat(flinks.server.requests("GetAccountsSummaryAsync")).hasSize(1);
  }

  @Test
  void summary_waiter_async_completes_with_the_accounts() throws Exception {
    flinks.server.script("POST", "GetAccountsSummary", FakeFlinks.pending());
    flinks.server.script("GET", "GetAccountsSummaryAsync", summary());

    AccountsSummary result =
        flinks.client().awaitAccountsSummaryAsync(FakeFlinks.REQUEST_ID).get(30, TimeUnit.SECONDS);

    assertThat(result.accounts()).hasSize(1);
  }

  @Test
  void cancelling_the_async_summary_wait_stops_polling_at_once() throws Exception {
    flinks.server.script("POST", "GetAccountsSummary", FakeFlinks.pending());
    flinks.server.script("GET", "GetAccountsSummaryAsync", summary());
    CountDownLatch sleeping = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    FlinksClient client =
        flinks.track(
            flinks
                .clientBuilder()
                .sleeper(duration -> {
                  sleeping.countDown();
                  try {
                    new CountDownLatch(1).await();
                  } catch (InterruptedException e) {
                    interrupted.set(true);
                    throw e;
                  }
                })
                .build());

    CompletableFuture<AccountsSummary> future =
        client.awaitAccountsSummaryAsync(FakeFlinks.REQUEST_ID);
    assertThat(sleeping.await(30, TimeUnit.SECONDS)).isTrue();
    future.cancel(true);

    await().atMost(Duration.ofSeconds(30)).untilTrue(interrupted);
    assertThat(future).isCancelled();
    assertThat(flinks.server.requests("GetAccountsSummaryAsync")).isEmpty();
  }

  @Test
  void a_poll_policy_on_the_builder_paces_the_detail_waiter() {
    flinks.server.script("POST", "GetAccountsDetail", FakeFlinks.pending());
    flinks.server.script(
        "GET",
        "GetAccountsDetailAsync",
        FakeFlinks.pending(),
        FakeFlinks.pending(),
        FakeFlinks.detail());
    PollPolicy backoff =
        PollPolicy.builder().exponential(Duration.ofSeconds(2), Duration.ofSeconds(5)).build();

    flinks
        .track(flinks.clientBuilder().pollPolicy(backoff).build())
        .retrieve(FakeFlinks.LOGIN_ID, DetailOptions.defaults());

    assertThat(flinks.time.sleeps())
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5));
  }

  @Test
  void poll_interval_and_timeout_adjust_the_builders_poll_policy() {
    flinks.server.script("POST", "GetAccountsDetail", FakeFlinks.pending());
    flinks.server.script("GET", "GetAccountsDetailAsync", FakeFlinks.pending());
    FlinksClient client =
        flinks.track(
            flinks
                .clientBuilder()
                .pollPolicy(PollPolicy.defaults().withMaxAttempts(100))
                .pollInterval(Duration.ofSeconds(7))
                .pollTimeout(Duration.ofSeconds(20))
                .build());

    assertThatThrownBy(() -> client.retrieve(FakeFlinks.LOGIN_ID, DetailOptions.defaults()))
        .isInstanceOfSatisfying(
            PollTimeoutException.class, e -> assertThat(e.attempts()).isEqualTo(4));
    assertThat(flinks.time.sleeps())
        .containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7), Duration.ofSeconds(6));
  }

  @Test
  void an_attempt_bound_in_the_poll_policy_ends_the_detail_wait() {
    flinks.server.script("POST", "GetAccountsDetail", FakeFlinks.pending());
    flinks.server.script("GET", "GetAccountsDetailAsync", FakeFlinks.pending());
    FlinksClient client =
        flinks.track(
            flinks.clientBuilder().pollPolicy(PollPolicy.defaults().withMaxAttempts(3)).build());

    assertThatThrownBy(() -> client.retrieve(FakeFlinks.LOGIN_ID, DetailOptions.defaults()))
        .isInstanceOfSatisfying(
            PollTimeoutException.class, e -> assertThat(e.attempts()).isEqualTo(3));
    assertThat(flinks.server.requests("GetAccountsDetailAsync")).hasSize(2);
  }
}
