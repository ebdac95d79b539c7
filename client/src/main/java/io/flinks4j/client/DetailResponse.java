package io.flinks4j.client;

import io.flinks4j.client.model.AccountsDetail;
import java.util.Optional;

/**
 * One answer of {@code /GetAccountsDetail} or its Async poll: the data, or "still processing" (a
 * 202 is the normal first answer, not an error).
 */
public sealed interface DetailResponse {

  /** The session's RequestId. */
  String requestId();

  /**
   * 200: the data is ready.
   *
   * @param detail the parsed payload, raw bytes included
   */
  record Ready(AccountsDetail detail) implements DetailResponse {
    @Override
    public String requestId() {
      return detail.requestId();
    }
  }

  /**
   * 202: still processing; poll {@code GetAccountsDetailAsync} with the same RequestId.
   *
   * @param requestId the session's RequestId
   * @param code {@code OPERATION_PENDING}, or {@code OPERATION_DISPATCHED} when a synchronous call
   *     ran past 210 s
   * @param partial accounts Flinks already included in a dispatched answer, if any
   */
  record Pending(String requestId, FlinksCode code, Optional<AccountsDetail> partial)
      implements DetailResponse {
    public Pending {
      partial = partial == null ? Optional.empty() : partial;
    }
  }
}
