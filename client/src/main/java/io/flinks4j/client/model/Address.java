package io.flinks4j.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Postal address of an account holder as the bank reports it; every part may be null.
 *
 * @param civicAddress street address
 * @param city city
 * @param province province or state code
 * @param postalCode postal or ZIP code
 * @param poBox post-office box
 * @param country country code
 * @param extra fields not modelled here, kept as received
 */
public record Address(
    String civicAddress,
    String city,
    String province,
    String postalCode,
    String poBox,
    String country,
    Map<String, JsonNode> extra) {
  public Address {
    extra = Extras.of(extra);
  }
}
