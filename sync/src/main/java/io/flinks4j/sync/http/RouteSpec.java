package io.flinks4j.sync.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/** One registered route with its documentation. */
record RouteSpec(HandlerType method, String path, Operation operation, Handler handler) {

  /**
   * Routes under {@code /v1} need a bearer key, but for the few marked {@link Operation#withoutKey()}; the others
   * (health, webhooks) authenticate otherwise or not at all.
   */
  boolean authenticated() {
    return ApiServer.isApiPath(path) && !operation.keyless();
  }
}
