package io.flinks4j.sync.http;

import com.fasterxml.jackson.core.type.TypeReference;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a route does, as published in {@code /v1/openapi.json}; every route is registered with one,
 * so the document can never miss a route.
 *
 * <p>Bodies are named by their Java type (a record, or {@link Page} of one), never by hand-written
 * schema: the document's component schemas are generated from those records ({@link ApiDoc} adds
 * descriptions, formats and nullability), and the contract test checks every route's real answers
 * against them. Path parameters come from the route's {@code {name}} segments. Error responses
 * (400, 401, 403, 404, 413, 415, 503 as they apply) are added to the document automatically.
 *
 * @param summary one line
 * @param queryParameters query string parameters
 * @param requestBody the JSON request body, if the route takes one
 * @param responses success (and route-specific error) responses by status
 * @param keyless true for a {@code /v1} route served without a bearer key (documentation only)
 */
public record Operation(
    String summary,
    List<QueryParameter> queryParameters,
    Optional<RequestBody> requestBody,
    SortedMap<Integer, Response> responses,
    boolean keyless) {

  public Operation {
    queryParameters = List.copyOf(queryParameters);
    responses = new TreeMap<>(responses);
  }

  /** An operation with just a summary; add parameters, body and responses with the withers. */
  public static Operation summary(String summary) {
    return new Operation(summary, List.of(), Optional.empty(), new TreeMap<>(), false);
  }

  /** Adds a query parameter ({@code type} is a JSON Schema type: string, integer, boolean). */
  public Operation query(String name, String type, String description) {
    List<QueryParameter> params = new ArrayList<>(queryParameters);
    params.add(new QueryParameter(name, type, description));
    return new Operation(summary, params, requestBody, responses, keyless);
  }

  /**
   * The JSON request body is a {@code type} (the record the handler reads with {@link
   * ApiRouter#readJson}).
   */
  public Operation requestBody(Type type) {
    return new Operation(
        summary, queryParameters, Optional.of(new RequestBody(type, true)), responses, keyless);
  }

  /**
   * Like {@link #requestBody(Type)} for a route that also accepts no body at all (every field
   * defaulted).
   */
  public Operation optionalRequestBody(Type type) {
    return new Operation(
        summary, queryParameters, Optional.of(new RequestBody(type, false)), responses, keyless);
  }

  /** Adds a response without a body. */
  public Operation response(int status, String description) {
    return withResponse(status, new Response(description, Optional.empty(), Optional.empty()));
  }

  /**
   * Adds a response whose JSON body is the record {@code body}, as the handler passes it to {@code
   * ctx.json}.
   */
  public Operation response(int status, String description, Type body) {
    return withResponse(
        status, new Response(description, Optional.of(body), Optional.of("application/json")));
  }

  /**
   * Adds a response whose JSON body is a generic type, e.g. {@code new
   * TypeReference<Page<LoginView>>() {}}.
   */
  public Operation response(int status, String description, TypeReference<?> body) {
    return response(status, description, body.getType());
  }

  /**
   * Adds a route-specific error response; its body is the common {@code
   * {"error":{"code","message"}}}.
   */
  public Operation error(int status, String description) {
    return response(status, description, ErrorResponse.class);
  }

  /** Adds a response that is not JSON (a page, a script, metrics text) of {@code mediaType}. */
  public Operation textResponse(int status, String description, String mediaType) {
    return withResponse(
        status, new Response(description, Optional.empty(), Optional.of(mediaType)));
  }

  /**
   * Serves this {@code /v1} route without a bearer key; only for routes that reveal nothing
   * (documentation).
   */
  public Operation withoutKey() {
    return new Operation(summary, queryParameters, requestBody, responses, true);
  }

  private Operation withResponse(int status, Response response) {
    SortedMap<Integer, Response> copy = new TreeMap<>(responses);
    copy.put(status, response);
    return new Operation(summary, queryParameters, requestBody, copy, keyless);
  }

  /** A request body: its type, and whether it may be left out. */
  public record RequestBody(Type type, boolean required) {}

  /** A query string parameter. */
  public record QueryParameter(String name, String type, String description) {}

  /**
   * A documented response.
   *
   * @param body the JSON body's type, if it has a JSON body
   * @param mediaType the body's media type, if it has a body
   */
  public record Response(String description, Optional<Type> body, Optional<String> mediaType) {}
}
