package io.flinks4j.sync.webhook;

import io.flinks4j.client.webhook.FlinksWebhooks;
import io.flinks4j.client.webhook.WebhookEvent;
import io.flinks4j.client.webhook.WebhookVerificationException;
import io.flinks4j.sync.config.ApiKey;
import io.flinks4j.sync.http.ApiException;
import io.flinks4j.sync.http.ApiRouter;
import io.flinks4j.sync.http.ApiRoutes;
import io.flinks4j.sync.http.Operation;
import io.flinks4j.sync.login.LoginInput;
import io.flinks4j.sync.storage.Database;
import io.flinks4j.sync.storage.StorageException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Webhooks whose apply kept failing, parked instead of retried forever: {@code GET /v1/dead-letters} lists them and
 * {@code POST /v1/dead-letters/{id}/replay} puts one back in the queue with a fresh set of attempts (both admin
 * scope, since a replay writes bank data). A failure is recorded as a SQLState or an exception class only.
 */
final class DeadLetters implements ApiRoutes {

  static final String PATH = "/v1/dead-letters";
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 500;

  private final Database database;
  private final Clock clock;
  private final Function<String, Optional<byte[]>> body;
  private final Consumer<String> requeue;

  /**
   * @param body a webhook's body in clear, from its (encrypted) column value
   * @param requeue schedules the apply of a webhook id now
   */
  DeadLetters(Database database, Clock clock, Function<String, Optional<byte[]>> body, Consumer<String> requeue) {
    this.database = database;
    this.clock = clock;
    this.body = body;
    this.requeue = requeue;
  }

  /** What became of a failed attempt. */
  record Failure(int attempts, boolean parked) {}

  /**
   * The reason stored and logged for a failed apply: the SQLState of a database failure, otherwise the exception's
   * class. Never its message: a driver's message may quote the bound bank data.
   */
  static String reasonOf(RuntimeException e) {
    return e instanceof StorageException storage ? "sqlstate_" + storage.sqlState() : e.getClass().getSimpleName();
  }

  /** Counts one failed apply of webhook {@code id}, parking it once {@code maxAttempts} have failed. */
  Failure recordFailure(String id, String reason, int maxAttempts) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("update received_webhooks set attempts = attempts + 1,"
          + " failure_reason = ? where id = ? and dead_at is null and processed_at is null")) {
        ps.setString(1, reason);
        ps.setString(2, id);
        if (ps.executeUpdate() == 0) {
          return new Failure(0, false); // applied or parked meanwhile by another instance
        }
      }
      int attempts;
      try (PreparedStatement ps = c.prepareStatement("select attempts from received_webhooks where id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          attempts = rs.getInt(1);
        }
      }
      if (attempts < maxAttempts) {
        return new Failure(attempts, false);
      }
      try (PreparedStatement ps = c.prepareStatement("update received_webhooks set dead_at = ? where id = ?")) {
        ps.setObject(1, clock.instant().atOffset(ZoneOffset.UTC));
        ps.setString(2, id);
        ps.executeUpdate();
      }
      return new Failure(attempts, true);
    });
  }

  @Override
  public void addTo(ApiRouter router) {
    router.add(HandlerType.GET, PATH, ApiKey.Scope.ADMIN,
        Operation.summary("Webhooks parked after FLINKS4J_WEBHOOK_MAX_ATTEMPTS failed applies, oldest first")
            .query("limit", "integer", "at most this many (1-" + MAX_LIMIT + ", default " + DEFAULT_LIMIT + ")")
            .response(200, "The dead letters", LIST_SCHEMA),
        this::list);
    router.add(HandlerType.POST, PATH + "/{deadLetterId}/replay", ApiKey.Scope.ADMIN,
        Operation.summary("Queues a dead letter's apply again, with a fresh set of attempts")
            .response(202, "Queued", "{\"type\":\"object\",\"required\":[\"id\",\"status\"],\"properties\":{"
                + "\"id\":{\"type\":\"string\"},\"status\":{\"const\":\"requeued\"}}}"),
        this::replay);
  }

  private static final String LIST_SCHEMA = """
      {"type":"object","required":["data"],"properties":{"data":{"type":"array","items":{"type":"object",
        "required":["id","type","receivedAt","loginId","reason","attempts","parkedAt"],"properties":{
          "id":{"type":"string","format":"uuid"},
          "type":{"type":"string","description":"Flinks ResponseType"},
          "receivedAt":{"type":"string","format":"date-time"},
          "loginId":{"type":["string","null"],"description":"null when the body names none"},
          "reason":{"type":"string","description":"sqlstate_<SQLState> or an exception class; no data"},
          "attempts":{"type":"integer"},
          "parkedAt":{"type":"string","format":"date-time"}}}}}}
      """;

  private void list(Context ctx) {
    int limit = limit(ctx.queryParam("limit"));
    List<Map<String, Object>> data = database.inTransaction(c -> parked(c, limit));
    ctx.json(Map.of("data", data));
  }

  private List<Map<String, Object>> parked(Connection c, int limit) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("select id, response_type, received_at, body, failure_reason,"
        + " attempts, dead_at from received_webhooks where dead_at is not null order by dead_at, id limit ?")) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("id", rs.getString(1));
          row.put("type", rs.getString(2));
          row.put("receivedAt", rs.getObject(3, OffsetDateTime.class).toInstant().toString());
          row.put("loginId", loginIdOf(rs.getString(4)).orElse(null));
          row.put("reason", rs.getString(5));
          row.put("attempts", rs.getInt(6));
          row.put("parkedAt", rs.getObject(7, OffsetDateTime.class).toInstant().toString());
          rows.add(row);
        }
      }
    }
    return rows;
  }

  private Optional<String> loginIdOf(String stored) {
    Optional<byte[]> bytes = stored == null ? Optional.empty() : body.apply(stored);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      return switch (FlinksWebhooks.parse(bytes.get())) {
        case WebhookEvent.AccountsDetailWebhook detail -> Optional.ofNullable(detail.loginId());
        case WebhookEvent.KycWebhook kyc -> Optional.ofNullable(kyc.loginId());
      };
    } catch (WebhookVerificationException e) {
      return Optional.empty();
    }
  }

  private void replay(Context ctx) {
    String id = ctx.pathParam("deadLetterId");
    if (!LoginInput.isGuid(id)) {
      throw notFound();
    }
    boolean requeued = database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "update received_webhooks set dead_at = null, attempts = 0 where id = ? and dead_at is not null")) {
        ps.setString(1, id);
        return ps.executeUpdate() == 1;
      }
    });
    if (!requeued) {
      throw notFound();
    }
    requeue.accept(id);
    ctx.status(202).json(Map.of("id", id, "status", "requeued"));
  }

  private static ApiException notFound() {
    return new ApiException(404, "not_found", "no dead letter with this id");
  }

  private static int limit(String raw) {
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(raw);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ApiException.badRequest("invalid_limit", "limit must be an integer from 1 to " + MAX_LIMIT);
  }
}
