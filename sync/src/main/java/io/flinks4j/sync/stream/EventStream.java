package io.flinks4j.sync.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinks4j.sync.http.ApiDoc;
import io.flinks4j.sync.http.ApiException;
import io.flinks4j.sync.http.ApiRouter;
import io.flinks4j.sync.http.ApiRoutes;
import io.flinks4j.sync.http.Operation;
import io.flinks4j.sync.login.LoginRepository;
import io.flinks4j.sync.login.StoredLogin;
import io.flinks4j.sync.retrieval.StepFeed;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code GET /v1/events/stream}: server-sent events, one per retrieval step (requested, each poll,
 * MFA, ready, failed with its reason, ...) of every login, read from the step history so every
 * instance of the service sees the steps of all of them. The event id is the step id: a client
 * reconnecting with {@code Last-Event-ID} (or {@code lastEventId}) gets what it missed.
 *
 * <p>Ids are assigned before commit, so a step may become visible after a higher one: a missing id
 * is looked for again for {@link #GAP_WAIT} before it counts as rolled back.
 */
public final class EventStream implements ApiRoutes, AutoCloseable {

  static final String PATH = "/v1/events/stream";
  static final Duration POLL = Duration.ofMillis(500);
  static final Duration HEARTBEAT = Duration.ofSeconds(15);
  static final Duration GAP_WAIT = Duration.ofSeconds(30);

  /** Most steps sent in one read; a client far behind catches up over several. */
  static final int BATCH = 500;

  private final StepFeed feed;
  private final LoginRepository logins;
  private final ObjectMapper json;
  private final Clock clock;
  private final StreamTickets tickets;
  private volatile boolean closed;

  public EventStream(StepFeed feed, LoginRepository logins, ObjectMapper json, Clock clock) {
    this.feed = feed;
    this.logins = logins;
    this.json = json;
    this.clock = clock;
    this.tickets = new StreamTickets(clock);
  }

  @ApiDoc("A single-use ticket for the event stream")
  record StreamTicket(String ticket, @ApiDoc(format = "date-time") String expiresAt) {}

  /**
   * The data of one {@code step} event (its id is the event's id); loginId null once the login is
   * deleted.
   */
  record StepData(
      String loginId,
      String retrievalId,
      String event,
      String state,
      int polls,
      int attempts,
      String reason,
      String message,
      String at) {
    /** A builder with every field unset (null, or the type's zero). */
    static Builder builder() {
      return new Builder();
    }

    /** Sets the fields of a {@link StepData} by name, so two of the same type cannot be swapped. */
    static final class Builder {
      private String loginId;
      private String retrievalId;
      private String event;
      private String state;
      private int polls;
      private int attempts;
      private String reason;
      private String message;
      private String at;

      private Builder() {}

      Builder loginId(String loginId) {
        this.loginId = loginId;
        return this;
      }

      Builder retrievalId(String retrievalId) {
        this.retrievalId = retrievalId;
        return this;
      }

      Builder event(String event) {
        this.event = event;
        return this;
      }

      Builder state(String state) {
        this.state = state;
        return this;
      }

      Builder polls(int polls) {
        this.polls = polls;
        return this;
      }

      Builder attempts(int attempts) {
        this.attempts = attempts;
        return this;
      }

      Builder reason(String reason) {
        this.reason = reason;
        return this;
      }

      Builder message(String message) {
        this.message = message;
        return this;
      }

      Builder at(String at) {
        this.at = at;
        return this;
      }

      StepData build() {
        return new StepData(
            loginId, retrievalId, event, state, polls, attempts, reason, message, at);
      }
    }
  }

  @Override
  public void addTo(ApiRouter router) {
    router.post(
        "/v1/events/stream-tickets",
        Operation.summary(
                "A single-use ticket (valid "
                    + StreamTickets.TTL.toSeconds()
                    + " s) to open "
                    + PATH
                    + " from a browser, whose EventSource cannot send the key")
            .response(201, "The ticket", StreamTicket.class),
        ctx ->
            ctx.status(201)
                .json(
                    new StreamTicket(
                        tickets.mint(), clock.instant().plus(StreamTickets.TTL).toString())));
    router.get(
        PATH,
        Operation.summary(
                "Server-sent events, one per retrieval step of any login; send the key as a bearer"
                    + " header, or ?ticket= from POST /v1/events/stream-tickets")
            .query("ticket", "string", "a ticket, instead of the Authorization header")
            .query(
                "lastEventId",
                "integer",
                "resume after this event id (the Last-Event-ID header wins)")
            .textResponse(
                200,
                "The stream, never ending: each event has id = step id, event: step, and as data a"
                    + " JSON object: loginId, retrievalId, event (as the steps of GET /v1/logins/{loginId}/retrievals),"
                    + " state, polls, attempts, reason, message, at",
                "text/event-stream"),
        this::stream);
    router.authenticateAlsoBy(PATH, ctx -> tickets.redeem(ctx.queryParam("ticket")));
  }

  /** Ends every open stream within one poll interval. */
  @Override
  public void close() {
    closed = true;
  }

  private void stream(Context ctx) {
    long last = resumeAfter(ctx).orElseGet(feed::newestId);
    ctx.res().setStatus(200);
    ctx.res().setContentType("text/event-stream; charset=utf-8");
    ctx.res().setHeader("Cache-Control", "no-store");
    ctx.res().setHeader("X-Accel-Buffering", "no"); // a proxy must not hold events back
    Map<Long, Instant> gaps = new TreeMap<>(); // ids skipped over, until when they may still commit
    Map<Long, String> loginIds = new LinkedHashMap<>();
    try {
      OutputStream out = ctx.res().getOutputStream();
      write(out, "retry: 2000\n\n");
      Instant quietSince = clock.instant();
      while (!closed) {
        List<StepFeed.StepEvent> events = new ArrayList<>(feed.byIds(gaps.keySet()));
        events.forEach(e -> gaps.remove(e.id()));
        for (StepFeed.StepEvent e : feed.after(last, BATCH)) {
          for (long missing = last + 1; missing < e.id(); missing++) {
            gaps.put(missing, clock.instant().plus(GAP_WAIT));
          }
          last = e.id();
          events.add(e);
        }
        gaps.values().removeIf(until -> until.isBefore(clock.instant()));
        for (StepFeed.StepEvent e : events) {
          write(out, "id: " + e.id() + "\nevent: step\ndata: " + data(e, loginIds) + "\n\n");
        }
        if (!events.isEmpty()) {
          quietSince = clock.instant();
        } else if (!clock.instant().isBefore(quietSince.plus(HEARTBEAT))) {
          write(out, ": keep-alive\n\n"); // also how a closed connection is noticed
          quietSince = clock.instant();
        }
        if (events.size() < BATCH) {
          LockSupport.parkNanos(POLL.toNanos());
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private String data(StepFeed.StepEvent e, Map<Long, String> loginIds)
      throws JsonProcessingException {
    String loginId =
        loginIds.computeIfAbsent(
            e.loginRef(), ref -> logins.findById(ref).map(StoredLogin::loginId).orElse(null));
    if (loginIds.size() > 10_000) {
      loginIds.clear();
    }
    StepData data =
        StepData.builder()
            .loginId(loginId)
            .retrievalId(e.retrievalId())
            .event(e.event())
            .state(e.state())
            .polls(e.polls())
            .attempts(e.attempts())
            .reason(e.reason())
            .message(e.message())
            .at(e.at().toString())
            .build();
    return json.writeValueAsString(data);
  }

  private static Optional<Long> resumeAfter(Context ctx) {
    String raw =
        Optional.ofNullable(ctx.header("Last-Event-ID")).orElse(ctx.queryParam("lastEventId"));
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    if (!raw.strip().matches("\\d{1,18}")) {
      throw ApiException.badRequest("invalid_parameter", "Last-Event-ID must be an event id");
    }
    return Optional.of(Long.parseLong(raw.strip()));
  }
}
