package io.flinks4j.sync.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * JSON Schemas for the records routes read and write, derived from Jackson's own view of them (the
 * properties it serializes, their names after {@code @JsonProperty}, {@code @JsonIgnore} and
 * {@code @JsonInclude}) so the document describes exactly what the mapper writes. Each record
 * becomes a named component; scalars, lists and maps are inlined.
 */
final class SchemaGenerator {

  private static final Set<JsonInclude.Include> OMITS_NULL =
      Set.of(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_ABSENT);

  private final ObjectMapper json;
  private final ObjectNode components;
  private final Map<String, Owner> owners = new HashMap<>();

  /**
   * Which type a component name stands for, and whether as read (request) or as written (response).
   */
  private record Owner(JavaType type, boolean request) {}

  /** Writes the components it creates into {@code components} ({@code #/components/schemas}). */
  SchemaGenerator(ObjectMapper json, ObjectNode components) {
    this.json = json;
    this.components = components;
  }

  /**
   * The schema of {@code type} as the service writes it: a {@code $ref} for a record, inline
   * otherwise.
   */
  ObjectNode schemaOf(Type type) {
    return schema(json.getTypeFactory().constructType(type), false);
  }

  /** The schema of {@code type} as a request body: a nullable component may also be left out. */
  ObjectNode requestSchemaOf(Type type) {
    return schema(json.getTypeFactory().constructType(type), true);
  }

  private ObjectNode schema(JavaType type, boolean request) {
    Class<?> raw = type.getRawClass();
    ObjectNode schema = json.createObjectNode();
    if (raw == String.class) {
      schema.put("type", "string");
    } else if (raw == boolean.class || raw == Boolean.class) {
      schema.put("type", "boolean");
    } else if (raw == int.class
        || raw == Integer.class
        || raw == short.class
        || raw == Short.class) {
      schema.put("type", "integer").put("format", "int32");
    } else if (raw == long.class || raw == Long.class || raw == BigInteger.class) {
      schema.put("type", "integer").put("format", "int64");
    } else if (raw == BigDecimal.class || raw == double.class || raw == Double.class) {
      schema.put("type", "number");
    } else if (JsonNode.class.isAssignableFrom(raw) || raw == Object.class) {
      return schema; // any JSON value
    } else if (raw.isEnum()) {
      schema.put("type", "string");
      ArrayNode values = schema.putArray("enum");
      for (Object constant : raw.getEnumConstants()) {
        values.add(
            json.valueToTree(constant)
                .asText()); // as Jackson writes it (@JsonValue, @JsonProperty)
      }
    } else if (type.isCollectionLikeType() || type.isArrayType()) {
      schema.put("type", "array").set("items", schema(type.getContentType(), request));
    } else if (type.isMapLikeType() && type.getKeyType().getRawClass() == String.class) {
      schema
          .put("type", "object")
          .set("additionalProperties", schema(type.getContentType(), request));
    } else if (raw.isRecord()) {
      return schema.put("$ref", "#/components/schemas/" + component(type, request));
    } else {
      throw new IllegalArgumentException(
          "cannot describe " + type + " in the OpenAPI document: use a record");
    }
    return schema;
  }

  /** Registers the record's component once (recursion-safe) and returns its name. */
  private String component(JavaType type, boolean request) {
    String name = name(type);
    Owner owner = owners.putIfAbsent(name, new Owner(type, request));
    if (owner != null) {
      if (!owner.equals(new Owner(type, request))) {
        throw new IllegalStateException(
            "the OpenAPI schema name "
                + name
                + " stands for two types (or one type as"
                + " both request and response): "
                + owner
                + ", "
                + type);
      }
      return name;
    }
    ObjectNode schema = components.putObject(name);
    schema.put("type", "object");
    ApiDoc typeDoc = type.getRawClass().getAnnotation(ApiDoc.class);
    if (typeDoc != null && !typeDoc.value().isEmpty()) {
      schema.put("description", typeDoc.value());
    }
    BeanDescription bean = json.getSerializationConfig().introspect(type);
    JsonInclude.Include classInclusion =
        bean.findPropertyInclusion(json.getSerializationConfig().getDefaultPropertyInclusion())
            .getValueInclusion();
    ArrayNode required = json.createArrayNode();
    ObjectNode properties = schema.putObject("properties");
    for (BeanPropertyDefinition property : bean.findProperties()) {
      AnnotatedMember accessor = property.getAccessor();
      if (accessor == null) {
        continue; // written by the mapper only when read, never serialized
      }
      ApiDoc doc = accessor.getAnnotation(ApiDoc.class);
      JsonInclude.Include inclusion = property.findInclusion().getValueInclusion();
      boolean omitsNull =
          OMITS_NULL.contains(
              inclusion == JsonInclude.Include.USE_DEFAULTS ? classInclusion : inclusion);
      boolean nullable = doc != null && doc.nullable() && !property.getPrimaryType().isPrimitive();
      ObjectNode value = schema(property.getPrimaryType(), request);
      if (nullable && !omitsNull) {
        value = orNull(value);
      }
      if (doc != null && !doc.format().isEmpty()) {
        value.put("format", doc.format());
      }
      if (doc != null && !doc.value().isEmpty()) {
        value.put("description", doc.value());
      }
      properties.set(property.getName(), value);
      if (!(nullable && (omitsNull || request))) {
        required.add(property.getName());
      }
    }
    if (!required.isEmpty()) {
      schema.set("required", required);
    }
    return name;
  }

  /**
   * {@code schema} widened to admit null: a type list for scalars, an {@code anyOf} around a
   * reference.
   */
  private ObjectNode orNull(ObjectNode schema) {
    if (schema.has("type") && schema.get("type").isTextual()) {
      String type = schema.get("type").asText();
      schema.putArray("type").add(type).add("null");
      if (schema.has("enum")) {
        ((ArrayNode) schema.get("enum")).addNull();
      }
      return schema;
    }
    ObjectNode wrapper = json.createObjectNode();
    wrapper.putArray("anyOf").add(schema).addObject().put("type", "null");
    return wrapper;
  }

  /**
   * {@code Page<TransactionView>} is {@code TransactionViewPage}; a plain record is its simple
   * name.
   */
  private static String name(JavaType type) {
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < type.containedTypeCount(); i++) {
      name.append(name(type.containedType(i)));
    }
    return name.append(type.getRawClass().getSimpleName()).toString();
  }
}
