package io.flinks4j.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bare java.net.http caller of the sandbox, so tests check the wire format and not a client's
 * model.
 */
final class FlinksHttp {

  static final ObjectMapper JSON = new ObjectMapper();

  private final FlinksSandbox sandbox;
  // One client per caller (i.e. per test), never shared: with one static client a CI run failed a
  // POST with
  // "header parser received no bytes", a pooled connection the server had closed in between (the
  // JDK retries
  // that only for idempotent requests). Connections no longer outlive the test that opened them.
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  FlinksHttp(FlinksSandbox sandbox) {
    this.sandbox = sandbox;
  }

  record Reply(int status, String raw, JsonNode json) {
    String code() {
      return json.path("FlinksCode").asText(null);
    }

    String requestId() {
      return json.path("RequestId").asText(null);
    }
  }

  String url(String endpoint) {
    return sandbox.apiUrl() + "/" + endpoint;
  }

  Reply send(String method, String url, Map<String, String> headers, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    b.header("Content-Type", "application/json").header("Accept", "application/json");
    headers.forEach(b::header);
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body(), parse(r.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The body as JSON, or a missing node when it is empty or not JSON (fault tests read {@code
   * raw}).
   */
  private static JsonNode parse(String body) {
    try {
      return body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
    } catch (IOException notJson) {
      return JSON.missingNode();
    }
  }

  Reply post(String endpoint, Map<String, String> headers, Object body) {
    return send("POST", url(endpoint), headers, body == null ? null : json(body));
  }

  static String json(Object body) {
    try {
      return body instanceof String s ? s : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String token() {
    Reply r = post("GenerateAuthorizeToken", Map.of("flinks-auth-key", sandbox.secretKey()), null);
    if (r.status() != 200) {
      throw new IllegalStateException("token minting failed: " + r.raw());
    }
    return r.json().get("Token").asText();
  }

  Reply authorize(Map<String, Object> body) {
    return post("Authorize", Map.of("flinks-auth-key", token()), body);
  }

  Reply authorizeCached(String loginId) {
    return authorize(Map.of("LoginId", loginId, "MostRecentCached", true));
  }

  Reply detail(Map<String, Object> body) {
    return post("GetAccountsDetail", apiKey(), body);
  }

  Reply detail(String requestId) {
    return detail(Map.of("RequestId", requestId));
  }

  Reply detailAsync(String requestId) {
    return send("GET", url("GetAccountsDetailAsync/" + requestId), apiKey(), null);
  }

  Map<String, String> apiKey() {
    return Map.of("x-api-key", sandbox.apiKey());
  }

  Reply control(String method, String path, String body) {
    return send(method, sandbox.baseUrl() + path, Map.of(), body);
  }

  /** A cached session whose data is ready: authorize, then jump past the processing delay. */
  String readySession(String loginId) {
    String requestId = authorizeCached(loginId).requestId();
    sandbox.advanceClock(Duration.ofMinutes(1));
    return requestId;
  }

  static Map<String, Object> body(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
