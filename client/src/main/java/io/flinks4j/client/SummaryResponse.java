package io.flinks4j.client;

import io.flinks4j.client.model.AccountsSummary;

/**
 * One answer of {@code /GetAccountsSummary} or its Async poll: the accounts, or "still processing".
 */
public sealed interface SummaryResponse {

  /** The session's RequestId. */
  String requestId();

  /**
   * 200: the summary is ready.
   *
   * @param summary the parsed payload, raw bytes included
   */
  record Ready(AccountsSummary summary) implements SummaryResponse {
    @Override
    public String requestId() {
      return summary.requestId();
    }
  }

  /**
   * 202: still processing; poll {@code GetAccountsSummaryAsync}.
   *
   * @param requestId the session's RequestId
   * @param code {@code OPERATION_PENDING} or {@code OPERATION_DISPATCHED}
   */
  record Pending(String requestId, FlinksCode code) implements SummaryResponse {}
}
