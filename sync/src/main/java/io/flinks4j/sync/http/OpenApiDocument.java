package io.flinks4j.sync.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the OpenAPI 3.1 document from the registered routes, so it lists exactly what the app
 * serves, with component schemas generated from the records the routes read and write ({@link
 * SchemaGenerator}).
 */
final class OpenApiDocument {

  private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}");
  static final String BEARER = "bearer";

  private OpenApiDocument() {}

  /**
   * @param idempotencyKeys whether the writes take {@code Idempotency-Key} (the service's always
   *     do)
   */
  static byte[] build(
      ObjectMapper json, List<RouteSpec> routes, String version, boolean idempotencyKeys) {
    ObjectNode root = json.createObjectNode();
    root.put("openapi", "3.1.0");
    ObjectNode info = root.putObject("info");
    info.put("title", "flinks4j sync");
    info.put("version", version);
    info.put(
        "description",
        "Retrieves and refreshes Flinks logins and serves their accounts, transactions and balances."
            + " Every /v1 route but this document requires Authorization: Bearer <key> whose scope covers the"
            + " method: GET needs read, POST, PUT and PATCH need write, DELETE needs admin, unless the route's 403"
            + " response names a stricter scope (replaying a dead letter is an admin POST). An address that fails"
            + " to authenticate too often is refused with 429 and Retry-After for a while."
            + (idempotencyKeys
                ? " Writes take an optional Idempotency-Key header: a retry with the same key and"
                    + " the same request answers the first 2xx answer again (Idempotent-Replayed: true) without running"
                    + " it; keys are remembered per API key for FLINKS4J_IDEMPOTENCY_TTL (24 h)."
                : ""));
    info.putObject("license").put("name", "Apache-2.0").put("identifier", "Apache-2.0");
    // Relative: the API is wherever this document was fetched from (behind any proxy or port).
    root.putArray("servers")
        .addObject()
        .put("url", "/")
        .put("description", "the service serving this document");
    root.putArray("security").addObject().putArray(BEARER);
    ObjectNode paths = root.putObject("paths");
    ObjectNode components = json.createObjectNode();
    ObjectNode schemas = components.putObject("schemas");
    SchemaGenerator generator = new SchemaGenerator(json, schemas);
    for (RouteSpec route : routes) {
      ObjectNode path =
          paths.has(route.path())
              ? (ObjectNode) paths.get(route.path())
              : paths.putObject(route.path());
      path.set(
          route.method().name().toLowerCase(Locale.ROOT),
          operation(json, generator, route, idempotencyKeys && IdempotentWrites.applies(route)));
    }
    components
        .putObject("securitySchemes")
        .putObject(BEARER)
        .put("type", "http")
        .put("scheme", "bearer")
        .put("description", "an API key from FLINKS4J_API_KEYS");
    root.set("components", components);
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the OpenAPI document", e);
    }
  }

  private static ObjectNode operation(
      ObjectMapper json, SchemaGenerator generator, RouteSpec route, boolean idempotent) {
    Operation op = route.operation();
    ObjectNode node = json.createObjectNode();
    node.put("summary", op.summary());
    node.put("operationId", operationId(route));
    ArrayNode parameters = json.createArrayNode();
    Matcher matcher = PATH_PARAM.matcher(route.path());
    while (matcher.find()) {
      ObjectNode parameter = parameters.addObject();
      parameter.put("name", matcher.group(1));
      parameter.put("in", "path");
      parameter.put("required", true);
      parameter.putObject("schema").put("type", "string");
    }
    for (Operation.QueryParameter query : op.queryParameters()) {
      ObjectNode parameter = parameters.addObject();
      parameter.put("name", query.name());
      parameter.put("in", "query");
      parameter.put("required", false);
      parameter.put("description", query.description());
      parameter.putObject("schema").put("type", query.type());
    }
    if (idempotent) {
      ObjectNode parameter = parameters.addObject();
      parameter.put("name", IdempotentWrites.HEADER);
      parameter.put("in", "header");
      parameter.put("required", false);
      parameter.put(
          "description",
          "Any unique value (a UUID): a retry with the same key and request gets the first"
              + " 2xx answer again, with "
              + IdempotentWrites.REPLAYED
              + ": true, and runs nothing");
      ObjectNode schema = parameter.putObject("schema");
      schema.put("type", "string");
      schema.put("minLength", 1);
      schema.put("maxLength", 255);
    }
    if (!parameters.isEmpty()) {
      node.set("parameters", parameters);
    }
    op.requestBody()
        .ifPresent(request -> {
          ObjectNode body = node.putObject("requestBody");
          body.put("required", request.required());
          body.putObject("content")
              .putObject("application/json")
              .set("schema", generator.requestSchemaOf(request.type()));
        });
    ObjectNode responses = node.putObject("responses");
    op.responses()
        .forEach((status, response) -> {
          ObjectNode entry = responses.putObject(String.valueOf(status));
          entry.put("description", response.description());
          response
              .mediaType()
              .ifPresent(mediaType -> {
                ObjectNode schema =
                    response
                        .body()
                        .map(generator::schemaOf)
                        .orElseGet(() -> json.createObjectNode().put("type", "string"));
                entry.putObject("content").putObject(mediaType).set("schema", schema);
              });
        });
    ObjectNode error = generator.schemaOf(ErrorResponse.class);
    addError(responses, error, 400, "Malformed request");
    if (route.authenticated()) {
      addError(responses, error, 401, "Missing or invalid bearer key");
      addError(
          responses,
          error,
          403,
          "The key's scope does not cover this route (needs " + route.scope().label() + ")");
      addError(
          responses,
          error,
          429,
          "Too many failed authentications from this address (see Retry-After)");
      addError(
          responses,
          error,
          503,
          "Storage temporarily unavailable; retry after Retry-After seconds");
    } else {
      node.putArray(
          "security"); // public: health, webhooks (signed), dashboard files, this document
    }
    if (idempotent) {
      String inFlight =
          "a request with this Idempotency-Key is still being processed (see Retry-After)";
      if (responses.has("409")) { // the route's own conflict: name both
        ObjectNode conflict = (ObjectNode) responses.get("409");
        conflict.put("description", conflict.path("description").asText() + "; or " + inFlight);
      }
      addError(
          responses, error, 409, Character.toUpperCase(inFlight.charAt(0)) + inFlight.substring(1));
      addError(
          responses,
          error,
          422,
          "This Idempotency-Key was used with another request (idempotency_key_reused)");
    }
    if (op.requestBody().isPresent()) {
      addError(responses, error, 413, "Request body too large");
      addError(responses, error, 415, "Request body is not application/json");
    }
    if (route.path().contains("{")) {
      addError(responses, error, 404, "Not found");
    }
    return node;
  }

  private static void addError(
      ObjectNode responses, ObjectNode error, int status, String description) {
    String key = String.valueOf(status);
    if (responses.has(key)) {
      return;
    }
    ObjectNode entry = responses.putObject(key);
    entry.put("description", description);
    entry.putObject("content").putObject("application/json").set("schema", error.deepCopy());
  }

  private static String operationId(RouteSpec route) {
    StringBuilder id = new StringBuilder(route.method().name().toLowerCase(Locale.ROOT));
    for (String segment : route.path().split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      String word = segment.replaceAll("[^A-Za-z0-9]", "");
      if (segment.startsWith("{")) {
        word = "By" + Character.toUpperCase(word.charAt(0)) + word.substring(1);
      } else if (!word.isEmpty()) {
        word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
      }
      id.append(word);
    }
    return id.toString();
  }
}
