package io.flinks4j.client;

import io.flinks4j.client.model.Statements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bank statements of an authorised session ({@code /GetStatements}), as {@code
 * flinks.statements()}.
 */
public final class StatementsResource {
  private final Transport transport;

  StatementsResource(Transport transport) {
    this.transport = transport;
  }

  /**
   * {@code POST /GetStatements} (Canada; needs {@code detailsAndStatementEnable=true} in Connect).
   *
   * @param numberOfStatements how many statements per account, or null for Flinks' default
   * @param accountsFilter only these AccountIds; empty for all
   */
  public Statements get(
      String requestId,
      DetailOptions.NumberOfStatements numberOfStatements,
      List<String> accountsFilter) {
    AuthorizeRequest.requireText(requestId, "requestId");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("RequestId", requestId);
    if (numberOfStatements != null) {
      body.put("NumberOfStatements", numberOfStatements.value());
    }
    if (accountsFilter != null && !accountsFilter.isEmpty()) {
      body.put("AccountsFilter", List.copyOf(accountsFilter));
    }
    return transport.send(
        ApiRequest.to(Endpoints.GET_STATEMENTS).withBody(body).withRequestId(requestId));
  }

  @Override
  public String toString() {
    return "StatementsResource";
  }
}
