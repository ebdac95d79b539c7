package io.flinks4j.sync.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds the OpenAPI 3.1 document from the registered routes, so it lists exactly what the app serves. */
final class OpenApiDocument {

  private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}");
  private static final String ERROR_REF = "#/components/schemas/Error";

  private OpenApiDocument() {}

  static byte[] build(ObjectMapper json, List<RouteSpec> routes) {
    ObjectNode root = json.createObjectNode();
    root.put("openapi", "3.1.0");
    ObjectNode info = root.putObject("info");
    info.put("title", "flinks4j sync");
    info.put("version", "v1");
    info.put(
        "description",
        "Retrieves and refreshes Flinks logins and serves their accounts, transactions and balances."
            + " Every /v1 route requires Authorization: Bearer <key> whose scope covers the method:"
            + " GET needs read, POST and PUT need write, DELETE needs admin, unless the route's 403 response"
            + " names a stricter scope (replaying a dead letter is an admin POST).");
    ObjectNode paths = root.putObject("paths");
    for (RouteSpec route : routes) {
      ObjectNode path = paths.has(route.path()) ? (ObjectNode) paths.get(route.path()) : paths.putObject(route.path());
      path.set(route.method().name().toLowerCase(Locale.ROOT), operation(json, route));
    }
    ObjectNode components = root.putObject("components");
    ObjectNode bearer = components.putObject("securitySchemes").putObject("bearer");
    bearer.put("type", "http");
    bearer.put("scheme", "bearer");
    components.putObject("schemas").set("Error", parse(json, errorSchema()));
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the OpenAPI document", e);
    }
  }

  private static ObjectNode operation(ObjectMapper json, RouteSpec route) {
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
    if (!parameters.isEmpty()) {
      node.set("parameters", parameters);
    }
    op.requestSchema()
        .ifPresent(
            schema -> {
              ObjectNode body = node.putObject("requestBody");
              body.put("required", true);
              body.putObject("content").putObject("application/json").set("schema", parse(json, schema));
            });
    ObjectNode responses = node.putObject("responses");
    op.responses()
        .forEach(
            (status, response) -> {
              ObjectNode entry = responses.putObject(String.valueOf(status));
              entry.put("description", response.description());
              response
                  .schema()
                  .ifPresent(
                      schema ->
                          entry.putObject("content").putObject("application/json").set("schema", parse(json, schema)));
            });
    addError(responses, 400, "Malformed request");
    if (route.authenticated()) {
      addError(responses, 401, "Missing or invalid bearer key");
      addError(responses, 403, "The key's scope does not cover this route (needs " + route.scope().label() + ")");
      node.putArray("security").addObject().putArray("bearer");
    }
    if (op.requestSchema().isPresent()) {
      addError(responses, 413, "Request body too large");
    }
    if (route.path().contains("{")) {
      addError(responses, 404, "Not found");
    }
    return node;
  }

  private static void addError(ObjectNode responses, int status, String description) {
    String key = String.valueOf(status);
    if (responses.has(key)) {
      return;
    }
    ObjectNode entry = responses.putObject(key);
    entry.put("description", description);
    entry.putObject("content").putObject("application/json").putObject("schema").put("$ref", ERROR_REF);
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

  private static JsonNode parse(ObjectMapper json, String schema) {
    try {
      return json.readTree(schema);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("invalid schema", e); // Operation validated it already
    }
  }

  private static String errorSchema() {
    return """
        {"type":"object","required":["error"],"properties":{"error":{"type":"object",
          "required":["code","message"],
          "properties":{"code":{"type":"string"},"message":{"type":"string"}}}}}
        """;
  }
}
