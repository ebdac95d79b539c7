package io.flinks4j.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sync service's REST API as a lender's application calls it: JSON over HTTP with a Bearer key.
 * The demo goes through it, rather than through Java calls, so it proves the whole stack.
 */
final class ServiceApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI base;
  private final String bearer;

  ServiceApi(URI base, String apiKey) {
    this.base = base;
    this.bearer = "Bearer " + apiKey;
  }

  /** {@code POST /v1/logins}: registers a login and starts its first retrieval. */
  JsonNode register(String loginId, String tag) {
    return call("POST", "/v1/logins", Map.of("loginId", loginId, "tag", tag), 201);
  }

  /** {@code GET /v1/logins}, every page. */
  List<JsonNode> logins() {
    return pages("/v1/logins?limit=1000");
  }

  /** {@code POST /v1/logins/{loginId}/refresh}. */
  JsonNode refresh(String loginId, boolean live) {
    return call("POST", "/v1/logins/" + encode(loginId) + "/refresh", Map.of("live", live), 202);
  }

  /** {@code POST /v1/logins/{loginId}/mfa}. */
  JsonNode answerMfa(String loginId, Map<String, String> answers) {
    return call("POST", "/v1/logins/" + encode(loginId) + "/mfa", Map.of("answers", answers), 202);
  }

  /** {@code GET /v1/logins/{loginId}/accounts}. */
  List<JsonNode> accounts(String loginId) {
    List<JsonNode> accounts = new ArrayList<>();
    call("GET", "/v1/logins/" + encode(loginId) + "/accounts", null, 200)
        .get("data")
        .forEach(accounts::add);
    return accounts;
  }

  /**
   * How many transactions {@code GET /v1/accounts/{id}/transactions} serves, counted page by page.
   */
  int transactionCount(String accountId) {
    return pages("/v1/accounts/" + encode(accountId) + "/transactions?limit=1000").size();
  }

  private List<JsonNode> pages(String path) {
    List<JsonNode> items = new ArrayList<>();
    String next = path;
    while (next != null) {
      JsonNode page = call("GET", next, null, 200);
      page.get("data").forEach(items::add);
      JsonNode cursor = page.get("nextCursor");
      next =
          cursor == null || cursor.isNull()
              ? null
              : path + (path.contains("?") ? "&" : "?") + "cursor=" + encode(cursor.asText());
    }
    return items;
  }

  private JsonNode call(String method, String path, Object body, int expected) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", bearer)
              .header("Accept", "application/json");
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      }
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != expected) {
        throw new ApiError(
            method
                + " "
                + path.replaceAll("/logins/[^/?]+", "/logins/{id}")
                + " answered HTTP "
                + response.statusCode()
                + ": "
                + errorCode(response.body()),
            response.statusCode());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  // Only the error code and message: bodies of other answers may carry loginIds.
  private static String errorCode(byte[] body) {
    try {
      JsonNode error = JSON.readTree(body).path("error");
      return error.path("code").asText("?") + " " + error.path("message").asText("");
    } catch (IOException e) {
      return "(not JSON)";
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /**
   * The service refused or failed a call; the message has the route, the status and the error code
   * only.
   */
  static final class ApiError extends RuntimeException {
    private final int status;

    ApiError(String message, int status) {
      super(message);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
