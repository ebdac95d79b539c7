package io.flinks4j.sync.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.flinks4j.sync.config.ApiKey;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Collects the routes of the service's HTTP app and gives handlers safe JSON body parsing; {@link
 * ApiRoutes} receive one when the server is built.
 *
 * <p>A route under {@code /v1} automatically requires a bearer key and a body of at most {@code
 * FLINKS4J_MAX_BODY_BYTES}; other routes (e.g. {@code /webhooks/flinks}) are not bearer-checked and
 * may carry up to {@code FLINKS4J_MAX_PAYLOAD_BYTES}.
 */
public final class ApiRouter {

  private static final String BODY_ATTRIBUTE = "flinks4j.body";

  private final ObjectMapper json;
  private final long maxBodyBytes;
  private final long maxPayloadBytes;
  private final List<RouteSpec> routes = new ArrayList<>();
  private final Map<String, Predicate<Context>> otherAuthentication = new HashMap<>();

  ApiRouter(ObjectMapper json, long maxBodyBytes, long maxPayloadBytes) {
    this.json = json;
    this.maxBodyBytes = maxBodyBytes;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  public ApiRouter get(String path, Operation operation, Handler handler) {
    return add(HandlerType.GET, path, BearerAuth.scopeFor(HandlerType.GET), operation, handler);
  }

  public ApiRouter post(String path, Operation operation, Handler handler) {
    return add(HandlerType.POST, path, BearerAuth.scopeFor(HandlerType.POST), operation, handler);
  }

  public ApiRouter put(String path, Operation operation, Handler handler) {
    return add(HandlerType.PUT, path, BearerAuth.scopeFor(HandlerType.PUT), operation, handler);
  }

  public ApiRouter patch(String path, Operation operation, Handler handler) {
    return add(HandlerType.PATCH, path, BearerAuth.scopeFor(HandlerType.PATCH), operation, handler);
  }

  public ApiRouter delete(String path, Operation operation, Handler handler) {
    return add(
        HandlerType.DELETE, path, BearerAuth.scopeFor(HandlerType.DELETE), operation, handler);
  }

  /**
   * A route whose key needs {@code scope} rather than its method's default (GET read, POST and PUT
   * write, DELETE admin); e.g. a POST that replays work is admin. The scope may only be raised
   * above the method's default.
   */
  public ApiRouter add(
      HandlerType method, String path, ApiKey.Scope scope, Operation operation, Handler handler) {
    if (!scope.includes(BearerAuth.scopeFor(method))) {
      throw new IllegalArgumentException(
          method + " " + path + " cannot need less than " + BearerAuth.scopeFor(method));
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with /: " + path);
    }
    if (operation.keyless() && (!ApiServer.isApiPath(path) || path.contains("{"))) {
      throw new IllegalArgumentException(
          "only a fixed /v1 path can be served without a key: " + path);
    }
    for (RouteSpec existing : routes) {
      if (existing.method().equals(method) && existing.path().equals(path)) {
        throw new IllegalStateException("route registered twice: " + method + " " + path);
      }
    }
    routes.add(new RouteSpec(method, path, scope, operation, handler));
    return this;
  }

  /**
   * Lets a request to {@code path} in without a bearer key when {@code accepts} says so (e.g. a
   * single-use ticket in the query: a browser's EventSource cannot send headers); otherwise the key
   * is required as usual.
   */
  public ApiRouter authenticateAlsoBy(String path, Predicate<Context> accepts) {
    otherAuthentication.put(path, accepts);
    return this;
  }

  /**
   * Whether {@code ctx} is authenticated by its route's own means ({@link #authenticateAlsoBy}).
   */
  boolean authenticatedOtherwise(Context ctx) {
    Predicate<Context> accepts = otherAuthentication.get(ctx.path());
    return accepts != null && accepts.test(ctx);
  }

  /** The JSON mapper the app uses for bodies ({@code ctx.json(..)} uses it too). */
  public ObjectMapper json() {
    return json;
  }

  /**
   * The request body as {@code type}; unknown fields are ignored.
   *
   * @throws ApiException 400 {@code missing_body} / {@code invalid_json}, 413 {@code
   *     payload_too_large}, 415 {@code unsupported_media_type}; messages never quote the body
   */
  public <T> T readJson(Context ctx, Class<T> type) {
    String contentType = ctx.contentType();
    if (contentType != null && !isJson(contentType)) {
      throw new ApiException(
          415, "unsupported_media_type", "request body must be application/json");
    }
    byte[] body = readBody(ctx);
    if (body.length == 0) {
      throw ApiException.badRequest("missing_body", "a JSON request body is required");
    }
    T value;
    try {
      value = json.readValue(body, type);
    } catch (StreamConstraintsException e) {
      throw ApiException.badRequest(
          "invalid_json", "request body nests too deeply or holds too long a value");
    } catch (JsonParseException e) {
      String original = String.valueOf(e.getOriginalMessage());
      throw ApiException.badRequest(
          "invalid_json",
          (original.startsWith("Duplicate field")
                  ? "request body names a field twice"
                  : "request body is not valid JSON")
              + where(e));
    } catch (MismatchedInputException e) {
      if (e.getPath().isEmpty()
          && String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
        throw ApiException.badRequest(
            "invalid_json", "request body has content after the JSON value" + where(e));
      }
      throw ApiException.badRequest("invalid_json", shapeMessage(e));
    } catch (JsonMappingException e) {
      throw ApiException.badRequest("invalid_json", shapeMessage(e));
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("invalid_json", "request body is not valid JSON");
    } catch (IOException e) {
      throw ApiException.badRequest("invalid_json", "request body could not be read");
    }
    if (value == null) {
      throw ApiException.badRequest("missing_body", "a JSON request body is required");
    }
    return value;
  }

  /**
   * The raw body, read from the request stream up to this route's size limit and no further,
   * whether or not the client announced a length (chunked bodies included): at most limit + 1 bytes
   * are ever buffered. Webhook receivers verify signatures on these bytes, so nothing past the
   * limit reaches the HMAC. Read once per request.
   *
   * @throws ApiException 413 {@code payload_too_large} past the limit, 400 {@code unreadable_body}
   *     when the stream breaks (e.g. malformed chunked encoding)
   */
  public byte[] readBody(Context ctx) {
    byte[] cached = ctx.attribute(BODY_ATTRIBUTE);
    if (cached != null) {
      return cached;
    }
    long limit = bodyLimit(ctx.path());
    byte[] body;
    try {
      body =
          ctx.req().getInputStream().readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 16));
    } catch (IOException | UncheckedIOException e) {
      throw ApiException.badRequest("unreadable_body", "request body could not be read");
    }
    if (body.length > limit) {
      throw tooLarge(limit);
    }
    ctx.attribute(BODY_ATTRIBUTE, body);
    return body;
  }

  /**
   * True when the request carries a body (a read of it, bounded by the limit, is cached for later
   * readers).
   */
  public boolean hasBody(Context ctx) {
    return readBody(ctx).length > 0;
  }

  long bodyLimit(String path) {
    return ApiServer.isApiPath(path) ? maxBodyBytes : maxPayloadBytes;
  }

  static ApiException tooLarge(long limit) {
    return new ApiException(413, "payload_too_large", "request body exceeds " + limit + " bytes");
  }

  List<RouteSpec> routes() {
    return List.copyOf(routes);
  }

  private static boolean isJson(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.startsWith("application/json") || type.contains("+json") || type.startsWith("*/*");
  }

  private static String shapeMessage(JsonMappingException e) {
    String field =
        e.getPath().stream()
            .map(
                ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
            .collect(Collectors.joining("."));
    return field.isEmpty()
        ? "request body does not have the expected shape"
        : "field '" + field + "' is missing or has the wrong type";
  }

  private static String where(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }
}
