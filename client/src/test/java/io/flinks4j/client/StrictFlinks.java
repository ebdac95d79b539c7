package io.flinks4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinks4j.client.ScriptedServer.Recorded;
import io.flinks4j.client.ScriptedServer.Reply;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Flinks-compatible server written only from the documentation, independent of our sandbox: it
 * answers with the docs' example bodies verbatim (their own RequestIds, masked ids, {@code Links:
 * []}) and the documented statuses, and records every deviation from the documented request rules
 * (credential headers per endpoint, single-use tokens, request keys, Async only after a 202, GET
 * without a body) as a violation for the test to assert on.
 */
final class StrictFlinks implements AutoCloseable {
  static final String LOGIN_ID =
      "5e115eac-1209-4f19-641c-08d6d484e2fe"; // authorize-request-cached.json
  static final String CACHED_REQUEST_ID =
      "006fd2f3-055b-4ef6-a9fc-c1261cd76ec6"; // authorize-200-cached.json
  static final String MFA_REQUEST_ID =
      "9022abc2-8a2e-4b06-a06e-c3e5449c4d10"; // authorize-203-mfa.json
  static final String LIVE_REQUEST_ID =
      "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"; // authorize-200-live.json (masked)
  static final String PROMPT = "What shape do people like most?";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> AUTHORIZE_KEYS =
      Set.of(
          "loginid",
          "mostrecentcached",
          "username",
          "password",
          "institution",
          "language",
          "save",
          "tag",
          "requestid",
          "securityresponses",
          "withmfaquestions",
          "schedulerefresh");
  private static final Set<String> DETAIL_KEYS =
      Set.of(
          "requestid",
          "withaccountidentity",
          "withkyc",
          "withtransactions",
          "withbalance",
          "accountsfilter",
          "daysoftransactions",
          "withdetailsandstatements",
          "numberofstatements",
          "mostrecentcached",
          "datefrom",
          "dateto",
          "refreshdelta");

  /**
   * One session the server opened: what the Async endpoint answers and whether a 202 allowed
   * polling.
   */
  private static final class Session {
    final String dataFixture;
    volatile boolean authorized;
    volatile boolean pendingSeen;
    volatile int pendingPolls;

    Session(String dataFixture, boolean authorized) {
      this.dataFixture = dataFixture;
      this.authorized = authorized;
    }
  }

  final ScriptedServer server = ScriptedServer.start();
  final FakeTime time = new FakeTime();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final Set<String> minted = ConcurrentHashMap.newKeySet();
  private final Set<String> consumed = ConcurrentHashMap.newKeySet();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final List<FlinksClient> clients = new CopyOnWriteArrayList<>();

  /** Async 202s before the data; the docs show one 202 from GetAccountsDetail, then polling. */
  private final int pendingPolls;

  /**
   * [conflict] x-api-key is required by the authentication page, "a feature to enable" on the
   * endpoint pages.
   */
  private final boolean apiKeyRequired;

  StrictFlinks(int pendingPolls) {
    this(pendingPolls, true);
  }

  StrictFlinks(int pendingPolls, boolean apiKeyRequired) {
    this.pendingPolls = pendingPolls;
    this.apiKeyRequired = apiKeyRequired;
    server.handle("POST", "GenerateAuthorizeToken", this::mint);
    server.handle("POST", "Authorize", this::authorize);
    server.handle("POST", "GetAccountsDetail", this::detail);
    server.handle("GET", "GetAccountsDetailAsync", this::detailAsync);
    server.handle("POST", "GetAccountsSummary", this::summary);
  }

  FlinksClient client() {
    return client(FakeFlinks.API_KEY);
  }

