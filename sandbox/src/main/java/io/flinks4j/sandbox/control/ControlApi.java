package io.flinks4j.sandbox.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinks4j.sandbox.Behaviour;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.GroundTruth;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.MfaType;
import io.flinks4j.sandbox.RecordedRequest;
import io.flinks4j.sandbox.SandboxLogin;
import io.flinks4j.sandbox.fault.Fault;
import io.flinks4j.sandbox.webhook.WebhookDelivery;
import io.flinks4j.sandbox.webhook.WebhookSettings;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * The sandbox's own control API under {@code /sandbox/} (never under the Flinks paths): inspect and
 * create logins, inject faults, move the clock, reset, and read the recorded requests and webhook
 * deliveries. It exposes the same operations as the {@link FlinksSandbox} handle, for tests in
 * other languages and for the command line.
 */
public final class ControlApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_TYPE = "application/json; charset=utf-8";

  private final FlinksSandbox sandbox;

  public ControlApi(FlinksSandbox sandbox) {
    this.sandbox = sandbox;
  }

  public void register(RoutesConfig routes) {
    routes.get("/sandbox/logins", ctx -> ok(ctx, logins()));
    routes.post(
        "/sandbox/logins",
        ctx -> guarded(ctx, () -> created(ctx, login(sandbox.createLogin(loginSpec(body(ctx)))))));
    routes.get(
        "/sandbox/logins/{loginId}/ground-truth",
        ctx ->
            guarded(
                ctx, () -> ok(ctx, groundTruth(sandbox.groundTruth(ctx.pathParam("loginId"))))));
    routes.get("/sandbox/faults", ctx -> ok(ctx, faults(sandbox.faults())));
    routes.post("/sandbox/faults", ctx -> guarded(ctx, () -> addFaults(ctx)));
    routes.delete(
        "/sandbox/faults",
        ctx -> {
          sandbox.clearFaults();
          ctx.status(204);
        });
    routes.get("/sandbox/clock", ctx -> ok(ctx, clock()));
    routes.post(
        "/sandbox/clock/advance",
        ctx ->
            guarded(
                ctx,
                () -> {
                  sandbox.advanceClock(duration(ctx));
                  ok(ctx, clock());
                }));
    routes.post(
        "/sandbox/reset",
        ctx -> {
          sandbox.reset();
          ctx.status(204);
        });
    routes.get("/sandbox/requests", ctx -> ok(ctx, requests(sandbox.requests())));
    routes.get("/sandbox/webhooks", ctx -> ok(ctx, deliveries(sandbox.webhookDeliveries())));
    routes.get(
        "/sandbox/webhooks/config", ctx -> ok(ctx, webhookSettings(sandbox.webhookSettings())));
    routes.put(
        "/sandbox/webhooks/config",
        ctx ->
            guarded(
                ctx,
                () -> {
                  sandbox.configureWebhooks(webhookSettings(body(ctx), sandbox.webhookSettings()));
                  ok(ctx, webhookSettings(sandbox.webhookSettings()));
                }));
  }

  // ---- plumbing
  // ------------------------------------------------------------------------------------

  /** A bad control request: 400 with {@code {"error": ...}}. */
  private static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message, null, false, false);
    }
  }

  private interface Action {
    void run();
  }

  private static void guarded(Context ctx, Action action) {
    try {
      action.run();
    } catch (BadRequest | IllegalArgumentException e) {
      error(ctx, 400, e.getMessage());
    } catch (NoSuchElementException e) {
      error(ctx, 404, e.getMessage());
    }
  }

  private static void error(Context ctx, int status, String message) {
    ObjectNode body = JSON.createObjectNode().put("error", message);
    ctx.status(status).contentType(JSON_TYPE).result(body.toString());
  }

  private static void ok(Context ctx, JsonNode body) {
    ctx.status(200).contentType(JSON_TYPE).result(body.toString());
  }

  private static void created(Context ctx, JsonNode body) {
    ctx.status(201).contentType(JSON_TYPE).result(body.toString());
  }

  private static JsonNode body(Context ctx) {
    byte[] raw = ctx.bodyAsBytes();
    if (raw.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(raw);
      if (node == null || !(node.isObject() || node.isArray())) {
        throw new BadRequest("the body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new BadRequest("malformed JSON body");
    } catch (IOException e) {
      throw new BadRequest("unreadable body");
    }
  }

  private static String text(JsonNode body, String field, String fallback) {
    JsonNode node = body.get(field);
    return node == null || node.isNull() ? fallback : node.asText();
  }

  private static int integer(JsonNode body, String field, int fallback) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.canConvertToInt()) {
      throw new BadRequest(field + " must be an integer");
    }
    return node.asInt();
  }

  private static boolean bool(JsonNode body, String field, boolean fallback) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isBoolean()) {
      throw new BadRequest(field + " must be true or false");
    }
    return node.asBoolean();
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequest(field + " must be one of " + List.of(type.getEnumConstants()));
    }
  }

  /**
   * A duration given as {@code millis}, {@code seconds} or an ISO-8601 {@code duration} ("PT30M").
   */
  private static Duration durationField(JsonNode body, String prefix) {
    JsonNode millis = body.get(prefix.isEmpty() ? "millis" : prefix + "Millis");
    JsonNode seconds = body.get(prefix.isEmpty() ? "seconds" : prefix + "Seconds");
    JsonNode iso = body.get(prefix.isEmpty() ? "duration" : prefix);
    if (millis != null && millis.canConvertToLong()) {
      return Duration.ofMillis(millis.asLong());
    }
    if (seconds != null && seconds.isNumber()) {
      return Duration.ofMillis((long) (seconds.asDouble() * 1000));
    }
    if (iso != null && iso.isTextual()) {
      try {
        return Duration.parse(iso.asText());
      } catch (DateTimeParseException e) {
        throw new BadRequest(
            (prefix.isEmpty() ? "duration" : prefix) + " must be an ISO-8601 duration like PT30M");
      }
    }
    return null;
  }

  private static Duration duration(Context ctx) {
    String seconds = ctx.queryParam("seconds");
    if (seconds != null) {
      try {
        return Duration.ofMillis((long) (Double.parseDouble(seconds) * 1000));
      } catch (NumberFormatException e) {
        throw new BadRequest("seconds must be a number");
      }
    }
    Duration d = durationField(body(ctx), "");
    if (d == null) {
      throw new BadRequest("give seconds, millis or an ISO-8601 duration");
    }
    return d;
  }

  // ---- logins
  // --------------------------------------------------------------------------------------

  private ArrayNode logins() {
    ArrayNode out = JSON.createArrayNode();
    sandbox.logins().forEach(l -> out.add(login(l)));
    return out;
  }

  private static ObjectNode login(SandboxLogin login) {
    return JSON.createObjectNode()
        .put("loginId", login.loginId())
        .put("institution", login.institution())
        .put("username", login.username())
        .put("password", login.password())
        .put("mfa", login.mfa())
        .put("mfaType", login.mfa() ? login.mfaType().wireName() : null)
        .put("behaviour", login.behaviour().name());
  }

  private static LoginSpec loginSpec(JsonNode body) {
    String username = text(body, "username", null);
    if (username == null) {
      throw new BadRequest("username is required");
    }
    LoginSpec spec =
        LoginSpec.named(username)
            .withPassword(text(body, "password", LoginSpec.DEFAULT_PASSWORD))
            .withBehaviour(
                enumValue(Behaviour.class, "behaviour", text(body, "behaviour", "NORMAL")))
            .withAccounts(integer(body, "accounts", 4))
            .withTransactionsPerYear(
                integer(body, "transactions", integer(body, "transactionsPerYear", 2_000)));
    String mfaType = text(body, "mfaType", null);
    if (mfaType != null) {
      try {
        spec = spec.withMfa(MfaType.parse(mfaType));
      } catch (IllegalArgumentException e) {
        throw new BadRequest(e.getMessage());
      }
    } else if (bool(body, "mfa", false)) {
      spec = spec.withMfa(integer(body, "mfaRounds", 1));
    }
    String institution = text(body, "institution", null);
    if (institution != null) {
      spec = spec.withInstitution(institution);
    }
    String loginId = text(body, "loginId", null);
    if (loginId != null) {
      spec = spec.withLoginId(loginId);
    }
    Duration delay = durationField(body, "processingDelay");
    if (delay != null) {
      spec = spec.withProcessingDelay(delay);
    }
    JsonNode seed = body.get("seed");
    if (seed != null && !seed.isNull()) {
      if (!seed.canConvertToLong()) {
        throw new BadRequest("seed must be an integer");
      }
      spec = spec.withSeed(seed.asLong());
    }
    return spec;
  }

  private static ObjectNode groundTruth(GroundTruth truth) {
    return JSON.createObjectNode()
        .put("loginId", truth.loginId())
        .put("accounts", truth.accounts())
        .put("dataVersion", truth.dataVersion())
        .put("lastRefresh", truth.lastRefresh().toString())
        .put("dataDate", truth.dataDate().toString())
        .put("transactionsLast90Days", truth.transactionsLast90Days())
        .put("transactionsLast365Days", truth.transactionsLast365Days())
        .put("transactionsTotal", truth.transactionsTotal())
        .<ObjectNode>set("modifiedTransactionIds", ids(truth.modifiedTransactionIds()))
        .set("removedTransactionIds", ids(truth.removedTransactionIds()));
  }

  private static ArrayNode ids(List<String> ids) {
    ArrayNode array = JSON.createArrayNode();
    ids.forEach(array::add);
    return array;
  }

  // ---- faults
  // --------------------------------------------------------------------------------------

  private void addFaults(Context ctx) {
    JsonNode body = body(ctx);
    List<Fault> parsed = new ArrayList<>();
    if (body.isArray()) {
      body.forEach(item -> parsed.add(fault(item)));
    } else {
      parsed.add(fault(body));
    }
    parsed.forEach(sandbox::addFault);
    ctx.status(201).contentType(JSON_TYPE).result(faults(sandbox.faults()).toString());
  }

  private static Fault fault(JsonNode body) {
    String kindText = text(body, "kind", null);
    if (kindText == null) {
      throw new BadRequest("kind is required: " + List.of(Fault.Kind.values()));
    }
    Fault.Kind kind = enumValue(Fault.Kind.class, "kind", kindText);
    Duration latency = durationField(body, "latency");
    JsonNode seed = body.get("seed");
    JsonNode times = body.get("times");
    JsonNode probability = body.get("probability");
    return Fault.builder()
        .kind(kind)
        .endpoint(text(body, "endpoint", null))
        .loginId(text(body, "loginId", null))
        .status(integer(body, "status", kind == Fault.Kind.HTTP_ERROR ? 503 : 0))
        .latency(latency)
        .probability(probability == null || probability.isNull() ? 1.0 : probability.asDouble())
        .seed(seed == null || seed.isNull() ? null : seed.asLong())
        .times(times == null || times.isNull() ? null : times.asInt())
        .build();
  }

  private static ArrayNode faults(List<Fault> faults) {
    ArrayNode out = JSON.createArrayNode();
    for (Fault f : faults) {
      ObjectNode node =
          out.addObject().put("kind", f.kind().name()).put("probability", f.probability());
      if (f.endpoint() != null) {
        node.put("endpoint", f.endpoint());
      }
      if (f.loginId() != null) {
        node.put("loginId", f.loginId());
      }
      if (f.kind() == Fault.Kind.HTTP_ERROR) {
        node.put("status", f.status());
      }
      if (f.latency() != null) {
        node.put("latencyMillis", f.latency().toMillis());
      }
      if (f.seed() != null) {
        node.put("seed", f.seed());
      }
      if (f.times() != null) {
        node.put("times", f.times());
      }
    }
    return out;
  }

  // ---- clock, requests, webhooks
  // -------------------------------------------------------------------

  private ObjectNode clock() {
    return JSON.createObjectNode()
        .put("now", sandbox.clock().instant().toString())
        .put("offsetMillis", sandbox.clock().offset().toMillis());
  }

  /** Credential headers are masked here: this JSON may end up in logs. */
  private static ArrayNode requests(List<RecordedRequest> requests) {
    ArrayNode out = JSON.createArrayNode();
    for (RecordedRequest r : requests) {
      ObjectNode node =
          out.addObject()
              .put("at", r.at().toString())
              .put("method", r.method())
              .put("path", r.path())
              .put("endpoint", r.endpoint());
      ObjectNode headers = node.putObject("headers");
      r.headers().forEach((k, v) -> headers.put(k, isCredential(k) ? "***" : v));
      node.put("body", r.body());
    }
    return out;
  }

  private static boolean isCredential(String header) {
    return header.equals("flinks-auth-key")
        || header.equals("x-api-key")
        || header.equals("authorization");
  }

  private static ArrayNode deliveries(List<WebhookDelivery> deliveries) {
    ArrayNode out = JSON.createArrayNode();
    for (WebhookDelivery d : deliveries) {
      ObjectNode node =
          out.addObject()
              .put("deliveryId", d.deliveryId())
              .put("url", d.url())
              .put("responseType", d.responseType())
              .put("requestId", d.requestId())
              .put("attempt", d.attempt())
              .put("at", d.at().toString())
              .put("status", d.status())
              .put("delivered", d.delivered())
              .put("duplicate", d.duplicate());
      if (d.error() != null) {
        node.put("error", d.error());
      }
    }
    return out;
  }

  private static ObjectNode webhookSettings(WebhookSettings s) {
    ObjectNode node = JSON.createObjectNode();
    ArrayNode urls = node.putArray("urls");
    s.urls().forEach(urls::add);
    return node.put("kycFirst", s.kycFirst())
        .put("deliverTwice", s.deliverTwice())
        .put("maxAttempts", s.maxAttempts())
        .put("retryIntervalSeconds", s.retryInterval().toSeconds());
  }

  private static WebhookSettings webhookSettings(JsonNode body, WebhookSettings current) {
    WebhookSettings s = current;
    JsonNode urls = body.get("urls");
    if (urls != null && urls.isArray()) {
      List<String> list = new ArrayList<>();
      urls.forEach(u -> list.add(u.asText()));
      s = s.withUrls(list);
    } else if (body.hasNonNull("url")) {
      s = s.withUrl(body.get("url").asText());
    }
    if (body.hasNonNull("key")) {
      s = s.withKey(body.get("key").asText());
    }
    s =
        s.withKycFirst(bool(body, "kycFirst", s.kycFirst()))
            .withDeliverTwice(bool(body, "deliverTwice", s.deliverTwice()));
    Duration interval = durationField(body, "retryInterval");
    return s.withRetries(
        integer(body, "maxAttempts", s.maxAttempts()),
        interval != null ? interval : s.retryInterval());
  }
}
