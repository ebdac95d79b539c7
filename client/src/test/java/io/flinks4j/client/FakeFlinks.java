package io.flinks4j.client;

import io.flinks4j.client.ScriptedServer.Recorded;
import io.flinks4j.client.ScriptedServer.Reply;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Flinks' token rules on top of a {@link ScriptedServer}: mints unique single-use tokens for the
 * right secret key, refuses a token on {@code /Authorize} that was never minted or already used,
 * then answers with scripted replies.
 */
final class FakeFlinks implements AutoCloseable {
  static final String CUSTOMER_ID = "43387ca6-0391-4c82-857d-70d95f087ecb";
  static final String SECRET_KEY = "c4569c54-e167-4d34-8de6-f4113bc82414";
  static final String API_KEY = "3d5266a8-b697-48d4-8de6-52e2e2662acc";
  static final String LOGIN_ID = "5e115eac-1209-4f19-641c-08d6d484e2fe";
  static final String REQUEST_ID = "22178382-31ee-485c-a750-c20929b6a344";

  final ScriptedServer server = ScriptedServer.start();
  final FakeTime time = new FakeTime();
  private final Set<String> minted = ConcurrentHashMap.newKeySet();
  private final Set<String> consumed = ConcurrentHashMap.newKeySet();
  private final Deque<Reply> authorizeReplies = new ArrayDeque<>();
  private final List<FlinksClient> clients = new java.util.concurrent.CopyOnWriteArrayList<>();

  FakeFlinks() {
    server.handle("POST", "GenerateAuthorizeToken", this::mint);
    server.handle("POST", "Authorize", this::authorize);
  }

  /**
   * Replies for successive {@code /Authorize} calls that carry a valid token; the last one repeats.
   */
  FakeFlinks authorizeReplies(Reply... replies) {
    synchronized (authorizeReplies) {
      authorizeReplies.clear();
      authorizeReplies.addAll(List.of(replies));
    }
    return this;
  }

  /** A cached-authorize 200 for {@link #REQUEST_ID}. */
  static Reply authorized() {
    return ScriptedServer.json(
        200,
        Fixtures.text("authorize-200-cached.json")
            .replace("006fd2f3-055b-4ef6-a9fc-c1261cd76ec6", REQUEST_ID));
  }

  /** A 203 for {@link #REQUEST_ID} asking the given prompts. */
  static Reply mfa(String... prompts) {
    StringBuilder challenges = new StringBuilder();
    for (String prompt : prompts) {
      challenges
          .append(challenges.isEmpty() ? "" : ",")
          .append("{\"Type\":\"QuestionAndAnswer\",\"Prompt\":\"")
          .append(prompt)
          .append("\"}");
    }
    return ScriptedServer.json(
        203,
        "{\"Links\":[{\"rel\":\"Authorization\",\"href\":\"/Authorize\",\"example\":null}],"
            + "\"HttpStatusCode\":203,\"SecurityChallenges\":["
            + challenges
            + "],\"Institution\":\"FlinksCapital\","
            + "\"RequestId\":\""
            + REQUEST_ID
            + "\"}");
  }

  static Reply pending() {
    return ScriptedServer.json(
        202,
        "{\"FlinksCode\":\"OPERATION_PENDING\",\"Links\":[],\"HttpStatusCode\":202,"
            + "\"Message\":\"Your operation is still processing\",\"RequestId\":\""
            + REQUEST_ID
            + "\"}");
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
            + "\",\"RequestId\":\""
            + REQUEST_ID
            + "\"}");
  }

  static Reply detail() {
    return ScriptedServer.json(200, Fixtures.bytes("getaccountsdetail-200.json"));
  }

  FlinksClient.Builder clientBuilder() {
    return FlinksClient.builder()
        .baseUrl(server.baseUrl())
        .customerId(CUSTOMER_ID)
        .secretKey(SECRET_KEY)
        .apiKey(API_KEY)
        .clock(time.clock())
        .sleeper(time)
        .random(new java.util.SplittableRandom(42));
  }

  /** A client for this server, closed with it. */
  FlinksClient client() {
    return track(clientBuilder().build());
  }

  /** Closes {@code client} together with this server. */
  FlinksClient track(FlinksClient client) {
    clients.add(client);
    return client;
  }

  /** Tokens that {@code /Authorize} received, in order. */
  List<String> authorizeTokens() {
    return server.requests("Authorize").stream().map(r -> r.header("flinks-auth-key")).toList();
  }

  boolean wasMinted(String token) {
    return minted.contains(token);
  }

  Reply mint(Recorded request) {
    if (!SECRET_KEY.equals(request.header("flinks-auth-key"))) {
      return ScriptedServer.json(
          401, "{\"HttpStatusCode\":401,\"Message\":\"You must provide a valid auth key\"}");
    }
    String token = UUID.randomUUID().toString();
    minted.add(token);
    return ScriptedServer.json(200, "{\"HttpStatusCode\":200,\"Token\":\"" + token + "\"}");
  }

  private Reply authorize(Recorded request) {
    String token = request.header("flinks-auth-key");
    if (token == null || !minted.contains(token) || !consumed.add(token)) {
      return error(401, "ACCESS_DENIED", "You must provide a valid authorize token");
    }
    synchronized (authorizeReplies) {
      return authorizeReplies.size() > 1 ? authorizeReplies.poll() : authorizeReplies.peek();
    }
  }

  @Override
  public void close() {
    clients.forEach(FlinksClient::close);
    server.close();
  }
}
