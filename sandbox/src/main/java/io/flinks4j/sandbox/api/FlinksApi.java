package io.flinks4j.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinks4j.sandbox.RecordedRequest;
import io.flinks4j.sandbox.Requirement;
import io.flinks4j.sandbox.api.Responses.DataBody;
import io.flinks4j.sandbox.data.DetailOptions;
import io.flinks4j.sandbox.engine.AuthorizeOutcome;
import io.flinks4j.sandbox.engine.AuthorizeTokens;
import io.flinks4j.sandbox.engine.DataState;
import io.flinks4j.sandbox.engine.FlinksCode;
import io.flinks4j.sandbox.engine.Login;
import io.flinks4j.sandbox.engine.SandboxEngine;
import io.flinks4j.sandbox.engine.Session;
import io.flinks4j.sandbox.engine.SessionLookup;
import io.flinks4j.sandbox.fault.Fault;
import io.flinks4j.sandbox.fault.Faults;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.HttpOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flinks API under {@code /v3/{customerId}/BankingServices/}: checks credentials as documented,
 * parses requests leniently (keys in any case), drives the {@link SandboxEngine} and answers with
 * bodies whose {@code HttpStatusCode} equals the HTTP status.
 */
public final class FlinksApi {

  private static final Logger LOG = LoggerFactory.getLogger(FlinksApi.class);

  /** Flinks request bodies are small; anything bigger is refused before it is read. */
  public static final long MAX_BODY_BYTES = 1_000_000;

  static final String BASE = "/v3/{customerId}/BankingServices/";
  private static final String JSON_TYPE = "application/json; charset=utf-8";
  private static final byte[] NO_BYTES = new byte[0];
  private static final Pattern DAYS = Pattern.compile("(?i)days(\\d{1,4})");

  private final SandboxEngine engine;
  private final ApiSettings settings;
  private final Faults faults;
  private final RequestJournal journal;
  private final FaultResponder faultResponder = new FaultResponder();

  public FlinksApi(
      SandboxEngine engine, ApiSettings settings, Faults faults, RequestJournal journal) {
    this.engine = engine;
    this.settings = settings;
    this.faults = faults;
    this.journal = journal;
  }

  public void register(RoutesConfig routes) {
    routes.post(
        BASE + "GenerateAuthorizeToken",
        ctx -> handle(ctx, "GenerateAuthorizeToken", this::generateToken));
    routes.post(BASE + "Authorize", ctx -> handle(ctx, "Authorize", this::authorize));
    routes.post(
        BASE + "GetAccountsDetail", ctx -> handle(ctx, "GetAccountsDetail", c -> detail(c, false)));
    routes.get(
        BASE + "GetAccountsDetailAsync/{requestId}",
        ctx -> handle(ctx, "GetAccountsDetailAsync", c -> detail(c, true)));
    routes.post(
        BASE + "GetAccountsDetailAsync/{requestId}",
        ctx -> handle(ctx, "GetAccountsDetailAsync", c -> detail(c, true)));
    routes.post(
        BASE + "GetAccountsSummary",
        ctx -> handle(ctx, "GetAccountsSummary", c -> summary(c, false)));
    routes.get(
        BASE + "GetAccountsSummaryAsync/{requestId}",
        ctx -> handle(ctx, "GetAccountsSummaryAsync", c -> summary(c, true)));
    routes.post(
        BASE + "GetAccountsSummaryAsync/{requestId}",
        ctx -> handle(ctx, "GetAccountsSummaryAsync", c -> summary(c, true)));
    routes.delete(
        BASE + "DeleteCard/{loginId}", ctx -> handle(ctx, "DeleteCard", this::deleteCard));
    routes.post(BASE + "GetStatements", ctx -> handle(ctx, "GetStatements", this::statements));
    routes.get(
        BASE + "GetMFAQuestions/{loginId}",
        ctx -> handle(ctx, "GetMFAQuestions", this::mfaQuestions));
    routes.patch(
        BASE + "AnswerMFAQuestions",
        ctx -> handle(ctx, "AnswerMFAQuestions", this::answerMfaQuestions));
    routes.post(BASE + "AuthorizeAsync", ctx -> handle(ctx, "AuthorizeAsync", this::notEnabled));
    routes.post(
        BASE + "AuthorizeMultiple", ctx -> handle(ctx, "AuthorizeMultiple", this::notEnabled));
    // Unknown endpoints under the Flinks paths still get a body whose HttpStatusCode matches.
    routes.error(
        404,
        ctx -> {
          if (ctx.path().startsWith("/v3/")) {
            new JavalinExchange(ctx)
                .respond(
                    404,
                    Responses.message(
                        404, "No such endpoint: " + ctx.method().name() + " " + ctx.path()));
          }
        });
  }

