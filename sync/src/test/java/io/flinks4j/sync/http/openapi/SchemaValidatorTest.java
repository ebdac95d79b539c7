package io.flinks4j.sync.http.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The contract test's validator catches what it must: it would be no check at all if it accepted
 * everything.
 */
class SchemaValidatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode document =
      read(
          """
          {"components":{"schemas":{
            "Login":{"type":"object","required":["id","state","balance"],"properties":{
              "id":{"type":"string","format":"uuid"},
              "state":{"type":"string","enum":["ready","failed"]},
              "balance":{"anyOf":[{"$ref":"#/components/schemas/Balance"},{"type":"null"}]},
              "tags":{"type":"array","items":{"type":"string"}},
              "at":{"type":["string","null"],"format":"date-time"}}},
            "Balance":{"type":"object","required":["amount"],"properties":{"amount":{"type":"number"}}}}}}
          """);
  private final SchemaValidator validator = new SchemaValidator(document);
  private final JsonNode login = read("{\"$ref\":\"#/components/schemas/Login\"}");

  @Test
  void a_conforming_value_has_no_errors() {
    assertThat(
            validator.validate(
                read(
                    """
                    {"id":"5602459c-f6d0-4ca0-6750-08dccdcadcc0","state":"ready","balance":{"amount":1.5},
                     "tags":["a"],"at":null}\
                    """),
                login))
        .isEmpty();
    assertThat(
            validator.validate(
                read(
                    """
                    {"id":"5602459c-f6d0-4ca0-6750-08dccdcadcc0","state":"failed","balance":null,
                     "at":"2026-01-01T00:00:00Z"}\
                    """),
                login))
        .isEmpty();
  }

  @Test
  void each_kind_of_break_is_reported_with_its_path() {
    assertThat(
            validator.validate(
                read(
                    """
                    {"id":"nope","state":"lost","balance":{"amount":"1"},"tags":[1],"at":"yesterday","extra":true}\
                    """),
                login))
        .hasSize(6)
        .anyMatch(error -> error.startsWith("$.id: not a uuid"))
        .anyMatch(error -> error.startsWith("$.state: \"lost\" is not one of"))
        .anyMatch(error -> error.startsWith("$.balance: matches no branch"))
        .anyMatch(error -> error.startsWith("$.tags[0]: number where the schema says \"string\""))
        .anyMatch(error -> error.startsWith("$.at: not a date-time"))
        .anyMatch(error -> error.startsWith("$.extra: not in the document"));
    assertThat(validator.validate(read("{\"state\":\"ready\",\"balance\":null}"), login))
        .containsExactly("$: required property id is missing");
  }

  @Test
  void a_keyword_the_validator_does_not_know_is_an_error_not_a_pass() {
    assertThat(validator.validate(read("\"x\""), read("{\"type\":\"string\",\"pattern\":\"^y$\"}")))
        .containsExactly("$: the schema uses pattern, which this validator does not check");
  }

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
