package io.flinks4j.sandbox.webhook;

import io.flinks4j.sandbox.SandboxClock;
import io.flinks4j.sandbox.api.Responses;
import io.flinks4j.sandbox.data.DetailOptions;
import io.flinks4j.sandbox.engine.SandboxEngine;
import io.flinks4j.sandbox.engine.Session;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Delivers Flinks webhooks: when a live aggregation completes (on the sandbox clock), POSTs the KYC
 * payload (optionally) and the GetAccountsDetail payload to every target, signed with {@code
 * flinks-authenticity-key}; retries what was not answered 200 on the configured schedule.
 */
public final class WebhookDispatcher implements AutoCloseable {

  /** Header Flinks signs with (reference page); the newer HMAC guide's name is sent too. */
  public static final String SIGNATURE_HEADER = "flinks-authenticity-key";

  private static final String ALTERNATE_SIGNATURE_HEADER = "X-Flinks-Signature";

  private final SandboxClock clock;
  private final ClockScheduler scheduler;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .executor(Executors.newVirtualThreadPerTaskExecutor())
          .build();
  private final List<WebhookDelivery> log = new CopyOnWriteArrayList<>();
  private volatile WebhookSettings settings;

  public WebhookDispatcher(SandboxEngine engine, SandboxClock clock, WebhookSettings settings) {
    this.clock = clock;
    this.settings = settings;
    this.scheduler = new ClockScheduler(clock);
    engine.onAuthorized(this::aggregationStarted);
  }

  public WebhookSettings settings() {
    return settings;
  }

  public void configure(WebhookSettings value) {
    this.settings = value;
  }

  /** Every attempt so far, oldest first. */
  public List<WebhookDelivery> deliveries() {
    return List.copyOf(log);
  }

  /** Drops pending deliveries and the log. */
  public void clear() {
    scheduler.clear();
    log.clear();
  }

  /** Base64(HMAC-SHA256(key, body)): the value of {@value #SIGNATURE_HEADER}. */
  public static String sign(String key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private void aggregationStarted(Session session) {
    if (!session.live()
        || settings.urls().isEmpty()
        || session.login().behaviour().dataFailure() != null) {
      return;
    }
    long generation = scheduler.generation();
    scheduler.schedule(
        session.readyAt(), generation, () -> aggregationCompleted(session, generation));
  }

  private void aggregationCompleted(Session session, long generation) {
    WebhookSettings current = settings;
    List<Payload> payloads = new ArrayList<>(2);
    if (current.kycFirst()) {
      payloads.add(new Payload("KYC", session.requestId(), Responses.kyc(session)));
    }
    ByteBuffer accounts =
        session.login().accountsDetailJson(session.dataVersion(), DetailOptions.DEFAULT);
    payloads.add(
        new Payload(
            "GetAccountsDetail",
            session.requestId(),
            Responses.data(200, null, accounts, session, "GetAccountsDetail")));
    for (String url : current.urls()) {
      // KYC goes first: each URL gets its payloads in order, from one worker.
      for (Payload payload : payloads) {
        attempt(new Job(UUID.randomUUID().toString(), url, payload, current), 1, false, generation);
      }
    }
  }

  private record Payload(String responseType, String requestId, byte[] body) {}

  private record Job(String deliveryId, String url, Payload payload, WebhookSettings settings) {}

  private void attempt(Job job, int attempt, boolean duplicate, long generation) {
    if (generation != scheduler.generation()) {
      return;
    }
    int status = 0;
    String error = null;
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(job.url()))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .header(SIGNATURE_HEADER, sign(job.settings().key(), job.payload().body()))
              .header(ALTERNATE_SIGNATURE_HEADER, sign(job.settings().key(), job.payload().body()))
              .POST(HttpRequest.BodyPublishers.ofByteArray(job.payload().body()))
              .build();
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status != 200) {
        error = "answered " + status;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (Exception e) {
      error = e.getClass().getSimpleName();
    }
    if (generation != scheduler.generation()) {
      return;
    }
    log.add(
        WebhookDelivery.builder()
            .deliveryId(job.deliveryId())
            .url(job.url())
            .responseType(job.payload().responseType())
            .requestId(job.payload().requestId())
            .attempt(attempt)
            .at(clock.instant())
            .status(status)
            .error(error)
            .duplicate(duplicate)
            .build());
    if (status == 200) {
      if (job.settings().deliverTwice() && !duplicate) {
        attempt(job, attempt, true, generation);
      }
    } else if (!duplicate && attempt < job.settings().maxAttempts()) {
      scheduler.schedule(
          clock.instant().plus(job.settings().retryInterval()),
          generation,
          () -> attempt(job, attempt + 1, false, generation));
    }
  }

  @Override
  public void close() {
    scheduler.close();
    http.close();
  }
}
