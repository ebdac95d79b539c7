package io.flinks4j.sync.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.dashboard.Dashboard;
import io.flinks4j.sync.idempotency.IdempotencyStore;
import io.flinks4j.sync.storage.StorageException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's one HTTP app (Javalin on virtual threads): bearer authentication on {@code /v1}
 * (throttled per client address), {@code Idempotency-Key} on its writes, JSON errors, body limits,
 * health, readiness, Prometheus metrics, the OpenAPI document and the operators' dashboard, around
 * the routes contributed by {@link ApiRoutes}.
 *
 * <p>Build it with {@link #builder(SyncConfig)}, add route groups, then {@link Builder#start()}.
 * Errors always come back as {@code {"error":{"code","message"}}}; an unexpected exception is
 * logged and answered 500 without detail.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final String TIMER_ATTRIBUTE = "flinks4j.timer";

  /** Client addresses the authentication throttle tracks at most (about 100 bytes each). */
  private static final int THROTTLED_ADDRESSES = 10_000;

  /** Where the OpenAPI document is served, without a key. */
  public static final String OPENAPI_PATH = "/v1/openapi.json";

  private final Javalin app;
  private final List<RouteSpec> routes;
  private final PrometheusMeterRegistry registry;

  private ApiServer(Javalin app, List<RouteSpec> routes, PrometheusMeterRegistry registry) {
    this.app = app;
    this.routes = routes;
    this.registry = registry;
  }

  /** A builder bound to {@code config} (host, port, API keys, body limits). */
  public static Builder builder(SyncConfig config) {
    return new Builder(config);
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return app.port();
  }

  /** {@code http://127.0.0.1:<port>}, for clients on this machine. */
  public URI localUri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** The metrics registry served on {@code /metrics}. */
  public PrometheusMeterRegistry meterRegistry() {
    return registry;
  }

  /** Every route the running app serves, as {@code "METHOD /path"}, read from Javalin's router. */
  public List<String> servedRoutes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(parsed -> parsed.endpoint)
        .filter(endpoint -> endpoint.method.isHttpMethod())
        .map(endpoint -> endpoint.method.name() + " " + endpoint.path)
        .toList();
  }

  List<RouteSpec> routes() {
    return routes;
  }

  @Override
  public void close() {
    app.stop();
  }

  /** True when {@code path} belongs to the authenticated API. */
  static boolean isApiPath(String path) {
    String normalised = normalise(path);
    return normalised.equals("/v1") || normalised.startsWith("/v1/");
  }

  private static String normalise(String path) {
    return path.replaceAll("/{2,}", "/").toLowerCase(Locale.ROOT);
  }

  /**
   * The JSON mapper every route shares: lenient on unknown fields, strict on everything else. A
   * body is one JSON value (trailing tokens refused), an object names each field once, and scalars
   * are never coerced: a number or boolean is not a string, a number or string is not a boolean, a
   * string is not a number.
   */
  static ObjectMapper jsonMapper() {
    ObjectMapper mapper =
        JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
            .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
            .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, true)
            .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false)
            .configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true)
            .build();
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
      mapper
          .coercionConfigFor(number)
          .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
    return mapper;
  }

  /** Assembles and starts an {@link ApiServer}. */
  public static final class Builder {

    private final SyncConfig config;
    private final List<ApiRoutes> groups = new ArrayList<>();
    private final Map<String, BooleanSupplier> readiness = new LinkedHashMap<>();
    private PrometheusMeterRegistry registry;
    private String connectOrigin;
    private IdempotencyStore idempotency;
    private Clock clock = Clock.systemUTC();

    private Builder(SyncConfig config) {
      this.config = Objects.requireNonNull(config);
    }

    /** Adds a group of routes (the read API, the engine's write and webhook routes, ...). */
    public Builder routes(ApiRoutes group) {
      groups.add(group);
      return this;
    }

    /** Adds a named check to {@code /readyz} (e.g. database reachable, scheduler running). */
    public Builder readinessCheck(String name, BooleanSupplier check) {
      readiness.put(name, check);
      return this;
    }

    /**
     * The origin of the Flinks Connect page the dashboard embeds to connect a bank. Default: none.
     */
    public Builder dashboardConnectOrigin(String origin) {
      this.connectOrigin = origin;
      return this;
    }

    /**
     * The registry to serve on {@code /metrics}; share it with the engine's meters. Default: a new
     * one.
     */
    public Builder meterRegistry(PrometheusMeterRegistry registry) {
      this.registry = registry;
      return this;
    }

    /**
     * Where {@code Idempotency-Key}s of {@code /v1} writes are kept; without one the header is not
     * looked at (the service always sets one).
     */
    public Builder idempotency(IdempotencyStore store) {
      this.idempotency = store;
      return this;
    }

    /** The clock of the authentication throttle's windows; default the system's. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** Builds the app and binds {@code FLINKS4J_HOST:FLINKS4J_PORT}. */
    public ApiServer start() {
      PrometheusMeterRegistry meters =
          registry != null ? registry : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      ObjectMapper json = jsonMapper();
      ApiRouter router = new ApiRouter(json, config.maxBodyBytes(), config.maxPayloadBytes());
      HttpSettings http = HttpSettings.from(config.settings());
      BearerAuth auth =
          new BearerAuth(
              config.apiKeys(),
              meters,
              new AuthThrottle(
                  http.authFailureLimit(), http.authFailureWindow(), THROTTLED_ADDRESSES, clock),
              http.trustedProxies());
      if (!auth.hasKeys()) {
        LOG.warn(
            "no API keys configured ({}): every /v1 request will be refused", SyncConfig.API_KEYS);
      }
      Map<String, BooleanSupplier> checks = Map.copyOf(readiness);
      router.get(
          "/healthz",
          Operation.summary("Liveness: the process serves HTTP")
              .response(200, "Alive", Health.class),
          ctx -> ctx.json(new Health("ok")));
      router.get(
          "/readyz",
          Operation.summary("Readiness: database and engine are usable")
              .response(200, "Ready", Readiness.class)
              .response(503, "Not ready", Readiness.class),
          ctx -> ready(ctx, checks));
      router.get(
          "/metrics",
          Operation.summary("Prometheus metrics")
              .textResponse(200, "Prometheus text format", "text/plain"),
          ctx ->
              ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(meters.scrape()));
      // Static files only: the page asks for a key and calls /v1 with it.
      Dashboard dashboard = new Dashboard(Optional.ofNullable(connectOrigin));
      router.get(
          Dashboard.PATH,
          Operation.summary("Operators' dashboard (HTML page, holds no data)")
              .textResponse(200, "The page", "text/html"),
          dashboard::page);
      router.get(
          Dashboard.PATH + "/{asset}",
          Operation.summary("Script and stylesheet of the dashboard")
              .textResponse(200, "The file (text/javascript or text/css)", "text/*"),
          dashboard::asset);
      groups.forEach(group -> group.addTo(router));
      AtomicReference<byte[]> openApi = new AtomicReference<>(); // built once every route is known
      router.get(
          OPENAPI_PATH,
          Operation.summary("This OpenAPI document (served without a key: it is documentation)")
              .response(200, "OpenAPI 3.1 document", JsonNode.class)
              .withoutKey(),
          ctx -> ctx.contentType("application/json").result(openApi.get()));
      List<RouteSpec> routes = router.routes();
      openApi.set(
          OpenApiDocument.build(json, routes, VersionRoutes.version(), idempotency != null));
      IdempotentWrites writes =
          idempotency == null ? null : new IdempotentWrites(idempotency, router);
      Set<String> keyless =
          routes.stream()
              .filter(route -> route.operation().keyless())
              .map(route -> normalise(route.path()))
              .collect(Collectors.toUnmodifiableSet());

      Javalin app =
          Javalin.create(
              javalin -> configure(javalin, json, router, auth, writes, routes, keyless, meters));
      app.start(config.host(), config.port());
      LOG.info("HTTP API listening on {}:{}", config.host(), app.port());
      return new ApiServer(app, routes, meters);
    }

    private void configure(
        JavalinConfig javalin,
        ObjectMapper json,
        ApiRouter router,
        BearerAuth auth,
        IdempotentWrites writes,
        List<RouteSpec> routes,
        Set<String> keyless,
        PrometheusMeterRegistry meters) {
      javalin.startup.showJavalinBanner = false;
      javalin.startup.showOldJavalinVersionWarning = false;
      javalin.concurrency.useVirtualThreads = true;
      javalin.http.maxRequestSize = Math.max(config.maxBodyBytes(), config.maxPayloadBytes());
      javalin.jsonMapper(new JavalinJackson(json, false));
      javalin.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors(json)));
      // Jetty keeps a per-connection cache of header fields and, by default, matches a new value
      // against it
      // case-insensitively: a kept-alive connection that sent the right key once would then have
      // "the same key in
      // upper case" answered with the cached, correct value. No cache: every request's key is its
      // own bytes.
      javalin.jetty.modifyHttpConfiguration(http -> {
        http.setHeaderCacheSize(0);
        http.setHeaderCacheCaseSensitive(true);
      });
      javalin.routes.before(ctx -> {
        ctx.attribute(TIMER_ATTRIBUTE, Timer.start(meters));
        ctx.header("X-Content-Type-Options", "nosniff");
        if (isApiPath(ctx.path())) {
          ctx.header("Cache-Control", "no-store");
          if (!keyless.contains(normalise(ctx.path())) && !router.authenticatedOtherwise(ctx)) {
            ctx.attribute(IdempotentWrites.CALLER, auth.check(ctx));
          }
        }
        long limit = router.bodyLimit(ctx.path());
        if (ctx.contentLength() > limit) {
          throw ApiRouter.tooLarge(limit);
        }
      });
      for (RouteSpec route : routes) {
        Handler handler =
            writes != null && IdempotentWrites.applies(route)
                ? writes.wrap(route.handler())
                : route.handler();
        javalin.routes.addHttpHandler(route.method(), route.path(), scoped(route, handler, auth));
      }
      javalin.routes.after(ctx -> record(ctx, meters));
      if (writes != null) {
        javalin.routes.after(writes::finish);
      }
      javalin.routes.exception(
          ApiException.class, (e, ctx) -> writeError(ctx, e.status(), e.code(), e.getMessage()));
      javalin.routes.exception(
          HttpResponseException.class,
          (e, ctx) ->
              writeError(ctx, e.getStatus(), codeFor(e.getStatus()), messageFor(e.getStatus())));
      javalin.routes.exception(
          StorageException.class,
          (e, ctx) -> {
            LOG.warn(
                "database unavailable on {} {}: {}", ctx.method(), routeOf(ctx), e.getMessage());
            ctx.header("Retry-After", "5");
            writeError(ctx, 503, "unavailable", "storage is temporarily unavailable, retry later");
          });
      javalin.routes.exception(
          Exception.class,
          (e, ctx) -> {
            LOG.error("unexpected error on {} {}", ctx.method(), routeOf(ctx), e);
            writeError(ctx, 500, "internal_error", "internal error");
          });
      for (int status : new int[] {404, 405, 413}) {
        javalin.routes.error(
            status,
            ctx -> {
              if (ctx.resultInputStream() == null) {
                writeError(ctx, status, codeFor(status), messageFor(status));
              }
            });
      }
    }

    /**
     * The route's {@code handler}, behind a check of its own scope when it needs more than its
     * method's default (before an Idempotency-Key is claimed: a refused request remembers nothing).
     */
    private static Handler scoped(RouteSpec route, Handler handler, BearerAuth auth) {
      if (!route.authenticated() || route.scope() == BearerAuth.scopeFor(route.method())) {
        return handler;
      }
      String request = route.method().name() + " " + route.path();
      return ctx -> {
        auth.requireScope(ctx, route.scope(), request);
        handler.handle(ctx);
      };
    }

    private static void ready(Context ctx, Map<String, BooleanSupplier> checks) {
      Map<String, Boolean> results = new LinkedHashMap<>();
      boolean ready = true;
      for (var check : checks.entrySet()) {
        boolean ok;
        try {
          ok = check.getValue().getAsBoolean();
        } catch (RuntimeException e) {
          ok = false;
        }
        results.put(check.getKey(), ok);
        ready &= ok;
      }
      ctx.status(ready ? 200 : 503)
          .json(
              new Readiness(ready ? Readiness.Status.READY : Readiness.Status.NOT_READY, results));
    }
  }

  /** {@code GET /healthz}'s answer. */
  record Health(@ApiDoc("always ok: the process answers") String status) {}

  /** {@code GET /readyz}'s answer: overall and per check. */
  record Readiness(Status status, @ApiDoc("check name -> passed") Map<String, Boolean> checks) {
    enum Status {
      @JsonProperty("ready")
      READY,
      @JsonProperty("not_ready")
      NOT_READY
    }
  }

  private static void writeError(Context ctx, int status, String code, String message) {
    ctx.status(status).json(ErrorResponse.of(code, message));
  }

  private static void record(Context ctx, PrometheusMeterRegistry meters) {
    Timer.Sample sample = ctx.attribute(TIMER_ATTRIBUTE);
    if (sample == null) {
      return;
    }
    sample.stop(
        Timer.builder("http.server.requests")
            .description("HTTP requests served")
            .tag("method", ctx.method().name())
            .tag("uri", routeOf(ctx))
            .tag("status", String.valueOf(ctx.statusCode()))
            .register(meters));
  }

  /**
   * The matched route template (never the raw path, which may carry a loginId), or {@code
   * UNMATCHED}.
   */
  static String routeOf(Context ctx) {
    try {
      var endpoint = ctx.endpoints().lastHttpEndpoint();
      return endpoint != null && endpoint.method.isHttpMethod() ? endpoint.path : "UNMATCHED";
    } catch (RuntimeException e) {
      return "UNMATCHED";
    }
  }

  static String codeFor(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "payload_too_large";
      case 415 -> "unsupported_media_type";
      case 429 -> "too_many_requests";
      case 503 -> "unavailable";
      default -> status >= 500 ? "internal_error" : "http_" + status;
    };
  }

  static String messageFor(int status) {
    return switch (status) {
      case 404 -> "no such resource";
      case 405 -> "method not allowed on this resource";
      case 400 -> "malformed request";
      case 413 -> "request body too large";
      case 431 -> "request headers too large";
      default -> status >= 500 ? "internal error" : "request refused";
    };
  }
}
