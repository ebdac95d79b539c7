package io.flinks4j.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

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

  /** The names between braces in the path template. */
  Set<String> pathParameters() {
    Matcher m = PLACEHOLDER.matcher(pathTemplate);
    Set<String> names = new java.util.LinkedHashSet<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * The path with every placeholder filled, values URL-encoded.
   *
   * @throws IllegalArgumentException when a placeholder has no value or a value has no placeholder
   */
  String path(Map<String, String> parameters) {
    if (!pathParameters().equals(parameters.keySet())) {
      throw new IllegalArgumentException(
          name + " takes path parameters " + pathParameters() + ", got " + parameters.keySet());
    }
    Matcher m = PLACEHOLDER.matcher(pathTemplate);
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(path, Matcher.quoteReplacement(encode(parameters.get(m.group(1)))));
    }
    return m.appendTail(path).toString();
  }

  static String encode(String pathOrQueryValue) {
    return URLEncoder.encode(pathOrQueryValue, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return method + " " + pathTemplate + " (" + auth + ")";
  }
}
