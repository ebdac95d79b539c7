package io.flinks4j.sync.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import io.flinks4j.client.webhook.FlinksWebhooks;
import io.flinks4j.client.webhook.WebhookEvent;
import io.flinks4j.client.webhook.WebhookVerificationException;
import io.flinks4j.sync.config.ApiKey;
import io.flinks4j.sync.http.ApiDoc;
import io.flinks4j.sync.http.ApiException;
import io.flinks4j.sync.http.ApiRouter;
import io.flinks4j.sync.http.ApiRoutes;
import io.flinks4j.sync.http.Cursor;
import io.flinks4j.sync.http.Operation;
import io.flinks4j.sync.http.Page;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Webhooks whose apply kept failing, parked instead of retried forever: {@code GET
 * /v1/dead-letters} lists them and {@code POST /v1/dead-letters/{id}/replay} puts one back in the
 * queue with a fresh set of attempts (both admin scope, since a replay writes bank data). A failure
 * is recorded as a SQLState or an exception class only.
 */
final class DeadLetters implements ApiRoutes {

  static final String PATH = "/v1/dead-letters";
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 500;
  private static final String CURSOR_KIND = "dead-letters";

  private final Database database;
  private final Clock clock;
  private final Function<String, Optional<byte[]>> body;
  private final Consumer<String> requeue;

  /**
   * @param body a webhook's body in clear, from its (encrypted) column value
   * @param requeue schedules the apply of a webhook id now
   */
  DeadLetters(
      Database database,
      Clock clock,
      Function<String, Optional<byte[]>> body,
      Consumer<String> requeue) {
    this.database = database;
    this.clock = clock;
    this.body = body;
    this.requeue = requeue;
  }

  /** What became of a failed attempt. */
  record Failure(int attempts, boolean parked) {}

  /**
   * The reason stored and logged for a failed apply: the SQLState of a database failure, otherwise
   * the exception's class. Never its message: a driver's message may quote the bound bank data.
   */
  static String reasonOf(RuntimeException e) {
    return e instanceof StorageException storage
        ? "sqlstate_" + storage.sqlState()
        : e.getClass().getSimpleName();
  }

