package io.flinks4j.sandbox.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinks4j.sandbox.Requirement;
import io.flinks4j.sandbox.connect.ConnectFlow.Action;
import io.flinks4j.sandbox.connect.ConnectFlow.Reply;
import io.flinks4j.sandbox.connect.Screen.Failed;
import io.flinks4j.sandbox.engine.FlinksCode;
import io.flinks4j.sandbox.engine.SandboxEngine;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulated Flinks Connect page at {@code GET /v2/}, so an application's iframe integration
 * (launch URL, postMessage listener, redirect handling, MFA relaunch by requestId) can be exercised
 * without Flinks. A launch spends its single-use authorize token and opens a server-side flow; the
 * page's forms post to {@code /v2/flow/{flowId}/{action}} and the flow drives the same engine as
 * the API, so the loginId it redirects with is accepted by a cached {@code /Authorize} afterwards.
 */
public final class ConnectPage {

  private static final String FLOW_PATH = "/v2/flow/";

  /** Where REDIRECT's {@code url} points when the launch gave no redirectUrl. */
  static final String LANDING_PATH = "/v2/connected";

  private static final Duration FLOW_RETENTION = Duration.ofHours(2);
  private static final int PURGE_EVERY = 256;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SandboxEngine engine;
  private final Requirement authorizeToken;
  private final Map<String, ConnectFlow> flows = new ConcurrentHashMap<>();
  private int launchesSincePurge;

  /**
   * @param authorizeToken whether a launch must carry a token (older Flinks instances do not need
   *     one); a token that is given is always checked and spent
   */
  public ConnectPage(SandboxEngine engine, Requirement authorizeToken) {
    this.engine = Objects.requireNonNull(engine);
    this.authorizeToken = Objects.requireNonNull(authorizeToken);
  }

  /** Adds {@code GET /v2/} and the page's form endpoints under {@code /v2/flow/}. */
  public void register(RoutesConfig routes) {
    routes.get("/v2/", this::launch);
    routes.get(LANDING_PATH, this::landing);
    routes.post(FLOW_PATH + "{flowId}/{action}", this::act);
  }

  /** Forgets every open flow, e.g. when the sandbox is reset. */
  public void reset() {
    flows.clear();
  }

  static String actionPath(String flowId, String action) {
    return FLOW_PATH + flowId + "/" + action;
  }

  // ---- GET /v2/
  // ------------------------------------------------------------------------------------

  private void launch(Context ctx) {
    LaunchParams params = LaunchParams.parse(ctx.queryParamMap());
    Optional<Msg> problem = params.problem();
    if (problem.isPresent()) {
      refuse(ctx, 400, params, FlinksCode.INVALID_REQUEST, problem.get());
      return;
    }
    Optional<Msg> tokenProblem = spendToken(params.authorizeToken());
    if (tokenProblem.isPresent()) {
      refuse(ctx, 401, params, FlinksCode.ACCESS_DENIED, tokenProblem.get());
      return;
    }
    purgeNowAndThen();
    ConnectFlow flow =
        new ConnectFlow(newFlowId(), params, engine, ctx.scheme() + "://" + ctx.host());
    flows.put(flow.id(), flow);
    Reply reply = flow.start();
    page(
        ctx,
        200,
        params,
        Views.screen(reply.screen(), params.lang(), flow.id(), flow.institution()),
        reply,
        params.closeButton() ? flow.id() : null);
  }

  /** The page REDIRECT's url names when no redirectUrl was given: nothing but "connected". */
  private void landing(Context ctx) {
    Lang lang = Lang.of(ctx.queryParam("language"));
    String nonce = nonce();
    secureHeaders(ctx, nonce);
    ctx.contentType("text/html; charset=utf-8")
        .result(
            Views.page(
                lang,
                nonce,
                Views.screen(new Screen.Connected(null), lang, null, null),
                "{\"events\":[]}",
                null));
  }

