package io.flinks4j.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Account holder (KYC) data; every field may be null, including the whole address.
 *
 * @param name holder name
 * @param address postal address, or null
 * @param email e-mail address
 * @param phoneNumber phone number as the bank formats it
 * @param extra fields not modelled here, kept as received
 */
public record Holder(
    String name, Address address, String email, String phoneNumber, Map<String, JsonNode> extra) {
  public Holder {
    extra = Extras.of(extra);
  }
}
