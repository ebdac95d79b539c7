package io.flinks4j.sandbox.api;

import io.flinks4j.sandbox.api.Responses.DataBody;
import io.javalin.http.Context;
import java.util.Map;

/** An exchange carried by Javalin: every endpoint, and the polled ones while faults are set. */
record JavalinExchange(Context ctx) implements Exchange {

  @Override
  public String method() {
    return ctx.method().name();
  }

  @Override
  public String path() {
    return ctx.path();
  }

  @Override
  public Map<String, String> headers() {
    return FlinksApi.headers(ctx);
  }

  @Override
  public String header(String name) {
    return ctx.header(name);
  }

  @Override
  public String pathParam(String name) {
    return ctx.pathParamMap().get(name);
  }

  @Override
  public void respond(int status, DataBody body) {
    FlinksApi.respond(ctx, status, body);
  }
}
