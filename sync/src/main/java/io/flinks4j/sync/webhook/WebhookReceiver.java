package io.flinks4j.sync.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.flinks4j.client.model.Holder;
import io.flinks4j.client.polling.PollPolicy;
import io.flinks4j.client.webhook.FlinksWebhooks;
import io.flinks4j.client.webhook.WebhookEvent;
import io.flinks4j.client.webhook.WebhookVerificationException;
import io.flinks4j.sync.crypto.FieldCipher;
import io.flinks4j.sync.http.ApiException;
import io.flinks4j.sync.http.ApiRouter;
import io.flinks4j.sync.http.ApiRoutes;
import io.flinks4j.sync.http.Operation;
import io.flinks4j.sync.login.LoginInput;
import io.flinks4j.sync.login.LoginRepository;
import io.flinks4j.sync.login.StoredLogin;
import io.flinks4j.sync.retrieval.RetrievalEngine;
import io.flinks4j.sync.storage.Database;
import io.flinks4j.sync.storage.ScheduledTasks;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/flinks}: verifies the Flinks HMAC on the raw bytes, records the delivery
 * durably and answers 200 at once; a db-scheduler task then applies it. Redeliveries (Flinks
 * retries up to 10 times) are dropped by the unique (ResponseType, RequestId) key, and applying
 * goes through the engine, whose completion is safe against a poll finishing the same retrieval at
 * the same moment.
 *
 * <p>The body names a loginId and holds bank data: it is stored AES-GCM encrypted ({@link
 * FieldCipher}) until it is applied, then cleared.
 */
public final class WebhookReceiver implements ApiRoutes {

  /** db-scheduler task name; one instance per received webhook id. */
  public static final String TASK = "webhook-apply";

  /** Each recorded webhook has an apply task until it is processed or dead. */
  private static final ScheduledTasks.TaskOwner TASKS =
      new ScheduledTasks.TaskOwner(
          "received_webhooks", "r.processed_at is null and r.dead_at is null", "received_at", TASK);

  /** The route Flinks posts to. */
  public static final String PATH = "/webhooks/flinks";

  private static final Logger log = LoggerFactory.getLogger(WebhookReceiver.class);

  private final Database database;
  private final LoginRepository logins;
  private final RetrievalEngine engine;
  private final HolderWriter holders;
  private final Optional<String> key;
  private final Clock clock;
  private final MeterRegistry metrics;
  private final FieldCipher cipher;
  private final PollPolicy retries;
  private final RandomGenerator random;
  private final DeadLetters deadLetters;
  private final CustomTask<Void> task;
  private volatile SchedulerClient scheduler;

  /**
   * @param holders writes the holders of a KYC webhook
   * @param key the shared secret Flinks signs with; without one every delivery is refused (401)
   * @param retries how many applies of one webhook are tried, and the backoff between them, before
   *     it is parked (its attempt bound is required)
   */
  public WebhookReceiver(
      Database database,
      LoginRepository logins,
      RetrievalEngine engine,
      HolderWriter holders,
      Optional<String> key,
      FieldCipher cipher,
      PollPolicy retries,
      Clock clock,
      MeterRegistry metrics) {
    this(database, logins, engine, holders, key, cipher, retries, clock, metrics, new Random());
  }

