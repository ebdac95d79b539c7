package io.flinks4j.sync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The component schemas follow the records as Jackson writes them: names, ignored fields, nulls,
 * enums.
 */
class SchemaGeneratorTest {

  private final ObjectMapper json = ApiServer.jsonMapper();
  private final ObjectNode components = json.createObjectNode();
  private final SchemaGenerator generator = new SchemaGenerator(json, components);

  enum Colour {
    DEEP_RED;

    @JsonValue
    String wire() {
      return "deep-red";
    }
  }

  record Item(
      @JsonIgnore long rowId,
      @JsonProperty("id") String itemId,
      @ApiDoc(value = "when", format = "date-time") String at,
      @ApiDoc(nullable = true) BigDecimal amount,
      @ApiDoc(nullable = true) Item parent,
      int count,
      Colour colour,
      List<String> labels,
      Map<String, Boolean> flags) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Sparse(String id, @ApiDoc(nullable = true) String note) {}

  record Request(String id, @ApiDoc(nullable = true) String note) {}

  static final class Bean {
    public String name;
  }

  @Test
  void a_record_is_a_named_component_with_the_properties_jackson_writes() {
    assertThat(generator.schemaOf(Item.class).path("$ref").asText())
        .isEqualTo("#/components/schemas/Item");

    JsonNode item = components.path("Item");
    assertThat(item.path("properties").properties())
        .extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrderElementsOf(
            json.valueToTree(sample()).properties().stream().map(Map.Entry::getKey).toList())
        .contains("id")
        .doesNotContain("rowId", "itemId");
    assertThat(item.path("required")).hasSize(8);
    assertThat(item.at("/properties/at/format").asText()).isEqualTo("date-time");
    assertThat(item.at("/properties/at/description").asText()).isEqualTo("when");
    assertThat(item.at("/properties/count/type").asText()).isEqualTo("integer");
    assertThat(item.at("/properties/labels/items/type").asText()).isEqualTo("string");
    assertThat(item.at("/properties/flags/additionalProperties/type").asText())
        .isEqualTo("boolean");
  }

  @Test
  void a_nullable_component_admits_null_and_stays_required_when_jackson_writes_nulls() {
    generator.schemaOf(Item.class);

    assertThat(components.at("/Item/properties/amount/type").toString())
        .isEqualTo("[\"number\",\"null\"]");
    assertThat(components.at("/Item/properties/parent/anyOf").toString())
        .isEqualTo("[{\"$ref\":\"#/components/schemas/Item\"},{\"type\":\"null\"}]");
    assertThat(components.at("/Item/required").toString()).contains("\"amount\"", "\"parent\"");
  }

  @Test
  void a_nullable_component_of_a_non_null_record_is_optional_instead() {
    generator.schemaOf(Sparse.class);

    assertThat(components.at("/Sparse/properties/note/type").asText()).isEqualTo("string");
    assertThat(components.at("/Sparse/required").toString()).isEqualTo("[\"id\"]");
  }

  @Test
  void a_nullable_component_of_a_request_may_be_left_out() {
    generator.requestSchemaOf(Request.class);

    assertThat(components.at("/Request/required").toString()).isEqualTo("[\"id\"]");
  }

  @Test
  void enum_values_are_the_ones_jackson_writes() {
    generator.schemaOf(Item.class);

    assertThat(components.at("/Item/properties/colour/enum").toString())
        .isEqualTo("[\"deep-red\"]");
  }

  @Test
  void a_page_of_records_is_named_after_its_items() {
    JsonNode ref = generator.schemaOf(new TypeReference<Page<Item>>() {}.getType());

    assertThat(ref.path("$ref").asText()).isEqualTo("#/components/schemas/ItemPage");
    assertThat(components.at("/ItemPage/properties/data/items/$ref").asText())
        .isEqualTo("#/components/schemas/Item");
    assertThat(components.at("/ItemPage/required").toString()).contains("nextCursor");
  }

  @Test
  void two_records_with_one_name_or_a_non_record_are_refused() {
    record Item(String other) {}
    generator.schemaOf(SchemaGeneratorTest.Item.class);

    assertThatThrownBy(() -> generator.schemaOf(Item.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Item");
    assertThatThrownBy(() -> generator.schemaOf(Bean.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use a record");
  }

  private static Item sample() {
    return new Item(
        1,
        "t1",
        "2026-01-01T00:00:00Z",
        BigDecimal.ONE,
        null,
        2,
        Colour.DEEP_RED,
        List.of("a"),
        Map.of("f", true));
  }
}
