package io.flinks4j.sync.http;

import io.flinks4j.sync.config.ApiKey;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One registered route with its documentation and the scope a key needs for it.
 *
 * @param scope what a bearer key must grant; for routes outside {@code /v1} it is not checked
 */
record RouteSpec(
    HandlerType method, String path, ApiKey.Scope scope, Operation operation, Handler handler) {

  /**
   * Routes under {@code /v1} need a bearer key, but for the few marked {@link
   * Operation#withoutKey()}; the others (health, webhooks) authenticate otherwise or not at all.
   */
  boolean authenticated() {
    return ApiServer.isApiPath(path) && !operation.keyless();
  }
}
