package io.flinks4j.sandbox;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * One request the sandbox received on the Flinks paths, kept so a test can check what its client
 * sent. Header names are lower case. {@link #toString()} hides credential headers.
 *
 * @param at sandbox time of arrival
 * @param endpoint the Flinks endpoint name (e.g. {@code GetAccountsDetailAsync}), or the path when
 *     unknown
 */
public record RecordedRequest(
    Instant at,
    String method,
    String path,
    String endpoint,
    Map<String, String> headers,
    String body) {

  /** A header value by case-insensitive name, or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return "RecordedRequest["
        + method
        + " "
        + endpoint
        + " at "
        + at
        + ", headers="
        + headers.keySet()
        + "]";
  }
}