  /** A client for this server; {@code apiKey} null builds one that sends no x-api-key. */
  FlinksClient client(String apiKey) {
    FlinksClient.Builder builder =
        FlinksClient.builder()
            .baseUrl(server.baseUrl())
            .customerId(FakeFlinks.CUSTOMER_ID)
            .secretKey(FakeFlinks.SECRET_KEY)
            .clock(time.clock())
            .sleeper(time);
    FlinksClient client = (apiKey == null ? builder : builder.apiKey(apiKey)).build();
    clients.add(client);
    return client;
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  // ---- endpoints
  // -----------------------------------------------------------------------------------

  private Reply mint(Recorded r) {
    if (r.body().length > 0) {
      violations.add("GenerateAuthorizeToken has no body, got " + r.bodyText());
    }
    if (!FakeFlinks.SECRET_KEY.equals(r.header("flinks-auth-key"))) {
      return ScriptedServer.json(
          401, "{\"HttpStatusCode\":401,\"Message\":\"You must provide a valid auth key\"}");
    }
    String token = UUID.randomUUID().toString();
    minted.add(token);
    return ScriptedServer.json(
        200,
        Fixtures.text("generateauthorizetoken-200.json")
            .replaceAll("\"Token\"\\s*:\\s*\"[^\"]*\"", "\"Token\": \"" + token + "\""));
  }

  private Reply authorize(Recorded r) {
    noSecretKeyOutsideTokenMinting(r);
    if (r.header("x-api-key") != null) {
      violations.add("x-api-key sent to /Authorize");
    }
    String token = r.header("flinks-auth-key");
    if (token == null || !minted.contains(token) || !consumed.add(token)) {
      return error(401, "ACCESS_DENIED", "You must provide a valid authorize token");
    }
    Map<String, JsonNode> body = body(r, AUTHORIZE_KEYS);
    if (body == null) {
      return error(401, "INVALID_REQUEST", "Malformed JSON");
    }
    JsonNode requestId = body.get("requestid");
    JsonNode responses = body.get("securityresponses");
    if (requestId != null && responses != null) {
      return answerMfa(requestId.asText(), responses);
    }
    boolean cached =
        body.containsKey("mostrecentcached") && body.get("mostrecentcached").asBoolean();
    if (body.containsKey("loginid")) {
      if (!LOGIN_ID.equals(body.get("loginid").asText())) {
        return error(401, "INVALID_LOGIN", "The LoginId is invalid");
      }
      if (cached) {
        sessions.put(CACHED_REQUEST_ID, new Session("getaccountsdetailasync-200.json", true));
        return ScriptedServer.json(200, Fixtures.bytes("authorize-200-cached.json"));
      }
      return challenge();
    }
    // Legacy direct login; the docs spell the key `username` in one example and `Username` in
    // another.
    if (body.containsKey("username")
        && body.containsKey("password")
        && body.containsKey("institution")) {
      return challenge();
    }
    return error(401, "INVALID_REQUEST", "Send a LoginId or credentials");
  }

  private Reply challenge() {
    sessions.put(MFA_REQUEST_ID, new Session(null, false));
    return ScriptedServer.json(203, Fixtures.bytes("authorize-203-mfa.json"));
  }

  private Reply answerMfa(String requestId, JsonNode responses) {
    Session session = sessions.get(requestId);
    if (session == null || session.authorized) {
      return error(400, "SESSION_NONEXISTENT", "The RequestId is unknown");
    }
    Set<String> keys = new HashSet<>();
    responses.fieldNames().forEachRemaining(keys::add);
    if (!keys.equals(Set.of(PROMPT))) {
      return error(
          401,
          keys.containsAll(Set.of(PROMPT))
              ? "UNKNOWN_CHALLENGE_KEY"
              : "SECURITYRESPONSES_INCOMPLETE",
          "Answers must be keyed by the exact prompts");
    }
    JsonNode answer = responses.get(PROMPT);
    if (!answer.isArray()) {
      violations.add("SecurityResponses values are arrays of strings, got " + answer);
      return error(401, "INVALID_REQUEST", "SecurityResponses values must be arrays");
    }
    if (!"Triangle".equals(answer.path(0).asText())) {
      return error(401, "INVALID_SECURITY_RESPONSE", "Wrong answer");
    }
    sessions.remove(requestId);
    // The documented 200 after MFA carries Flinks' masked ids; the session lives on under that
    // RequestId.
    sessions.put(LIVE_REQUEST_ID, new Session("getaccountsdetail-200.json", true));
    return ScriptedServer.json(200, Fixtures.bytes("authorize-200-live.json"));
  }

  private Reply detail(Recorded r) {
    Reply refused = dataEndpointRefusal(r);
    if (refused != null) {
      return refused;
    }
    Map<String, JsonNode> body = body(r, DETAIL_KEYS);
    if (body == null || !body.containsKey("requestid")) {
      return error(401, "INVALID_REQUEST", "RequestId is required");
    }
    Session session = sessions.get(body.get("requestid").asText());
    if (session == null) {
      return error(400, "SESSION_NONEXISTENT", "The RequestId is unknown");
    }
    if (!session.authorized) {
      return error(401, "UNAUTHORIZED", "The session is not authorized");
    }
    session.pendingSeen = true;
    session.pendingPolls = pendingPolls;
    return ScriptedServer.json(202, Fixtures.bytes("getaccountsdetail-202.json"));
  }

  private Reply detailAsync(Recorded r) {
    Reply refused = dataEndpointRefusal(r);
    if (refused != null) {
      return refused;
    }
    if (r.body().length > 0) {
      violations.add("GET GetAccountsDetailAsync carries no body, got " + r.bodyText());
    }
    String requestId = r.endpoint().substring("GetAccountsDetailAsync/".length());
    Session session = sessions.get(requestId);
    if (session == null) {
      return error(400, "SESSION_NONEXISTENT", "The RequestId is unknown");
    }
    if (!session.pendingSeen) {
      violations.add("GetAccountsDetailAsync called without a previous 202");
    }
    if (session.pendingPolls > 0) {
      session.pendingPolls--;
      return ScriptedServer.json(202, Fixtures.bytes("async-202.json"));
    }
    return ScriptedServer.json(200, Fixtures.bytes(session.dataFixture));
  }

  private Reply summary(Recorded r) {
    Reply refused = dataEndpointRefusal(r);
    if (refused != null) {
      return refused;
    }
    Map<String, JsonNode> body = body(r, Set.of("requestid"));
    Session session =
        body == null || !body.containsKey("requestid")
            ? null
            : sessions.get(body.get("requestid").asText());
    if (session == null || !session.authorized) {
      return error(400, "SESSION_NONEXISTENT", "The RequestId is unknown");
    }
    return ScriptedServer.json(200, Fixtures.bytes("getaccountssummary-200.json"));
  }

  // ---- rules
  // ---------------------------------------------------------------------------------------

  /** Data endpoints take x-api-key and never flinks-auth-key. */
  private Reply dataEndpointRefusal(Recorded r) {
    noSecretKeyOutsideTokenMinting(r);
    if (r.header("flinks-auth-key") != null) {
      violations.add("flinks-auth-key sent to data endpoint " + r.endpoint());
    }
    String apiKey = r.header("x-api-key");
    if ((apiKeyRequired || apiKey != null) && !FakeFlinks.API_KEY.equals(apiKey)) {
      return error(401, "ACCESS_DENIED", "You must provide a valid x-api-key");
    }
    return null;
  }

  private void noSecretKeyOutsideTokenMinting(Recorded r) {
    r.headers()
        .forEach((name, value) -> {
          if (value.contains(FakeFlinks.SECRET_KEY)) {
            violations.add("secret key sent in header " + name + " to " + r.endpoint());
          }
        });
    if (r.bodyText().contains(FakeFlinks.SECRET_KEY)) {
      violations.add("secret key sent in the body to " + r.endpoint());
    }
  }

  /**
   * The body as lower-cased keys (Flinks matches keys in any case), noting undocumented ones; null
   * if malformed.
   */
  private Map<String, JsonNode> body(Recorded r, Set<String> documented) {
    if (!"application/json".equals(String.valueOf(r.header("content-type")).split(";")[0].trim())) {
      violations.add(r.endpoint() + " sent without Content-Type application/json");
    }
    try {
      JsonNode node = JSON.readTree(r.body());
      if (node == null || !node.isObject()) {
        return null;
      }
      Map<String, JsonNode> fields = new LinkedHashMap<>();
      node.properties().forEach(e -> fields.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
      fields.keySet().stream()
          .filter(k -> !documented.contains(k))
          .forEach(k -> violations.add("undocumented key " + k + " sent to " + r.endpoint()));
      return fields;
    } catch (IOException e) {
      return null;
    }
  }

  static Reply error(int status, String code, String message) {
    return ScriptedServer.json(
        status,
        "{\"HttpStatusCode\":"
            + status
            + ",\"FlinksCode\":\""
            + code
            + "\",\"Message\":\""
            + message
            + "\"}");
  }

  @Override
  public void close() {
    clients.forEach(FlinksClient::close);
    server.close();
  }
}
