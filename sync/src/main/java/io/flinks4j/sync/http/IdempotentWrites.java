package io.flinks4j.sync.http;

import io.flinks4j.sync.config.ApiKey;
import io.flinks4j.sync.idempotency.IdempotencyStore;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Idempotency-Key} on the {@code /v1} writes, as Stripe does it: the first request with a
 * key runs and its answer is kept; a retry with the same key and the same request gets that answer
 * again (with {@code Idempotent-Replayed: true}) and runs nothing; the same key with another
 * request is 422, and while the first still runs, 409. Keys belong to the API key (by name) that
 * sent them.
 *
 * <p>Only a 2xx answer is kept: in this API any other answer means nothing was written (input
 * refused, a conflict, Flinks or the database unavailable, each in a rolled-back transaction), so
 * the key is released and a retry with it runs again. Without the header a write runs as usual.
 */
final class IdempotentWrites {

  static final String HEADER = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";

  /** The authenticated {@link ApiKey} of the request, set by the server before any route runs. */
  static final String CALLER = "flinks4j.caller";

  private static final Logger LOG = LoggerFactory.getLogger(IdempotentWrites.class);
  private static final String HELD = "flinks4j.idempotency";
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

  private record Held(String apiKeyName, String key, IdempotencyStore.Claimed claim) {}

  private final IdempotencyStore store;
  private final ApiRouter router;

  IdempotentWrites(IdempotencyStore store, ApiRouter router) {
    this.store = store;
    this.router = router;
  }

  /** True for the routes that take the header: every authenticated route that writes. */
  static boolean applies(RouteSpec route) {
    return route.authenticated() && BearerAuth.scopeFor(route.method()) != ApiKey.Scope.READ;
  }

  /** {@code handler}, run at most once per key. */
  Handler wrap(Handler handler) {
    return ctx -> {
      Optional<String> key = key(ctx);
      if (key.isEmpty()) {
        handler.handle(ctx);
        return;
      }
      ApiKey caller = ctx.attribute(CALLER);
      String digest = digest(ctx.method().name(), ctx.path(), router.readBody(ctx));
      switch (store.claim(caller.name(), key.get(), digest)) {
        case IdempotencyStore.Claimed claimed -> {
          ctx.attribute(HELD, new Held(caller.name(), key.get(), claimed));
          handler.handle(ctx);
        }
        case IdempotencyStore.Replay replay -> {
          ctx.status(replay.status()).header(REPLAYED, "true");
          if (replay.contentType() != null) {
            ctx.contentType(replay.contentType());
          }
          ctx.result(replay.body());
        }
        case IdempotencyStore.InFlight inFlight -> {
          ctx.header("Retry-After", "1");
          throw new ApiException(
              409,
              "idempotency_key_in_use",
              "a request with this Idempotency-Key is still being processed; retry shortly");
        }
        case IdempotencyStore.Mismatch mismatch ->
            throw new ApiException(
                422,
                "idempotency_key_reused",
                "this Idempotency-Key was already used with another request (method, path or body); use a new key");
      }
    };
  }

  /**
   * Keeps the answer of a request that claimed a key, or releases the key; runs after the route and
   * the error mapping, before the answer is sent, so a retry that follows the answer finds it. A
   * failure here is logged and leaves the key in flight (409) until it counts as abandoned; the
   * caller still gets the route's answer.
   */
  void finish(Context ctx) {
    Held held = ctx.attribute(HELD);
    if (held == null) {
      return;
    }
    try {
      int status = ctx.statusCode();
      Optional<byte[]> body = status >= 200 && status < 300 ? resultBytes(ctx) : Optional.empty();
      if (body.isPresent()) {
        store.complete(
            held.apiKeyName(),
            held.key(),
            held.claim(),
            status,
            ctx.res().getContentType(),
            body.get());
      } else {
        store.release(held.apiKeyName(), held.key(), held.claim());
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "cannot keep the answer of {} {} under its Idempotency-Key ({}); retries with that key get 409 for a"
              + " while",
          ctx.method(),
          ApiServer.routeOf(ctx),
          e.getClass().getSimpleName());
    }
  }

  private static Optional<String> key(Context ctx) {
    List<String> values = Collections.list(ctx.req().getHeaders(HEADER));
    if (values.isEmpty()) {
      return Optional.empty();
    }
    if (values.size() > 1 || !KEY.matcher(values.get(0)).matches()) {
      throw ApiException.badRequest(
          "invalid_idempotency_key",
          "send one "
              + HEADER
              + " of 1 to 255 printable ASCII characters without spaces (a UUID, say)");
    }
    return Optional.of(values.get(0));
  }

  /**
   * The answer's bytes, left in place for sending; empty when it is a stream that cannot be read
   * twice.
   */
  private static Optional<byte[]> resultBytes(Context ctx) {
    InputStream result = ctx.resultInputStream();
    if (result == null) {
      return Optional.of(new byte[0]);
    }
    if (!result.markSupported()) {
      return Optional.empty();
    }
    try {
      result.mark(Integer.MAX_VALUE);
      byte[] bytes = result.readAllBytes();
      result.reset();
      return Optional.of(bytes);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String digest(String method, String path, byte[] body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((method + "\n" + path + "\n").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