  /**
   * @param random jitter of the apply retries (seed it for a run that replays exactly)
   */
  public WebhookReceiver(
      Database database,
      LoginRepository logins,
      RetrievalEngine engine,
      HolderWriter holders,
      Optional<String> key,
      FieldCipher cipher,
      PollPolicy retries,
      Clock clock,
      MeterRegistry metrics,
      RandomGenerator random) {
    if (retries.maxAttempts().isEmpty()) {
      throw new IllegalArgumentException("webhook retries need an attempt bound");
    }
    this.random = random;
    this.database = database;
    this.logins = logins;
    this.engine = engine;
    this.holders = holders;
    this.key = key.filter(k -> !k.isEmpty());
    this.clock = clock;
    this.metrics = metrics;
    this.cipher = cipher;
    this.retries = retries;
    this.deadLetters =
        new DeadLetters(database, clock, this::clearBody, id -> schedule(List.of(id)));
    this.task =
        Tasks.custom(TASK, Void.class)
            .onDeadExecutionRevive()
            // Only when even the failure could not be recorded (database down): try again shortly.
            .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(5)))
            .execute((instance, context) -> attempt(instance.getId()));
    if (this.key.isEmpty()) {
      log.warn(
          "no webhook key configured (FLINKS_WEBHOOK_KEY): {} will refuse every delivery", PATH);
    }
  }

  /** The apply task, to register with the scheduler. */
  public CustomTask<Void> task() {
    return task;
  }

  /** Connects to the running scheduler. */
  public void bind(SchedulerClient schedulerClient) {
    this.scheduler = schedulerClient;
  }

  /** Writes the holders of a KYC webhook for a login, on the caller's connection. */
  @FunctionalInterface
  public interface HolderWriter {
    void write(Connection connection, long loginRef, List<Holder> holders) throws SQLException;
  }

  @Override
  public void addTo(ApiRouter router) {
    deadLetters.addTo(router);
    router.post(
        PATH,
        Operation.summary(
                "Flinks webhook receiver (GetAccountsDetail, KYC); authenticated by its HMAC signature")
            .requestBody(JsonNode.class)
            .response(
                200,
                "Recorded (or a duplicate, a type this service ignores, or a login deleted through the"
                    + " API: not stored)",
                Receipt.class)
            .error(401, "Missing or wrong signature"),
        ctx -> receive(ctx, router));
  }

  /** The answer to Flinks: what became of the delivery. */
  record Receipt(Outcome status) {
    enum Outcome {
      @JsonProperty("recorded")
      RECORDED,
      @JsonProperty("duplicate")
      DUPLICATE,
      @JsonProperty("ignored")
      IGNORED,
      @JsonProperty("login_deleted")
      LOGIN_DELETED
    }
  }

  private void receive(Context ctx, ApiRouter router) {
    if (key.isEmpty()) {
      throw new ApiException(
          401, "webhooks_not_configured", "this service has no webhook key configured");
    }
    byte[] body =
        router.readBody(ctx); // bounded: nothing past FLINKS4J_MAX_PAYLOAD_BYTES is read or hashed
    WebhookEvent event;
    try {
      event = FlinksWebhooks.verify(body, ctx::header, key.get());
    } catch (WebhookVerificationException e) {
      switch (e.reason()) {
        case MISSING_SIGNATURE, SIGNATURE_MISMATCH -> {
          metrics.counter("flinks4j.webhooks.received", "outcome", "bad_signature").increment();
          throw new ApiException(401, "invalid_signature", "webhook signature missing or wrong");
        }
        case UNSUPPORTED_TYPE -> {
          // Signed, but a type we do not handle (e.g. Investments): acknowledge so Flinks stops
          // retrying.
          metrics.counter("flinks4j.webhooks.received", "outcome", "ignored").increment();
          ctx.status(200).json(new Receipt(Receipt.Outcome.IGNORED));
          return;
        }
        default -> {
          metrics.counter("flinks4j.webhooks.received", "outcome", "malformed").increment();
          throw ApiException.badRequest("invalid_payload", "webhook body is not a Flinks payload");
        }
      }
    }
    boolean hasRequestId = event.requestId() != null && !event.requestId().isBlank();
    if (hasRequestId && !LoginInput.isGuid(event.requestId())) {
      metrics.counter("flinks4j.webhooks.received", "outcome", "malformed").increment();
      throw ApiException.badRequest("invalid_payload", "webhook RequestId must be a GUID");
    }
    String loginId =
        switch (event) {
          case WebhookEvent.AccountsDetailWebhook detail -> detail.loginId();
          case WebhookEvent.KycWebhook kyc -> kyc.loginId();
        };
    Optional<String> loginHash =
        Optional.ofNullable(loginId).filter(LoginInput::isGuid).map(logins::lookupHash);
    if (loginHash.isPresent() && logins.isTombstoned(loginId)) {
      // Deleted through the API: nothing about it is stored again. 200, so that Flinks stops
      // redelivering.
      metrics.counter("flinks4j.webhooks.received", "outcome", "login_deleted").increment();
      ctx.status(200).json(new Receipt(Receipt.Outcome.LOGIN_DELETED));
      return;
    }
    String id = UUID.randomUUID().toString();
    String dedupeKey = hasRequestId ? event.requestId() : "sha256:" + sha256(body);
    boolean recorded =
        database.inTransaction(
            c -> insert(c, id, event.responseType(), dedupeKey, body, loginHash.orElse(null)));
    if (recorded) {
      schedule(List.of(id));
    }
    metrics
        .counter("flinks4j.webhooks.received", "outcome", recorded ? "recorded" : "duplicate")
        .increment();
    ctx.status(200)
        .json(new Receipt(recorded ? Receipt.Outcome.RECORDED : Receipt.Outcome.DUPLICATE));
  }

  /** Re-schedules recorded webhooks that lost their task (a crash right after answering 200). */
  public int sweep() {
    if (scheduler == null) {
      return 0;
    }
    List<String> orphans = database.inTransaction(c -> TASKS.orphans(c, clock.instant()));
    schedule(orphans);
    return orphans.size();
  }

  private void schedule(List<String> ids) {
    SchedulerClient client = scheduler;
    if (client != null) {
      Instant now = clock.instant();
      ids.forEach(id -> client.scheduleIfNotExists(task.instance(id), now));
    }
  }

  /**
   * One attempt at applying webhook {@code id}: a failure is counted and retried after a backoff,
   * or parked as a dead letter once the attempts are spent. Nothing is rethrown, so db-scheduler
   * never logs the driver's message (which may quote bound bank data); only the reason code is
   * logged.
   */
  private CompletionHandler<Void> attempt(String id) {
    try {
      apply(id);
      return new CompletionHandler.OnCompleteRemove<>();
    } catch (RuntimeException e) {
      String reason = DeadLetters.reasonOf(e);
      int maxAttempts = retries.maxAttempts().getAsInt();
      DeadLetters.Failure failure = deadLetters.recordFailure(id, reason, maxAttempts);
      if (failure.attempts() == 0) {
        return new CompletionHandler.OnCompleteRemove<>(); // settled meanwhile elsewhere
      }
      if (failure.parked()) {
        metrics.counter("flinks4j.webhooks.applied", "outcome", "dead_letter").increment();
        log.warn(
            "webhook {} parked as a dead letter after {} failed attempts ({}); replay it with POST {}/{}/replay",
            id,
            failure.attempts(),
            reason,
            DeadLetters.PATH,
            id);
        return new CompletionHandler.OnCompleteRemove<>();
      }
      Instant next = clock.instant().plus(retries.delay(failure.attempts(), random));
      metrics.counter("flinks4j.webhooks.applied", "outcome", "retry").increment();
      log.warn(
          "webhook {} apply attempt {} of {} failed ({}); retrying at {}",
          id,
          failure.attempts(),
          maxAttempts,
          reason,
          next);
      return (complete, operations) -> operations.reschedule(complete, next);
    }
  }

  /** Applies one recorded webhook; idempotent, so a re-run after a crash changes nothing more. */
  void apply(String id) {
    Optional<byte[]> body = database.inTransaction(c -> pendingBody(c, id));
    if (body.isEmpty()) {
      return;
    }
    WebhookEvent event;
    try {
      event = FlinksWebhooks.parse(body.get());
    } catch (WebhookVerificationException e) {
      // Parsed fine when received; only a schema change in between could get here. Retrying cannot
      // help.
      database.inTransaction(c -> markProcessed(c, id, "unparseable"));
      log.warn("webhook {} could not be applied: {}", id, e.reason());
      return;
    }
    String outcome =
        switch (event) {
          case WebhookEvent.AccountsDetailWebhook detail -> {
            Optional<StoredLogin> login = loginOf(detail.loginId(), detail.detail().tag());
            if (login.isEmpty()) {
              yield "no_login";
            }
            yield engine.completeFromWebhook(login.get().id(), detail.requestId(), detail.detail())
                ? "stored"
                : "already_stored";
          }
          case WebhookEvent.KycWebhook kyc -> {
            Optional<StoredLogin> login = loginOf(kyc.loginId(), kyc.kyc().tag());
            if (login.isEmpty()) {
              yield "no_login";
            }
            database.inTransaction(c -> {
              holders.write(c, login.get().id(), kyc.kyc().holders());
              return null;
            });
            yield "holders_updated";
          }
        };
    database.inTransaction(c -> markProcessed(c, id, outcome));
    metrics.counter("flinks4j.webhooks.applied", "outcome", outcome).increment();
    log.info("webhook {} applied: {}", id, outcome);
  }

  /** The stored login, registering it when the webhook is the first we hear of it. */
  private Optional<StoredLogin> loginOf(String loginId, String tag) {
    if (!LoginInput.isGuid(loginId) || logins.isTombstoned(loginId)) {
      return Optional.empty();
    }
    Optional<String> validTag =
        Optional.ofNullable(tag).filter(t -> !t.isBlank() && LoginInput.isValidTag(t));
    return Optional.of(logins.register(loginId, validTag).login());
  }

  private boolean insert(
      Connection c, String id, String type, String dedupeKey, byte[] body, String loginHash)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into received_webhooks (id, response_type, dedupe_key,"
                + " body, received_at, login_hash) values (?, ?, ?, ?, ?, ?) on conflict do nothing")) {
      ps.setString(1, id);
      ps.setString(2, type);
      ps.setString(3, dedupeKey);
      ps.setString(4, cipher.seal(FieldCipher.Purpose.WEBHOOK_BODY, body));
      ps.setObject(5, clock.instant().atOffset(ZoneOffset.UTC));
      ps.setString(6, loginHash); // lets DELETE /v1/logins/{loginId} erase it
      return ps.executeUpdate() == 1;
    }
  }

  private Optional<byte[]> pendingBody(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select body from received_webhooks where id = ? and processed_at is null and dead_at is null")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getString(1) != null ? clearBody(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private Optional<byte[]> clearBody(String stored) {
    return Optional.of(cipher.openOrClear(FieldCipher.Purpose.WEBHOOK_BODY, stored));
  }

  /**
   * Marks the webhook applied and drops its body, which holds a loginId and personal data in clear.
   */
  private Void markProcessed(Connection c, String id, String outcome) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "update received_webhooks set processed_at = ?, outcome = ?, body = null where id = ?")) {
      ps.setObject(1, clock.instant().atOffset(ZoneOffset.UTC));
      ps.setString(2, outcome);
      ps.setString(3, id);
      ps.executeUpdate();
    }
    return null;
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
