package io.flinks4j.sync.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.flinks4j.sync.crypto.FieldCipher;
import io.flinks4j.sync.storage.Database;
import io.flinks4j.sync.storage.ScheduledTasks;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable outbox of events to the lender's application: an event is recorded in the same
 * transaction as the state change it reports, then delivered by a db-scheduler task, signed, and
 * retried with jittered exponential backoff until the receiver answers 2xx. The event id is the
 * receiver's idempotency key.
 *
 * <p>Bodies name a loginId, so they are stored AES-GCM encrypted ({@link FieldCipher}) and
 * decrypted only to be sent. A {@code login.mfa_required} event gets its {@code relaunchUrl} when
 * it is sent, with an authorize token minted for that delivery: the single-use token is never
 * stored.
 */
public final class OutboundEvents {

  /** db-scheduler task name; one instance per event id. */
  public static final String DELIVERY_TASK = "event-delivery";

  /** Each pending event has a delivery task until it is delivered or abandoned. */
  private static final ScheduledTasks.TaskOwner TASKS =
      new ScheduledTasks.TaskOwner(
          "outbound_events",
          "r.delivered_at is null and r.abandoned_at is null",
          "created_at",
          DELIVERY_TASK);

  private static final Logger log = LoggerFactory.getLogger(OutboundEvents.class);

  private final Database database;
  private final EventSettings settings;
  private final ObjectMapper json;
  private final FieldCipher cipher;
  private final Clock clock;
  private final HttpClient http;
  private final RandomGenerator random;
  private final CustomTask<Void> task;
  private volatile SchedulerClient scheduler;

  private volatile Function<String, Optional<String>> relaunchUrls =
      retrievalId -> Optional.empty();

  public OutboundEvents(
      Database database,
      EventSettings settings,
      ObjectMapper json,
      FieldCipher cipher,
      Clock clock) {
    this(database, settings, json, cipher, clock, new Random());
  }

  /**
   * @param random jitter of the delivery retries (seed it for a run that replays exactly)
   */
  public OutboundEvents(
      Database database,
      EventSettings settings,
      ObjectMapper json,
      FieldCipher cipher,
      Clock clock,
      RandomGenerator random) {
    this.database = database;
    this.random = random;
    this.settings = settings;
    this.json = json;
    this.cipher = cipher;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    this.task =
        Tasks.custom(DELIVERY_TASK, Void.class)
            .onDeadExecutionRevive()
            .execute((instance, context) -> deliver(instance.getId()));
  }

  /** The delivery task, to register with the scheduler. */
  public CustomTask<Void> task() {
    return task;
  }

  /** Connects to the running scheduler; before this, recorded events wait for the sweep. */
  public void bind(SchedulerClient schedulerClient) {
    this.scheduler = schedulerClient;
  }

  /**
   * Where {@code login.mfa_required} deliveries get their relaunch URL: a retrieval id in, a URL
   * with a freshly minted token out (empty when the retrieval no longer waits for MFA).
   */
  public void relaunchUrlsFrom(Function<String, Optional<String>> source) {
    this.relaunchUrls = source;
  }

  /** Whether events are configured at all. */
  public boolean enabled() {
    return settings.url().isPresent();
  }

