package io.flinks4j.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Balances of one account; every amount may be null because banks report different subsets.
 *
 * @param available posted plus authorised amount
 * @param current posted amount only
 * @param limit credit or overdraft limit
 * @param extra fields not modelled here, kept as received
 */
public record Balance(
    BigDecimal available, BigDecimal current, BigDecimal limit, Map<String, JsonNode> extra) {
  public Balance {
    extra = Extras.of(extra);
  }
}
