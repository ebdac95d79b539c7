package io.flinks4j.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A JSON request body whose top-level keys are matched case-insensitively ({@code username} and
 * {@code Username} are the same field), as the Flinks server does. An empty body is an empty
 * object.
 */
final class RequestBody {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, JsonNode> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  private RequestBody() {}

  /** Parses a body; empty when it is not a JSON object. */
  static Optional<RequestBody> parse(byte[] bytes) {
    RequestBody body = new RequestBody();
    if (bytes == null || bytes.length == 0 || isBlank(bytes)) {
      return Optional.of(body);
    }
    try {
      JsonNode root = JSON.readTree(bytes);
      if (root == null || !root.isObject()) {
        return Optional.empty();
      }
      root.properties().forEach(e -> body.fields.put(e.getKey(), e.getValue()));
      return Optional.of(body);
    } catch (IOException malformed) {
      return Optional.empty();
    }
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  JsonNode node(String key) {
    JsonNode node = fields.get(key);
    return node == null || node.isNull() ? null : node;
  }

  boolean has(String key) {
    return node(key) != null;
  }

  /** A string field (numbers and booleans are accepted as their text); null when absent. */
  String string(String key) {
    JsonNode node = node(key);
    if (node == null) {
      return null;
    }
    if (node.isValueNode()) {
      String text = node.asText();
      return text.isBlank() ? null : text;
    }
    throw new InvalidField(key, "must be a string");
  }

  /** A boolean field, also accepted as the strings "true"/"false"; {@code fallback} when absent. */
  boolean bool(String key, boolean fallback) {
    JsonNode node = node(key);
    if (node == null) {
      return fallback;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual()
        && (node.asText().equalsIgnoreCase("true") || node.asText().equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(node.asText());
    }
    throw new InvalidField(key, "must be true or false");
  }

  /** A field has the wrong type or value; answered as INVALID_REQUEST naming the field. */
  static final class InvalidField extends RuntimeException {
    InvalidField(String field, String problem) {
      super(field + " " + problem, null, false, false);
    }
  }
}
