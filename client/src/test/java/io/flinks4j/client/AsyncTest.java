package io.flinks4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flinks4j.client.model.AccountsDetail;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncTest {
  private final FakeFlinks flinks = new FakeFlinks().authorizeReplies(FakeFlinks.authorized());

  @AfterEach
  void stop() {
    flinks.close();
  }

  /** Blocks every wait until interrupted, recording that it was. */
  private static final class BlockingSleeper implements Sleeper {
    final CountDownLatch sleeping = new CountDownLatch(1);
    final AtomicBoolean interrupted = new AtomicBoolean();

    @Override
    public void sleep(Duration duration) throws InterruptedException {
      sleeping.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.set(true);
        throw e;
      }
    }
  }

  @Test
  void retrieve_async_completes_with_the_data() throws Exception {
    flinks.server.script("POST", "GetAccountsDetail", FakeFlinks.pending());
    flinks.server.script("GET", "GetAccountsDetailAsync", FakeFlinks.detail());

    CompletableFuture<AccountsDetail> future =
        flinks.client().retrieveAsync(FakeFlinks.LOGIN_ID, DetailOptions.defaults());

    assertThat(future.get(30, TimeUnit.SECONDS).requestId()).isEqualTo(FakeFlinks.REQUEST_ID);
  }

  @Test
  void cancelling_the_future_stops_polling_at_once() throws Exception {
    flinks.server.script("POST", "GetAccountsDetail", FakeFlinks.pending());
    flinks.server.script("GET", "GetAccountsDetailAsync", FakeFlinks.pending());
    BlockingSleeper sleeper = new BlockingSleeper();
    FlinksClient client = flinks.track(flinks.clientBuilder().sleeper(sleeper).build());

    CompletableFuture<AccountsDetail> future =
        client.retrieveAsync(FakeFlinks.LOGIN_ID, DetailOptions.defaults());
    assertThat(sleeper.sleeping.await(30, TimeUnit.SECONDS)).isTrue();
    future.cancel(true);

    await().atMost(Duration.ofSeconds(30)).untilTrue(sleeper.interrupted);
    assertThat(future).isCancelled();
    assertThat(flinks.server.requests("GetAccountsDetailAsync")).isEmpty();
  }

  @Test
  void failures_complete_the_future_exceptionally_with_the_typed_error() {
    flinks.server.script(
        "POST", "GetAccountsDetail", FakeFlinks.error(400, "SESSION_EXPIRED", "Expired"));

    CompletableFuture<AccountsDetail> future =
        flinks.client().retrieveAsync(FakeFlinks.LOGIN_ID, DetailOptions.defaults());

    await().atMost(Duration.ofSeconds(30)).until(future::isDone);
    assertThat(future)
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(io.flinks4j.client.error.SessionException.class);
  }

  @Test
  void a_given_executor_runs_the_http_exchanges_and_outlives_the_client() throws Exception {
    flinks.server.script("POST", "GetAccountsDetail", FakeFlinks.pending());
    flinks.server.script("GET", "GetAccountsDetailAsync", FakeFlinks.detail());
    AtomicInteger tasks = new AtomicInteger();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Executor counting =
          task -> {
            tasks.incrementAndGet();
            threads.execute(task);
          };
      try (FlinksClient client = flinks.clientBuilder().executor(counting).build()) {
        assertThat(
                client
                    .retrieveAsync(FakeFlinks.LOGIN_ID, DetailOptions.defaults())
                    .get(30, TimeUnit.SECONDS)
                    .requestId())
            .isEqualTo(FakeFlinks.REQUEST_ID);
      }

      assertThat(tasks).hasPositiveValue();
      assertThat(threads.isShutdown()).isFalse();
    }
  }
}
