package io.flinks4j.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sync service's {@code /v1} as the harness uses it, spread over the instances in turn. A call
 * that finds its instance dead moves on to the next one: reads and registrations on any failure
 * (both are idempotent), a refresh only when the connection was refused (nothing was sent, so it
 * cannot have started a retrieval).
 */
final class ServiceApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final Duration GIVE_UP = Duration.ofMinutes(2);

  private final HttpClient http;
  private final List<URI> instances;
  private final String apiKey;
  private final AtomicInteger next = new AtomicInteger();

  ServiceApi(HttpClient http, List<URI> instances, String apiKey) {
    this.http = http;
    this.instances = List.copyOf(instances);
    this.apiKey = apiKey;
  }

  /** {@code POST /v1/logins}: 201 registered (first retrieval started) or 200 already known. */
  int register(String loginId) {
    return send("POST", "/v1/logins", "{\"loginId\":" + JSON.valueToTree(loginId) + "}", true)
        .statusCode();
  }

  /**
   * {@code POST /v1/logins/{loginId}/refresh {"live":true}}: 202 started, 409 a retrieval in
   * progress.
   */
  int refreshLive(String loginId) {
    return send("POST", "/v1/logins/" + encode(loginId) + "/refresh", "{\"live\":true}", false)
        .statusCode();
  }

  /** Every login of {@code GET /v1/logins} (all pages), by loginId, as the JSON the API shows. */
  Map<String, JsonNode> logins() {
    Map<String, JsonNode> logins = new LinkedHashMap<>();
    pages("/v1/logins?limit=1000")
        .forEach(login -> logins.put(login.path("loginId").asText(), login));
    return logins;
  }

  /** {@code GET /v1/logins/{loginId}}; empty when the service does not know the login (404). */
  Optional<JsonNode> login(String loginId) {
    return get("/v1/logins/" + encode(loginId));
  }

  /** {@code GET /v1/logins/{loginId}/accounts}. */
  List<JsonNode> accounts(String loginId) {
    List<JsonNode> accounts = new ArrayList<>();
    read("/v1/logins/" + encode(loginId) + "/accounts").path("data").forEach(accounts::add);
    return accounts;
  }

  /** Every transaction of {@code GET /v1/accounts/{accountId}/transactions}, all pages. */
  List<JsonNode> transactions(String accountId) {
    return pages("/v1/accounts/" + encode(accountId) + "/transactions?limit=1000");
  }

  private List<JsonNode> pages(String first) {
    List<JsonNode> items = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = read(cursor == null ? first : first + "&cursor=" + encode(cursor));
      page.path("data").forEach(items::add);
      cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
    } while (cursor != null);
    return items;
  }

  private JsonNode read(String path) {
    return get(path)
        .orElseThrow(() -> new IllegalStateException("GET " + redacted(path) + " answered 404"));
  }

  /** The JSON of a 200, empty for a 404. */
  private Optional<JsonNode> get(String path) {
    HttpResponse<String> response = send("GET", path, null, true);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET " + redacted(path) + " answered " + response.statusCode());
    }
    try {
      return Optional.of(JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The path without the loginId in it, for messages. */
  private static String redacted(String path) {
    return path.replaceAll("/v1/logins/[^/?]+", "/v1/logins/{loginId}");
  }

  /**
   * Sends to the instances in turn until one answers below 500 (or, when {@code anyFailureMovesOn}
   * is false, until one accepts the connection), for at most {@link #GIVE_UP}.
   */
  private HttpResponse<String> send(
      String method, String path, String body, boolean anyFailureMovesOn) {
    Instant deadline = Instant.now().plus(GIVE_UP);
    while (true) {
      URI base = instances.get(Math.floorMod(next.getAndIncrement(), instances.size()));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(TIMEOUT)
              .header("Authorization", "Bearer " + apiKey);
      if (body != null) {
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body));
      }
      try {
        HttpResponse<String> response =
            http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() < 500 || !anyFailureMovesOn) {
          return response;
        }
      } catch (ConnectException refused) {
        // that instance is down (killed, restarting): try the next one
      } catch (IOException e) {
        if (!anyFailureMovesOn) {
          throw new UncheckedIOException(
              method + " " + base + ": " + e.getClass().getSimpleName(), e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "no sync instance answered " + method + " within " + GIVE_UP.toMinutes() + " min");
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8);
  }
}
