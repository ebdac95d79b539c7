package io.flinks4j.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The statements of one account in a {@code /GetStatements} answer.
 *
 * @param accountNumber account number the statements belong to
 * @param statements the statement files
 * @param extra fields not modelled here, kept as received
 */
public record AccountStatements(
    String accountNumber, List<Statement> statements, Map<String, JsonNode> extra) {
  public AccountStatements {
    statements = Extras.list(statements);
    extra = Extras.of(extra);
  }
}
