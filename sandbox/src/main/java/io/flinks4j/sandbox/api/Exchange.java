package io.flinks4j.sandbox.api;

import io.flinks4j.sandbox.api.Responses.DataBody;
import java.util.Map;

/**
 * One HTTP request and its answer as the API's pipeline sees them, whichever server layer carries
 * them: Javalin for every endpoint, or Jetty itself for the polled ones ({@link AsyncPolls}).
 */
interface Exchange {

  String method();

  /** The request path as sent (not decoded), without the query. */
  String path();

  /** The request headers, names in lower case, the first value of each. */
  Map<String, String> headers();

  String header(String name);

  /** A path parameter of the route, or null when the route has none of that name. */
  String pathParam(String name);

  /** Answers with {@code body} as {@code application/json; charset=utf-8} and a Content-Length. */
  void respond(int status, DataBody body);

  default void respond(int status, byte[] body) {
    respond(status, DataBody.whole(body));
  }
}
