package io.flinks4j.sync.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a route does, as published in {@code /v1/openapi.json}; every route is registered with one so the
 * document can never miss a route.
 *
 * <p>Schemas are JSON Schema text (a text block is convenient); they are checked to be valid JSON when the route
 * is registered. Path parameters come from the route's {@code {name}} segments. Error responses (400, 401, 403, 404,
 * 413) are added to the document automatically.
 *
 * @param summary one line
 * @param queryParameters query string parameters
 * @param requestSchema JSON Schema of the request body, if the route takes one
 * @param responses success (and route-specific error) responses by status
 */
public record Operation(
    String summary,
    List<QueryParameter> queryParameters,
    Optional<String> requestSchema,
    SortedMap<Integer, Response> responses) {

  private static final ObjectMapper CHECK = new ObjectMapper();

  public Operation {
    queryParameters = List.copyOf(queryParameters);
    responses = new TreeMap<>(responses);
    requestSchema.ifPresent(Operation::requireJson);
    responses.values().forEach(response -> response.schema().ifPresent(Operation::requireJson));
  }

  /** An operation with just a summary; add parameters, body and responses with the withers. */
  public static Operation summary(String summary) {
    return new Operation(summary, List.of(), Optional.empty(), new TreeMap<>());
  }

  /** Adds a query parameter ({@code type} is a JSON Schema type: string, integer, boolean). */
  public Operation query(String name, String type, String description) {
    List<QueryParameter> params = new ArrayList<>(queryParameters);
    params.add(new QueryParameter(name, type, description));
    return new Operation(summary, params, requestSchema, responses);
  }

  /** Sets the JSON Schema of the request body. */
  public Operation requestBody(String jsonSchema) {
    return new Operation(summary, queryParameters, Optional.of(jsonSchema), responses);
  }

  /** Adds a response without a body schema. */
  public Operation response(int status, String description) {
    return withResponse(status, new Response(description, Optional.empty()));
  }

  /** Adds a response whose JSON body follows {@code jsonSchema}. */
  public Operation response(int status, String description, String jsonSchema) {
    return withResponse(status, new Response(description, Optional.of(jsonSchema)));
  }

  private Operation withResponse(int status, Response response) {
    SortedMap<Integer, Response> copy = new TreeMap<>(responses);
    copy.put(status, response);
    return new Operation(summary, queryParameters, requestSchema, copy);
  }

  private static void requireJson(String schema) {
    try {
      CHECK.readTree(schema);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("schema is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** A query string parameter. */
  public record QueryParameter(String name, String type, String description) {}

  /** A documented response. */
  public record Response(String description, Optional<String> schema) {}
}
