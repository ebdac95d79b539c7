package io.flinks4j.client.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * PDF statements of a login as returned by a 200 from {@code /GetStatements} (Canada only).
 *
 * @param httpStatusCode the {@code HttpStatusCode} in the body, or null
 * @param statementsByAccount statements grouped by account
 * @param login the login, or null
 * @param institution institution code, or null
 * @param requestId the session's RequestId, or null
 * @param extra fields not modelled here, kept as received
 * @param raw the body exactly as received
 */
public record Statements(
    Integer httpStatusCode,
    List<AccountStatements> statementsByAccount,
    Login login,
    String institution,
    String requestId,
    Map<String, JsonNode> extra,
    @JsonIgnore RawJson raw) {

  public Statements {
    statementsByAccount = Extras.list(statementsByAccount);
    extra = Extras.of(extra);
  }

  @Override
  public String toString() {
    return "Statements[requestId="
        + requestId
        + ", institution="
        + institution
        + ", accounts="
        + statementsByAccount.size()
        + "]";
  }
}
