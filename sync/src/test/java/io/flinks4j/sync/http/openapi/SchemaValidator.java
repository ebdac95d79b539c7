package io.flinks4j.sync.http.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Checks a JSON value against a schema of an OpenAPI 3.1 document: {@code $ref}, {@code anyOf},
 * {@code type} (one or a list, {@code null} included), {@code enum}, {@code format} (date-time,
 * date, uri, uuid, int32, int64), {@code properties}, {@code required}, {@code
 * additionalProperties} and {@code items}.
 *
 * <p>Stricter than JSON Schema in two ways, both on purpose: an object may hold only the properties
 * its schema lists (unless it has {@code additionalProperties}), so a field the service sends but
 * the document omits fails; and a keyword this validator does not know fails, so the document
 * cannot grow a rule that is silently unchecked.
 */
final class SchemaValidator {

  private static final Set<String> KEYWORDS =
      Set.of(
          "$ref",
          "anyOf",
          "type",
          "enum",
          "format",
          "properties",
          "required",
          "additionalProperties",
          "items",
          "description");

  private final JsonNode document;

  SchemaValidator(JsonNode document) {
    this.document = document;
  }

  /**
   * Every way {@code value} breaks {@code schema}, each with its JSON path; empty when it conforms.
   */
  List<String> validate(JsonNode value, JsonNode schema) {
    List<String> errors = new ArrayList<>();
    validate(value, schema, "$", errors);
    return errors;
  }

  private void validate(JsonNode value, JsonNode schema, String path, List<String> errors) {
    schema
        .fieldNames()
        .forEachRemaining(keyword -> {
          if (!KEYWORDS.contains(keyword)) {
            errors.add(
                path + ": the schema uses " + keyword + ", which this validator does not check");
          }
        });
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      JsonNode target = document.at(ref.substring(1));
      if (!ref.startsWith("#/") || target.isMissingNode()) {
        errors.add(path + ": unresolvable $ref " + ref);
      } else {
        validate(value, target, path, errors);
      }
    }
    if (schema.has("anyOf")) {
      boolean any = false;
      for (JsonNode branch : schema.get("anyOf")) {
        any |= validate(value, branch).isEmpty();
      }
      if (!any) {
        errors.add(path + ": matches no branch of anyOf " + schema.get("anyOf"));
      }
    }
    if (schema.has("type") && !typeMatches(value, schema.get("type"))) {
      errors.add(path + ": " + kind(value) + " where the schema says " + schema.get("type"));
      return;
    }
    if (schema.has("enum")) {
      boolean listed = false;
      for (JsonNode allowed : schema.get("enum")) {
        listed |= allowed.equals(value);
      }
      if (!listed) {
        errors.add(path + ": " + value + " is not one of " + schema.get("enum"));
      }
    }
    if (schema.has("format")
        && !value.isNull()
        && !formatMatches(value, schema.get("format").asText())) {
      errors.add(
          path
              + ": not a "
              + schema.get("format").asText()); // the value may be a loginId: not shown
    }
    if (value.isObject()) {
      validateObject(value, schema, path, errors);
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        validate(value.get(i), schema.get("items"), path + "[" + i + "]", errors);
      }
    }
  }

  private void validateObject(JsonNode value, JsonNode schema, String path, List<String> errors) {
    JsonNode properties = schema.path("properties");
    for (JsonNode name : schema.path("required")) {
      if (!value.has(name.asText())) {
        errors.add(path + ": required property " + name.asText() + " is missing");
      }
    }
    value
        .properties()
        .forEach(field -> {
          String at = path + "." + field.getKey();
          if (properties.has(field.getKey())) {
            validate(field.getValue(), properties.get(field.getKey()), at, errors);
          } else if (schema.has("additionalProperties")) {
            validate(field.getValue(), schema.get("additionalProperties"), at, errors);
          } else if (schema.has("properties")) {
            errors.add(
                at
                    + ": not in the document (the service sends a property its schema does not list)");
          }
        });
  }

  private static boolean typeMatches(JsonNode value, JsonNode type) {
    if (type.isArray()) {
      for (JsonNode one : type) {
        if (typeMatches(value, one)) {
          return true;
        }
      }
      return false;
    }
    return switch (type.asText()) {
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "null" -> value.isNull();
      default -> false;
    };
  }

  private static boolean formatMatches(JsonNode value, String format) {
    try {
      switch (format) {
        case "date-time" -> OffsetDateTime.parse(value.asText());
        case "date" -> LocalDate.parse(value.asText());
        case "uri" -> {
          if (!URI.create(value.asText()).isAbsolute()) {
            return false;
          }
        }
        case "uuid" -> {
          return value.asText().length() == 36 && UUID.fromString(value.asText()) != null;
        }
        case "int32" -> {
          return value.canConvertToInt();
        }
        case "int64" -> {
          return value.canConvertToLong();
        }
        default -> {
          return false; // an unknown format is a document this validator cannot vouch for
        }
      }
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String kind(JsonNode value) {
    return value.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
