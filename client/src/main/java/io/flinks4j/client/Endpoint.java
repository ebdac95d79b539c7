package io.flinks4j.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the client knows about one Flinks endpoint, as data: its name (for logs and messages), HTTP
 * method, path below {@code .../BankingServices/}, which credential it takes and how its 2xx answer
 * is read. The constants live in {@link Endpoints}; {@link Transport} sends any of them the same
 * way.
 *
 * @param <T> what a 2xx answer is read into
 * @param pathTemplate e.g. {@code GetAccountsDetailAsync/{requestId}}; each {@code {name}} is
 *     filled from the request's path parameters, URL-encoded
 */
record Endpoint<T>(String name, String method, String pathTemplate, Auth auth, Reader<T> reader) {

  /** The credential an endpoint takes (see flinks-api.md §1). */
  enum Auth {
    /** {@code flinks-auth-key: <secret key>}: only {@code /GenerateAuthorizeToken}. */
    SECRET_KEY,
    /**
     * {@code flinks-auth-key: <authorize token>}, a fresh one minted for every attempt, since a
     * token is single use: {@code /Authorize}.
     */
    AUTHORIZE_TOKEN,
    /**
     * {@code x-api-key: <api key>} when the client has one (data endpoints are authorised by their
     * RequestId or loginId).
     */
    API_KEY
  }

  /** Reads a 2xx answer of this endpoint: a value, or a refusal thrown as such. */
  @FunctionalInterface
  interface Reader<T> {
    T read(Transport.Response response);
  }

  Endpoint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pathTemplate, "pathTemplate");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(reader, "reader");
  }

  /** The names between braces in the path template, in their order. */
  Set<String> pathParameters() {
    Set<String> names = new LinkedHashSet<>();
    for (int open = pathTemplate.indexOf('{'); open >= 0; ) {
      int close = pathTemplate.indexOf('}', open);
      names.add(pathTemplate.substring(open + 1, close));
      open = pathTemplate.indexOf('{', close);
    }
    return names;
  }

  /**
   * The path with every placeholder filled, values URL-encoded. Scans the template with {@code
   * indexOf} rather than a regex: it runs for every request.
   *
   * @throws IllegalArgumentException when a placeholder has no value or a value has no placeholder
   */
  String path(Map<String, String> parameters) {
    if (parameters.isEmpty() && pathTemplate.indexOf('{') < 0) {
      return pathTemplate;
    }
    if (!pathParameters().equals(parameters.keySet())) {
      throw new IllegalArgumentException(
          name + " takes path parameters " + pathParameters() + ", got " + parameters.keySet());
    }
    StringBuilder path = new StringBuilder(pathTemplate.length() + 48);
    int from = 0;
    for (int open = pathTemplate.indexOf('{'); open >= 0; ) {
      int close = pathTemplate.indexOf('}', open);
      path.append(pathTemplate, from, open)
          .append(encode(parameters.get(pathTemplate.substring(open + 1, close))));
      from = close + 1;
      open = pathTemplate.indexOf('{', from);
    }
    return path.append(pathTemplate, from, pathTemplate.length()).toString();
  }

  static String encode(String pathOrQueryValue) {
    return URLEncoder.encode(pathOrQueryValue, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return method + " " + pathTemplate + " (" + auth + ")";
  }
}
