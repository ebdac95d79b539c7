package io.flinks4j.client;

import java.util.Map;
import java.util.Objects;

/**
 * Accounts of an authorised session: {@code /GetAccountsDetail}, {@code /GetAccountsSummary} and
 * their Async forms, reached as {@code flinks.accounts()}. Each method is one call (retries aside);
 * {@link FlinksClient#retrieve} does the polling for you.
 */
public final class AccountsResource {
  private final Transport transport;

  AccountsResource(Transport transport) {
    this.transport = transport;
  }

  /** {@code POST /GetAccountsDetail} for an authorised session: the data (200) or pending (202). */
  public DetailResponse detail(String requestId, DetailOptions options) {
    AuthorizeRequest.requireText(requestId, "requestId");
    Objects.requireNonNull(options, "options");
    return transport.send(
        ApiRequest.to(Endpoints.GET_ACCOUNTS_DETAIL)
            .withBody(options.body(requestId))
            .withRequestId(requestId));
  }

  /**
   * {@code GET /GetAccountsDetailAsync/{requestId}}, only after a 202: the data (200, built with
   * the options given to {@link #detail}) or still pending (202). One call, not a future: "Async"
   * is Flinks' name for the polling endpoint.
   */
  public DetailResponse detailAsync(String requestId) {
    return transport.send(byPath(Endpoints.GET_ACCOUNTS_DETAIL_ASYNC, requestId));
  }

  /** {@code POST /GetAccountsSummary}: accounts without transactions (200) or pending (202). */
  public SummaryResponse summary(String requestId) {
    AuthorizeRequest.requireText(requestId, "requestId");
    return transport.send(
        ApiRequest.to(Endpoints.GET_ACCOUNTS_SUMMARY)
            .withBody(Map.of("RequestId", requestId))
            .withRequestId(requestId));
  }

  /** {@code GET /GetAccountsSummaryAsync/{requestId}}, only after a 202 from {@link #summary}. */
  public SummaryResponse summaryAsync(String requestId) {
    return transport.send(byPath(Endpoints.GET_ACCOUNTS_SUMMARY_ASYNC, requestId));
  }

  private static <T> ApiRequest<T> byPath(Endpoint<T> endpoint, String requestId) {
    AuthorizeRequest.requireText(requestId, "requestId");
    return ApiRequest.to(endpoint)
        .withPathParameter("requestId", requestId)
        .withRequestId(requestId);
  }

  @Override
  public String toString() {
    return "AccountsResource";
  }
}