  /**
   * Records an event on the caller's connection, so it commits or rolls back with the change it
   * reports. Call {@link #dispatch} with the returned id after the commit.
   *
   * @return the event id, or empty when events are off
   */
  public Optional<String> record(
      Connection connection, EventType type, long loginRef, Map<String, Object> data)
      throws SQLException {
    if (!enabled()) {
      return Optional.empty();
    }
    String id = "evt_" + UUID.randomUUID().toString().replace("-", "");
    Instant now = clock.instant();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("type", type.wireName());
    body.put("createdAt", now.toString());
    body.put("data", data);
    String text;
    try {
      text = json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event data is not serialisable", e);
    }
    try (PreparedStatement ps =
        connection.prepareStatement(
            "insert into outbound_events (id, type, body, created_at, attempts, next_attempt_at, login_id)"
                + " values (?, ?, ?, ?, 0, ?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, type.wireName());
      ps.setString(3, cipher.seal(FieldCipher.Purpose.EVENT_BODY, text));
      ps.setObject(4, now.atOffset(ZoneOffset.UTC));
      ps.setObject(5, now.atOffset(ZoneOffset.UTC));
      ps.setLong(6, loginRef); // the event goes with its login when that is deleted
      ps.executeUpdate();
    }
    return Optional.of(id);
  }

  /** Starts delivering committed events now (best effort: the sweep picks up any this misses). */
  public void dispatch(List<String> eventIds) {
    SchedulerClient client = scheduler;
    if (client == null) {
      return;
    }
    Instant now = clock.instant();
    for (String id : eventIds) {
      client.scheduleIfNotExists(task.instance(id), now);
    }
  }

  /**
   * Re-schedules deliveries of pending events that lost their task (a crash between commit and
   * dispatch).
   */
  public int sweep() {
    if (!enabled() || scheduler == null) {
      return 0;
    }
    List<String> orphans = database.inTransaction(c -> TASKS.orphans(c, clock.instant()));
    dispatch(orphans);
    return orphans.size();
  }

  private CompletionHandler<Void> deliver(String id) {
    Optional<Pending> pending = database.inTransaction(c -> load(c, id));
    if (pending.isEmpty() || settings.url().isEmpty()) {
      return new CompletionHandler.OnCompleteRemove<>();
    }
    Pending event = pending.get();
    Attempt attempt = post(id, sendable(event));
    String outcome = attempt.outcome();
    int attempts = event.attempts() + 1;
    Instant done = clock.instant();
    if (attempt.delivered()) {
      database.inTransaction(c -> finish(c, id, attempts, outcome, "delivered_at", done));
      return new CompletionHandler.OnCompleteRemove<>();
    }
    if (attempts >= settings.maxAttempts()) {
      log.warn("event {} abandoned after {} attempts ({})", id, attempts, outcome);
      database.inTransaction(c -> finish(c, id, attempts, outcome, "abandoned_at", done));
      return new CompletionHandler.OnCompleteRemove<>();
    }
    Instant next = done.plus(backoff(attempts));
    log.info(
        "event {} delivery attempt {} failed ({}); retrying at {}", id, attempts, outcome, next);
    database.inTransaction(c -> retryLater(c, id, attempts, outcome, next));
    return (complete, operations) -> operations.reschedule(complete, next);
  }

  private record Attempt(boolean delivered, String outcome) {}

  private Attempt post(String id, byte[] body) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(settings.url().orElseThrow())
              .timeout(settings.timeout())
              .header("Content-Type", "application/json")
              .header(EventSignature.EVENT_ID_HEADER, id)
              .header(
                  EventSignature.HEADER,
                  EventSignature.sign(body, settings.secret(), clock.instant()))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return new Attempt(status / 100 == 2, "HTTP " + status);
    } catch (IOException e) {
      return new Attempt(false, e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Attempt(false, "interrupted");
    }
  }

  /** The wait after {@code attempts} failed deliveries, per {@link EventSettings#retries()}. */
  Duration backoff(int attempts) {
    return settings.retries().delay(attempts, random);
  }

  private record Pending(String type, String body, int attempts) {}

  /**
   * The body as delivered: decrypted, and for an MFA event with a relaunch URL minted for this
   * delivery.
   */
  private byte[] sendable(Pending event) {
    String body =
        new String(
            cipher.openOrClear(FieldCipher.Purpose.EVENT_BODY, event.body()),
            StandardCharsets.UTF_8);
    if (!EventType.LOGIN_MFA_REQUIRED.wireName().equals(event.type())) {
      return body.getBytes(StandardCharsets.UTF_8);
    }
    try {
      ObjectNode tree = (ObjectNode) json.readTree(body);
      ObjectNode data = (ObjectNode) tree.path("data");
      data.put("relaunchUrl", relaunchUrls.apply(data.path("retrievalId").asText()).orElse(null));
      return json.writeValueAsBytes(tree);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalStateException("stored event body is not an event", e);
    }
  }

  private static Optional<Pending> load(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select type, body, attempts from outbound_events"
                + " where id = ? and delivered_at is null and abandoned_at is null")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new Pending(rs.getString(1), rs.getString(2), rs.getInt(3)))
            : Optional.empty();
      }
    }
  }

  private static Void finish(
      Connection c, String id, int attempts, String outcome, String column, Instant at)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "update outbound_events set attempts = ?, last_outcome = ?, "
                + column
                + " = ? where id = ?")) {
      ps.setInt(1, attempts);
      ps.setString(2, outcome);
      ps.setObject(3, at.atOffset(ZoneOffset.UTC));
      ps.setString(4, id);
      ps.executeUpdate();
    }
    return null;
  }

  private static Void retryLater(
      Connection c, String id, int attempts, String outcome, Instant next) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "update outbound_events set attempts = ?, last_outcome = ?, next_attempt_at = ? where id = ?")) {
      ps.setInt(1, attempts);
      ps.setString(2, outcome);
      ps.setObject(3, next.atOffset(ZoneOffset.UTC));
      ps.setString(4, id);
      ps.executeUpdate();
    }
    return null;
  }
}
