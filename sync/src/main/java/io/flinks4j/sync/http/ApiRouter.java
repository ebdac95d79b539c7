package io.flinks4j.sync.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Collects the routes of the service's HTTP app and gives handlers safe JSON body parsing; {@link ApiRoutes}
 * receive one when the server is built.
 *
 * <p>A route under {@code /v1} automatically requires a bearer key and a body of at most
 * {@code FLINKS4J_MAX_BODY_BYTES}; other routes (e.g. {@code /webhooks/flinks}) are not bearer-checked and may
 * carry up to {@code FLINKS4J_MAX_PAYLOAD_BYTES}.
 */
public final class ApiRouter {

  private final ObjectMapper json;
  private final long maxBodyBytes;
  private final long maxPayloadBytes;
  private final List<RouteSpec> routes = new ArrayList<>();

  ApiRouter(ObjectMapper json, long maxBodyBytes, long maxPayloadBytes) {
    this.json = json;
    this.maxBodyBytes = maxBodyBytes;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  public ApiRouter get(String path, Operation operation, Handler handler) {
    return add(HandlerType.GET, path, operation, handler);
  }

  public ApiRouter post(String path, Operation operation, Handler handler) {
    return add(HandlerType.POST, path, operation, handler);
  }

  public ApiRouter put(String path, Operation operation, Handler handler) {
    return add(HandlerType.PUT, path, operation, handler);
  }

  public ApiRouter delete(String path, Operation operation, Handler handler) {
    return add(HandlerType.DELETE, path, operation, handler);
  }

  /** The JSON mapper the app uses for bodies ({@code ctx.json(..)} uses it too). */
  public ObjectMapper json() {
    return json;
  }

  /**
   * The request body as {@code type}; unknown fields are ignored.
   *
   * @throws ApiException 400 {@code missing_body} / {@code invalid_json}, 413 {@code payload_too_large}, 415
   *     {@code unsupported_media_type}; messages never quote the body
   */
  public <T> T readJson(Context ctx, Class<T> type) {
    String contentType = ctx.contentType();
    if (contentType != null && !isJson(contentType)) {
      throw new ApiException(415, "unsupported_media_type", "request body must be application/json");
    }
    byte[] body = readBody(ctx);
    if (body.length == 0) {
      throw ApiException.badRequest("missing_body", "a JSON request body is required");
    }
    T value;
    try {
      value = json.readValue(body, type);
    } catch (JsonParseException e) {
      throw ApiException.badRequest("invalid_json", "request body is not valid JSON" + where(e));
    } catch (JsonMappingException e) {
      String field =
          e.getPath().stream()
              .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
              .collect(Collectors.joining("."));
      throw ApiException.badRequest(
          "invalid_json",
          field.isEmpty()
              ? "request body does not have the expected shape"
              : "field '" + field + "' is missing or has the wrong type");
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

  /** The raw body, enforcing this route's size limit (webhook receivers verify signatures on these bytes). */
  public byte[] readBody(Context ctx) {
    byte[] body = ctx.bodyAsBytes();
    long limit = bodyLimit(ctx.path());
    if (body.length > limit) {
      throw tooLarge(limit);
    }
    return body;
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

  private ApiRouter add(HandlerType method, String path, Operation operation, Handler handler) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with /: " + path);
    }
    for (RouteSpec existing : routes) {
      if (existing.method().equals(method) && existing.path().equals(path)) {
        throw new IllegalStateException("route registered twice: " + method + " " + path);
      }
    }
    routes.add(new RouteSpec(method, path, operation, handler));
    return this;
  }

  private static boolean isJson(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.startsWith("application/json") || type.contains("+json") || type.startsWith("*/*");
  }

  private static String where(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
  }
}