  // ---- pipeline
  // ------------------------------------------------------------------------------------

  /** One request being answered: the exchange it came on and its parsed body. */
  private static final class Call {
    final Exchange exchange;
    final String endpoint;
    RequestBody body;

    Call(Exchange exchange, String endpoint) {
      this.exchange = exchange;
      this.endpoint = endpoint;
    }
  }

  @FunctionalInterface
  private interface Step {
    void run(Call call);
  }

  /** Thrown to stop a handler with an answer already chosen. */
  private static final class Answer extends RuntimeException {
    final int status;
    final byte[] body;

    Answer(FlinksCode code, String message, Session session) {
      super(null, null, false, false);
      this.status = code.httpStatus();
      this.body = Responses.error(code, message, session);
    }
  }

  private void handle(Context ctx, String endpoint, Step step) {
    byte[] raw;
    try {
      raw = ctx.bodyAsBytes();
    } catch (HttpResponseException unreadable) {
      // Javalin refuses bodies over the limit (413); answer with a body whose HttpStatusCode
      // agrees.
      int status = unreadable.getStatus();
      new JavalinExchange(ctx)
          .respond(
              status,
              Responses.message(
                  status,
                  status == 413
                      ? "The request body is larger than " + MAX_BODY_BYTES + " bytes"
                      : "The request body could not be read"));
      return;
    }
    process(new JavalinExchange(ctx), endpoint, raw, step);
  }

  /**
   * The pipeline every request runs, whichever server layer carried it: recorded, customerId
   * checked, body parsed, faults applied, then the endpoint's step; failures become Flinks bodies.
   */
  private void process(Exchange exchange, String endpoint, byte[] raw, Step step) {
    if (journal.enabled()) {
      journal.record(
          new RecordedRequest(
              engine.clock().instant(),
              exchange.method(),
              exchange.path(),
              endpoint,
              exchange.headers(),
              new String(raw, StandardCharsets.UTF_8)));
    }
    Call call = new Call(exchange, endpoint);
    try {
      if (!settings.customerId().equalsIgnoreCase(exchange.pathParam("customerId"))) {
        throw new Answer(FlinksCode.ACCESS_DENIED, "Unknown customerId", null);
      }
      call.body =
          RequestBody.parse(raw)
              .orElseThrow(
                  () -> new Answer(FlinksCode.INVALID_REQUEST, "Malformed JSON body", null));
      if (injectFault(call)) {
        return;
      }
      step.run(call);
    } catch (Answer answer) {
      exchange.respond(answer.status, answer.body);
    } catch (RequestBody.InvalidField invalid) {
      exchange.respond(
          FlinksCode.INVALID_REQUEST.httpStatus(),
          Responses.error(FlinksCode.INVALID_REQUEST, invalid.getMessage(), null));
    } catch (RuntimeException bug) {
      // A sandbox defect must still look like Flinks to the client: a 500 AGGREGATION_ERROR
      // envelope.
      LOG.error("{} failed unexpectedly", endpoint, bug);
      exchange.respond(500, Responses.error(FlinksCode.AGGREGATION_ERROR, null));
    }
  }

  /**
   * Serves {@code GET GetAccountsDetailAsync/{requestId}} or {@code GetAccountsSummaryAsync}, the
   * endpoints polled thousands of times a second, through the same pipeline as every other request
   * but without Javalin's router and servlet layer (see {@link AsyncPolls}).
   */
  void poll(Exchange exchange, boolean detail) {
    if (detail) {
      process(exchange, "GetAccountsDetailAsync", NO_BYTES, c -> detail(c, true));
    } else {
      process(exchange, "GetAccountsSummaryAsync", NO_BYTES, c -> summary(c, true));
    }
  }