  /**
   * Counts one failed apply of webhook {@code id}, parking it once {@code maxAttempts} have failed.
   */
  Failure recordFailure(String id, String reason, int maxAttempts) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps =
          c.prepareStatement(
              "update received_webhooks set attempts = attempts + 1,"
                  + " failure_reason = ? where id = ? and dead_at is null and processed_at is null")) {
        ps.setString(1, reason);
        ps.setString(2, id);
        if (ps.executeUpdate() == 0) {
          return new Failure(0, false); // applied or parked meanwhile by another instance
        }
      }
      int attempts;
      try (PreparedStatement ps =
          c.prepareStatement("select attempts from received_webhooks where id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          attempts = rs.getInt(1);
        }
      }
      if (attempts < maxAttempts) {
        return new Failure(attempts, false);
      }
      try (PreparedStatement ps =
          c.prepareStatement("update received_webhooks set dead_at = ? where id = ?")) {
        ps.setObject(1, clock.instant().atOffset(ZoneOffset.UTC));
        ps.setString(2, id);
        ps.executeUpdate();
      }
      return new Failure(attempts, true);
    });
  }

  @Override
  public void addTo(ApiRouter router) {
    router.add(
        HandlerType.GET,
        PATH,
        ApiKey.Scope.ADMIN,
        Operation.summary(
                "Webhooks parked after FLINKS4J_WEBHOOK_MAX_ATTEMPTS failed applies, oldest first")
            .query("limit", "integer", "page size, 1-" + MAX_LIMIT + ", default " + DEFAULT_LIMIT)
            .query("cursor", "string", "nextCursor of the previous page")
            .response(200, "A page of dead letters", new TypeReference<Page<DeadLetterView>>() {}),
        this::list);
    router.add(
        HandlerType.POST,
        PATH + "/{deadLetterId}/replay",
        ApiKey.Scope.ADMIN,
        Operation.summary("Queues a dead letter's apply again, with a fresh set of attempts")
            .response(202, "Queued", Requeued.class),
        this::replay);
  }

  /**
   * A parked webhook as {@code GET /v1/dead-letters} lists it: what it is and why it failed, never
   * its body.
   */
  @ApiDoc("A webhook parked after its applies kept failing")
  record DeadLetterView(
      @ApiDoc(format = "uuid") String id,
      @ApiDoc("Flinks ResponseType") String type,
      @ApiDoc(format = "date-time") String receivedAt,
      @ApiDoc(value = "null when the body names none", nullable = true) String loginId,
      @ApiDoc("sqlstate_<SQLState> or an exception class; no data") String reason,
      int attempts,
      @ApiDoc(format = "date-time") String parkedAt) {

    @Override
    public String toString() {
      return "DeadLetterView[id=" + id + ", reason=" + reason + "]"; // the loginId is a secret
    }

    /** A builder with every field unset (null, or the type's zero). */
    static Builder builder() {
      return new Builder();
    }

    /**
     * Sets the fields of a {@link DeadLetterView} by name, so two of the same type cannot be
     * swapped.
     */
    static final class Builder {
      private String id;
      private String type;
      private String receivedAt;
      private String loginId;
      private String reason;
      private int attempts;
      private String parkedAt;

      private Builder() {}

      Builder id(String id) {
        this.id = id;
        return this;
      }

      Builder type(String type) {
        this.type = type;
        return this;
      }

      Builder receivedAt(String receivedAt) {
        this.receivedAt = receivedAt;
        return this;
      }

      Builder loginId(String loginId) {
        this.loginId = loginId;
        return this;
      }

      Builder reason(String reason) {
        this.reason = reason;
        return this;
      }

      Builder attempts(int attempts) {
        this.attempts = attempts;
        return this;
      }

      Builder parkedAt(String parkedAt) {
        this.parkedAt = parkedAt;
        return this;
      }

      DeadLetterView build() {
        return new DeadLetterView(id, type, receivedAt, loginId, reason, attempts, parkedAt);
      }
    }
  }

  /** The answer of a replay. */
  record Requeued(@ApiDoc(format = "uuid") String id, Status status) {
    enum Status {
      @JsonProperty("requeued")
      REQUEUED
    }
  }

  /** Where a page of dead letters starts: after this parking time and id. */
  private record Position(OffsetDateTime parkedAt, String id) {}

  private void list(Context ctx) {
    int limit = limit(ctx.queryParam("limit"));
    Optional<Position> after =
        Optional.ofNullable(ctx.queryParam("cursor")).map(DeadLetters::position);
    List<DeadLetterView> page = database.inTransaction(c -> parked(c, after, limit + 1));
    boolean more = page.size() > limit;
    List<DeadLetterView> shown = more ? page.subList(0, limit) : page;
    String next =
        more ? Cursor.encode(CURSOR_KIND, shown.getLast().parkedAt(), shown.getLast().id()) : null;
    ctx.json(new Page<>(shown, next));
  }

  private static Position position(String cursor) {
    String[] parts = Cursor.decode(CURSOR_KIND, cursor, 2);
    try {
      return new Position(Instant.parse(parts[0]).atOffset(ZoneOffset.UTC), parts[1]);
    } catch (DateTimeParseException e) {
      throw Cursor.invalid();
    }
  }

  private List<DeadLetterView> parked(Connection c, Optional<Position> after, int limit)
      throws SQLException {
    List<DeadLetterView> rows = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select id, response_type, received_at, body, failure_reason,"
                + " attempts, dead_at from received_webhooks where dead_at is not null"
                + (after.isPresent() ? " and (dead_at > ? or (dead_at = ? and id > ?))" : "")
                + " order by dead_at, id limit ?")) {
      int i = 1;
      if (after.isPresent()) {
        ps.setObject(i++, after.get().parkedAt());
        ps.setObject(i++, after.get().parkedAt());
        ps.setString(i++, after.get().id());
      }
      ps.setInt(i, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              DeadLetterView.builder()
                  .id(rs.getString(1))
                  .type(rs.getString(2))
                  .receivedAt(rs.getObject(3, OffsetDateTime.class).toInstant().toString())
                  .loginId(loginIdOf(rs.getString(4)).orElse(null))
                  .reason(rs.getString(5))
                  .attempts(rs.getInt(6))
                  .parkedAt(rs.getObject(7, OffsetDateTime.class).toInstant().toString())
                  .build());
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
    boolean requeued =
        database.inTransaction(c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "update received_webhooks set dead_at = null, attempts = 0 where id = ? and dead_at is not null")) {
            ps.setString(1, id);
            return ps.executeUpdate() == 1;
          }
        });
    if (!requeued) {
      throw notFound();
    }
    requeue.accept(id);
    ctx.status(202).json(new Requeued(id, Requeued.Status.REQUEUED));
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
    throw ApiException.badRequest(
        "invalid_limit", "limit must be an integer from 1 to " + MAX_LIMIT);
  }
}