  /**
   * Checks and consumes the launch's token; a Connect launch is one authentication flow (docs
   * section 7).
   */
  private Optional<Msg> spendToken(String token) {
    if (token == null) {
      return authorizeToken == Requirement.OPTIONAL
          ? Optional.empty()
          : Optional.of(Msg.TOKEN_MISSING);
    }
    return switch (engine.tokens().consume(token)) {
      case ACCEPTED -> Optional.empty();
      case ALREADY_USED -> Optional.of(Msg.TOKEN_USED);
      case EXPIRED -> Optional.of(Msg.TOKEN_EXPIRED);
      case UNKNOWN -> Optional.of(Msg.TOKEN_UNKNOWN);
    };
  }

  private void refuse(Context ctx, int status, LaunchParams params, FlinksCode code, Msg why) {
    List<ConnectEvent> events =
        List.of(
            ConnectEvent.step("APP_MOUNTED", params.tag()),
            ConnectEvent.error(params.requestId(), code, null, params.tag()));
    Failed screen = new Failed(code, why, false);
    page(
        ctx,
        status,
        params,
        Views.screen(screen, params.lang(), null, null),
        new Reply(screen, events, null, false),
        null);
  }

  private void page(
      Context ctx,
      int status,
      LaunchParams params,
      String screenHtml,
      Reply reply,
      String closeFlowId) {
    String nonce = nonce();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("stringify", params.stringify());
    config.put("innerRedirect", params.innerRedirect());
    config.put("tag", params.tag());
    config.put("events", events(reply));
    config.put("redirect", reply.redirectTo());
    secureHeaders(ctx, nonce);
    ctx.status(status)
        .contentType("text/html; charset=utf-8")
        .result(Views.page(params.lang(), nonce, screenHtml, json(config), closeFlowId));
  }

  // ---- POST /v2/flow/{flowId}/{action}
  // -------------------------------------------------------------

  private void act(Context ctx) {
    Action action = action(ctx.pathParam("action"));
    ConnectFlow flow = flows.get(ctx.pathParam("flowId"));
    if (action == null || flow == null) {
      Failed ended = new Failed(FlinksCode.SESSION_NONEXISTENT, Msg.FLOW_ENDED, false);
      Lang lang = flow == null ? Lang.EN : flow.params().lang();
      answer(
          ctx,
          404,
          Views.screen(ended, lang, null, null),
          new Reply(
              ended,
              List.of(ConnectEvent.error(null, FlinksCode.SESSION_NONEXISTENT, null, null)),
              null,
              false));
      return;
    }
    Reply reply = flow.act(action, ctx.formParamMap());
    // 409: the action did not fit the screen (double submit, stale tab); the current screen is sent
    // back.
    answer(
        ctx,
        reply.accepted() ? 200 : 409,
        Views.screen(reply.screen(), flow.params().lang(), flow.id(), flow.institution()),
        reply);
  }

  private void answer(Context ctx, int status, String screenHtml, Reply reply) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("html", screenHtml);
    body.put("events", events(reply));
    body.put("redirect", reply.redirectTo());
    ctx.header("Cache-Control", "no-store");
    ctx.status(status).contentType("application/json; charset=utf-8").result(json(body));
  }

  private static Action action(String name) {
    try {
      return Action.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }

  // ---- helpers
  // -------------------------------------------------------------------------------------

  private static List<Map<String, Object>> events(Reply reply) {
    return reply.events().stream().map(ConnectEvent::fields).toList();
  }

  /**
   * No caching (the page is one launch), no Referer (the launch URL holds the token), and a policy
   * that only runs this page's own nonce'd script and style.
   */
  private static void secureHeaders(Context ctx, String nonce) {
    ctx.header("Cache-Control", "no-store");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header(
        "Content-Security-Policy",
        "default-src 'none'; script-src 'nonce-"
            + nonce
            + "'; style-src 'nonce-"
            + nonce
            + "'; connect-src 'self'; "
            + "img-src data:; "
            + "form-action 'self'; base-uri 'none'");
  }

  private static String nonce() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static String newFlowId() {
    return UUID.randomUUID().toString();
  }

  private void purgeNowAndThen() {
    synchronized (flows) {
      if (++launchesSincePurge < PURGE_EVERY) {
        return;
      }
      launchesSincePurge = 0;
    }
    Instant horizon = engine.clock().instant().minus(FLOW_RETENTION);
    flows.values().removeIf(f -> f.lastSeen().isBefore(horizon));
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
