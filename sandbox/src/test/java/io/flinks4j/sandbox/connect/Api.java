package io.flinks4j.sandbox.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinks4j.sandbox.FlinksSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Bare HTTP calls on a sandbox, for the Connect tests: the Flinks API around a launch, and launches
 * themselves.
 */
final class Api {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  private final FlinksSandbox sandbox;

  Api(FlinksSandbox sandbox) {
    this.sandbox = sandbox;
  }

  private static final Pattern PAGE_CONFIG =
      Pattern.compile(
          "<script type=\"application/json\" id=\"flinks-connect\">(.*?)</script>", Pattern.DOTALL);
  private static final Pattern FLOW_PATH = Pattern.compile("action=\"(/v2/flow/[0-9a-f-]{36})/");

  record Reply(int status, String body, HttpResponse<String> raw) {
    JsonNode json() {
      return parse(body);
    }

    /** The JSON config a Connect page carries for its script (its events among it). */
    JsonNode pageConfig() {
      Matcher config = PAGE_CONFIG.matcher(body);
      if (!config.find()) {
        throw new AssertionError("the page carries no flinks-connect config: " + body);
      }
      return parse(config.group(1));
    }

    /** The path of the flow a Connect page's forms post to, when it has one. */
    Optional<String> flowPath() {
      Matcher flow = FLOW_PATH.matcher(body);
      return flow.find() ? Optional.of(flow.group(1)) : Optional.empty();
    }

    private static JsonNode parse(String json) {
      try {
        return JSON.readTree(json);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  String token() {
    Reply r = post("GenerateAuthorizeToken", Map.of("flinks-auth-key", sandbox.secretKey()), "");
    return r.json().get("Token").asText();
  }

  Reply authorize(String token, Map<String, Object> body) {
    return post("Authorize", Map.of("flinks-auth-key", token), json(body));
  }

  Reply authorizeCached(String loginId) {
    return authorize(token(), Map.of("LoginId", loginId, "MostRecentCached", true));
  }

  Reply detail(Map<String, Object> body) {
    return post("GetAccountsDetail", Map.of("x-api-key", sandbox.apiKey()), json(body));
  }

  /** {@code connectUrl()?k=v&...}, values URL-encoded. */
  String connectUrl(Map<String, String> params) {
    return sandbox.connectUrl()
        + "?"
        + params.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
  }

  Reply get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  /** A form post as the page's script sends it. */
  Reply postForm(String path, Map<String, String> form) {
    return postFields(
        path, form.entrySet().stream().map(e -> new String[] {e.getKey(), e.getValue()}).toList());
  }

  /** A form post whose fields may repeat (checkboxes), in order. */
  Reply postFields(String path, java.util.List<String[]> fields) {
    String body =
        fields.stream()
            .map(f ->
                URLEncoder.encode(f[0], StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(f[1], StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private Reply post(String endpoint, Map<String, String> headers, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(sandbox.apiUrl() + "/" + endpoint))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return send(b);
  }

  private static Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              request.timeout(Duration.ofSeconds(20)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String json(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, String> params(String... keyValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