  /**
   * Faults need Javalin's exchange (a reset drops its connection): requests with faults go there.
   */
  boolean faultsActive() {
    return !faults.isEmpty();
  }

  static Map<String, String> headers(Context ctx) {
    Map<String, String> headers = new LinkedHashMap<>();
    var names = ctx.req().getHeaderNames();
    while (names.hasMoreElements()) {
      String name = names.nextElement();
      headers.put(name.toLowerCase(Locale.ROOT), ctx.req().getHeader(name));
    }
    return Map.copyOf(headers);
  }

  private boolean injectFault(Call call) {
    if (faults.isEmpty() || !(call.exchange instanceof JavalinExchange javalin)) {
      // Most requests meet no fault; the login they are about is then not worth looking up. The
      // shortcut for polls is taken only while no fault is set (a poll that raced the first one
      // added goes without, as if it had come a moment earlier).
      return false;
    }
    Faults.Decision decision = faults.decide(call.endpoint, loginOf(call));
    if (decision.none()) {
      return false;
    }
    if (!decision.latency().isZero()) {
      try {
        Thread.sleep(decision.latency());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Fault failure = decision.failure();
    if (failure == null) {
      return false;
    }
    faultResponder.respond(javalin.ctx(), failure);
    return true;
  }

  /** The login a request is about, for login-scoped faults; null when it cannot be told cheaply. */
  private String loginOf(Call call) {
    String loginId = call.exchange.pathParam("loginId");
    if (loginId != null) {
      return loginId;
    }
    try {
      String fromBody = call.body.string("LoginId");
      if (fromBody != null) {
        return fromBody;
      }
      String requestId = call.exchange.pathParam("requestId");
      if (requestId == null) {
        requestId = call.body.string("RequestId");
      }
      if (engine.session(requestId) instanceof SessionLookup.Alive(Session s)) {
        return s.login().id();
      }
    } catch (RequestBody.InvalidField ignored) {
      return null;
    }
    return null;
  }

  /**
   * Writes the body straight to the servlet stream with a Content-Length: cheaper than a result
   * stream copied in chunks, which matters for 100 KB payloads polled thousands of times a second.
   * Jetty writes the shared direct buffer of the accounts array to the socket as it is.
   */
  static void respond(Context ctx, int status, DataBody body) {
    ctx.status(status).contentType(JSON_TYPE);
    HttpServletResponse response = ctx.res();
    response.setContentLength(body.length());
    try {
      ServletOutputStream out = response.getOutputStream();
      if (out instanceof HttpOutput jetty) {
        jetty.write(ByteBuffer.wrap(body.head()));
        jetty.write(body.accounts());
        jetty.write(ByteBuffer.wrap(body.tail()));
      } else {
        out.write(body.head());
        out.write(Responses.bytes(body.accounts()));
        out.write(body.tail());
      }
    } catch (IOException clientGone) {
      // The client hung up; there is nobody left to answer.
    }
  }

  // ---- credentials
  // ---------------------------------------------------------------------------------

  private void requireApiKey(Call call) {
    String key = call.exchange.header("x-api-key");
    if (key == null && settings.apiKeyRequirement() == Requirement.OPTIONAL) {
      return;
    }
    if (key == null || !key.trim().equalsIgnoreCase(settings.apiKey())) {
      throw new Answer(FlinksCode.ACCESS_DENIED, "You must provide a valid x-api-key", null);
    }
  }

  private String consumeAuthorizeToken(Call call) {
    String token = call.exchange.header("flinks-auth-key");
    if (token == null && settings.authorizeToken() == Requirement.OPTIONAL) {
      return null;
    }
    AuthorizeTokens.Check check = engine.tokens().consume(token);
    if (check != AuthorizeTokens.Check.ACCEPTED) {
      String why =
          switch (check) {
            case EXPIRED -> "You must provide a valid authorize token (this one has expired)";
            case ALREADY_USED ->
                "You must provide a valid authorize token (this one was already used)";
            default -> "You must provide a valid authorize token";
          };
      throw new Answer(FlinksCode.ACCESS_DENIED, why, null);
    }
    return token;
  }

  // ---- endpoints
  // -----------------------------------------------------------------------------------

  private void generateToken(Call call) {
    String key = call.exchange.header("flinks-auth-key");
    if (key == null || !key.trim().equalsIgnoreCase(settings.secretKey())) {
      throw new Answer(FlinksCode.ACCESS_DENIED, "You must provide a valid auth key", null);
    }
    call.exchange.respond(200, Responses.token(engine.tokens().mint()));
  }

  private void authorize(Call call) {
    RequestBody body = call.body;
    String requestId = body.string("RequestId");
    JsonNode responses = body.node("SecurityResponses");
    String tag = body.string("Tag");
    AuthorizeOutcome outcome;
    if (requestId != null && responses != null) {
      Map<String, List<String>> answers = securityResponses(responses);
      String token = call.exchange.header("flinks-auth-key");
      // [old] The MFA answer may present the session's own token again; a fresh one is consumed.
      if (token == null
          || !engine.sessionOpenedWith(requestId, token.trim().toLowerCase(Locale.ROOT))) {
        consumeAuthorizeToken(call);
      }
      outcome = engine.answerMfa(requestId, answers);
    } else if (body.has("LoginId")) {
      String token = consumeAuthorizeToken(call);
      outcome =
          engine.authorizeLogin(
              body.string("LoginId"), body.bool("MostRecentCached", false), tag, lower(token));
    } else if (body.has("Username")) {
      String token = consumeAuthorizeToken(call);
      outcome =
          engine.authorizeCredentials(
              body.string("Institution"),
              body.string("Username"),
              body.string("Password"),
              body.string("Language"),
              tag,
              lower(token));
    } else {
      throw new Answer(
          FlinksCode.INVALID_REQUEST,
          "Send a LoginId, institution credentials, or a RequestId with SecurityResponses",
          null);
    }
    switch (outcome) {
      case AuthorizeOutcome.Authorized(Session s) ->
          call.exchange.respond(200, Responses.authorized(s));
      case AuthorizeOutcome.MfaRequired(Session s, var challenges) ->
          call.exchange.respond(203, Responses.mfaRequired(s, challenges));
      case AuthorizeOutcome.Refused(FlinksCode code, Session s) ->
          call.exchange.respond(code.httpStatus(), Responses.error(code, s));
    }
  }

  private static String lower(String token) {
    return token == null ? null : token.trim().toLowerCase(Locale.ROOT);
  }

  private static Map<String, List<String>> securityResponses(JsonNode node) {
    if (!node.isObject()) {
      throw new Answer(
          FlinksCode.INVALID_REQUEST,
          "SecurityResponses must be an object of prompt to [answers]",
          null);
    }
    Map<String, List<String>> answers = new LinkedHashMap<>();
    for (var e : node.properties()) {
      if (!e.getValue().isArray()) {
        throw new Answer(
            FlinksCode.INVALID_REQUEST,
            "Each SecurityResponses value must be an array of strings",
            null);
      }
      List<String> values = new ArrayList<>();
      e.getValue().forEach(v -> values.add(v.asText()));
      answers.put(e.getKey(), values);
    }
    return answers;
  }

  private Session authorizedSession(String requestId) {
    if (requestId == null) {
      throw new Answer(FlinksCode.INVALID_REQUEST, "RequestId is required", null);
    }
    return switch (engine.session(requestId)) {
      case SessionLookup.Nonexistent n ->
          throw new Answer(FlinksCode.SESSION_NONEXISTENT, null, null);
      case SessionLookup.Expired e -> throw new Answer(FlinksCode.SESSION_EXPIRED, null, null);
      case SessionLookup.Alive(Session s) -> {
        if (s.state() != Session.State.AUTHORIZED) {
          throw new Answer(FlinksCode.UNAUTHORIZED, "The session is waiting for MFA answers", s);
        }
        yield s;
      }
    };
  }

  private void detail(Call call, boolean async) {
    requireApiKey(call);
    String requestId = async ? call.exchange.pathParam("requestId") : call.body.string("RequestId");
    DetailOptions options = async ? null : detailOptions(call.body);
    Session session = authorizedSession(requestId);
    DataState state = engine.dataCall(session, options);
    DetailOptions effective = session.detailOptions();
    answerData(
        call,
        session,
        state,
        s -> {
          Login login = s.login();
          String first = login.portfolio(s.dataVersion()).accounts().getFirst().id();
          return Responses.data(
              202,
              FlinksCode.OPERATION_DISPATCHED,
              login.accountsDetailJson(s.dataVersion(), effective.onlyAccounts(Set.of(first))),
              s,
              null);
        },
        s ->
            Responses.dataBody(
                200, null, s.login().accountsDetailJson(s.dataVersion(), effective), s, null));
  }

  /**
   * The answer of every data endpoint to where the aggregation stands: 202 OPERATION_PENDING while
   * processing, the endpoint's own 202 body once dispatched, the failure's envelope, or the
   * endpoint's 200 body once ready. Only the dispatched and ready bodies differ between endpoints.
   */
  private static void answerData(
      Call call,
      Session session,
      DataState state,
      Function<Session, byte[]> dispatched,
      Function<Session, DataBody> ready) {
    switch (state) {
      case DataState.Pending p ->
          call.exchange.respond(202, Responses.error(FlinksCode.OPERATION_PENDING, session));
      case DataState.Dispatched d -> call.exchange.respond(202, dispatched.apply(session));
      case DataState.Failed(FlinksCode code) ->
          call.exchange.respond(code.httpStatus(), Responses.error(code, session));
      case DataState.Ready r -> call.exchange.respond(200, ready.apply(session));
    }
  }

  /** The dispatched body of the endpoints that send no partial data with it. */
  private static byte[] dispatchedWithoutData(Session session) {
    return Responses.error(FlinksCode.OPERATION_DISPATCHED, session);
  }

  private static DetailOptions detailOptions(RequestBody body) {
    int days = 90;
    String daysText = body.string("DaysOfTransactions");
    if (daysText != null) {
      Matcher m = DAYS.matcher(daysText.trim());
      if (!m.matches() || Integer.parseInt(m.group(1)) < 1) {
        throw new Answer(
            FlinksCode.INVALID_REQUEST, "DaysOfTransactions must be Days90 or Days365", null);
      }
      days = Integer.parseInt(m.group(1));
    }
    Set<String> filter = null;
    JsonNode accounts = body.node("AccountsFilter");
    if (accounts != null) {
      filter = new HashSet<>();
      if (accounts.isArray()) {
        for (JsonNode id : accounts) {
          filter.add(id.asText().trim().toLowerCase(Locale.ROOT));
        }
      } else if (accounts.isTextual()) {
        filter.add(accounts.asText().trim().toLowerCase(Locale.ROOT));
      } else {
        throw new Answer(
            FlinksCode.INVALID_REQUEST, "AccountsFilter must be an array of AccountIds", null);
      }
    }
    return DetailOptions.builder()
        .withTransactions(body.bool("WithTransactions", true))
        .withAccountIdentity(body.bool("WithAccountIdentity", true))
        .withKyc(body.bool("WithKYC", true))
        .withBalance(body.bool("WithBalance", true))
        .days(days)
        .accountsFilter(filter)
        .dateFrom(date(body, "DateFrom"))
        .dateTo(date(body, "DateTo"))
        .refreshDelta(refreshDelta(body.node("RefreshDelta")))
        .build();
  }

  /** {@code [{AccountId, TransactionId}]} as a lower-case map; absent means no delta. */
  private static Map<String, String> refreshDelta(JsonNode node) {
    if (node == null) {
      return Map.of();
    }
    if (!node.isArray()) {
      throw new Answer(
          FlinksCode.INVALID_REQUEST,
          "RefreshDelta must be an array of {AccountId, TransactionId}",
          null);
    }
    Map<String, String> delta = new LinkedHashMap<>();
    for (JsonNode item : node) {
      RequestBody entry =
          RequestBody.parse(item.toString().getBytes(StandardCharsets.UTF_8))
              .orElseThrow(() ->
                  new Answer(
                      FlinksCode.INVALID_REQUEST, "RefreshDelta entries must be objects", null));
      String account = entry.string("AccountId");
      String transaction = entry.string("TransactionId");
      if (account == null || transaction == null) {
        throw new Answer(
            FlinksCode.INVALID_REQUEST,
            "Each RefreshDelta entry needs AccountId and TransactionId",
            null);
      }
      delta.put(account.trim().toLowerCase(Locale.ROOT), transaction.trim());
    }
    return delta;
  }

  private static LocalDate date(RequestBody body, String key) {
    String text = body.string(key);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.length() >= 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      throw new Answer(FlinksCode.INVALID_REQUEST, key + " must be a date (yyyy-MM-dd)", null);
    }
  }

  private void summary(Call call, boolean async) {
    requireApiKey(call);
    String requestId = async ? call.exchange.pathParam("requestId") : call.body.string("RequestId");
    Session session = authorizedSession(requestId);
    answerData(
        call,
        session,
        engine.dataCall(session, null),
        FlinksApi::dispatchedWithoutData,
        s ->
            Responses.dataBody(200, null, s.login().accountsSummaryJson(s.dataVersion()), s, null));
  }

  private void deleteCard(Call call) {
    requireApiKey(call);
    var refusal = engine.deleteLogin(call.exchange.pathParam("loginId"));
    if (refusal.isPresent()) {
      throw new Answer(refusal.get(), null, null);
    }
    call.exchange.respond(200, Responses.message(200, "The card and its data were deleted"));
  }

  private void statements(Call call) {
    requireApiKey(call);
    Session session = authorizedSession(call.body.string("RequestId"));
    String number = call.body.string("NumberOfStatements");
    int count =
        number == null
            ? 1
            : switch (number.toLowerCase(Locale.ROOT)) {
              case "mostrecent" -> 1;
              case "months3" -> 3;
              case "months12" -> 12;
              default ->
                  throw new Answer(
                      FlinksCode.INVALID_REQUEST,
                      "NumberOfStatements must be MostRecent, Months3 or Months12",
                      null);
            };
    DetailOptions filter = detailOptions(call.body);
    answerData(
        call,
        session,
        engine.dataCall(session, null),
        FlinksApi::dispatchedWithoutData,
        s -> DataBody.whole(Statements.body(s, count, filter.accountsFilter())));
  }

  private void mfaQuestions(Call call) {
    requireApiKey(call);
    Login login =
        engine
            .login(call.exchange.pathParam("loginId"))
            .orElseThrow(() -> new Answer(FlinksCode.INVALID_LOGIN, null, null));
    call.exchange.respond(200, Responses.mfaQuestions(login));
  }

  private void answerMfaQuestions(Call call) {
    requireApiKey(call);
    Login login =
        engine
            .login(call.body.string("LoginId"))
            .orElseThrow(() -> new Answer(FlinksCode.INVALID_LOGIN, null, null));
    JsonNode questions = call.body.node("Questions");
    if (questions == null || !questions.isArray()) {
      throw new Answer(
          FlinksCode.INVALID_REQUEST, "Questions must be an array of {Question, Answer}", null);
    }
    Map<String, String> answers = new LinkedHashMap<>();
    for (JsonNode q : questions) {
      RequestBody item =
          RequestBody.parse(q.toString().getBytes(StandardCharsets.UTF_8))
              .orElseThrow(() ->
                  new Answer(
                      FlinksCode.INVALID_REQUEST, "Questions entries must be objects", null));
      String question = item.string("Question");
      String answer = item.string("Answer");
      if (question == null || answer == null) {
        throw new Answer(
            FlinksCode.INVALID_REQUEST, "Each question needs Question and Answer", null);
      }
      answers.put(question, answer);
    }
    login.saveAnswers(answers);
    call.exchange.respond(200, Responses.message(0, "Answers updated"));
  }

  private void notEnabled(Call call) {
    throw new Answer(
        FlinksCode.METHOD_NOT_AVAILABLE, "This method is not enabled on this instance", null);
  }
}
