package io.flinks4j.sync.retrieval;

import io.flinks4j.client.AuthorizeRequest;
import io.flinks4j.client.AuthorizeResult;
import io.flinks4j.client.DetailOptions;
import io.flinks4j.client.DetailResponse;
import io.flinks4j.client.FlinksClient;
import io.flinks4j.sync.login.LoginOptions;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * {@link FlinksGateway} over the client's low-level calls (never its blocking {@code retrieve}), so
 * each engine step is one short HTTP exchange.
 */
public final class ClientFlinksGateway implements FlinksGateway {

  private final FlinksClient client;
  private final DetailOptions options;
  private final int firstDays;
  private final int refreshDays;

  /**
   * @param options what to ask {@code /GetAccountsDetail} for (transactions, KYC, ...) unless a
   *     login says otherwise
   * @param firstDays days of transactions of a login's first retrieval, unless the login sets its
   *     own
   * @param refreshDays days of transactions of its later retrievals, unless the login sets its own
   */
  public ClientFlinksGateway(
      FlinksClient client, DetailOptions options, int firstDays, int refreshDays) {
    this.client = client;
    this.options = options;
    this.firstDays = firstDays;
    this.refreshDays = refreshDays;
  }

  @Override
  public Session openSession(String loginId, RetrievalMode mode) {
    AuthorizeRequest request =
        mode == RetrievalMode.LIVE
            ? AuthorizeRequest.live(loginId)
            : AuthorizeRequest.cached(loginId);
    return session(client.authorize().open(request));
  }

  @Override
  public Session answerMfa(String requestId, Map<String, List<String>> answers) {
    return session(client.authorize().open(AuthorizeRequest.mfaAnswers(requestId, answers)));
  }

  @Override
  public Detail requestDetail(String requestId, DetailRequest request) {
    return detail(client.accounts().detail(requestId, optionsFor(request)));
  }

  /** The service's options with the login's over them. */
  DetailOptions optionsFor(DetailRequest request) {
    LoginOptions login = request.options();
    DetailOptions.Builder builder =
        options.toBuilder()
            .daysOfTransactions(login.days().orElse(request.first() ? firstDays : refreshDays))
            .accountsFilter(login.accountIds());
    login.withKyc().ifPresent(builder::withKyc);
    login.withAccountIdentity().ifPresent(builder::withAccountIdentity);
    return builder.build();
  }

  @Override
  public Detail pollDetail(String requestId) {
    return detail(client.accounts().detailAsync(requestId));
  }

  @Override
  public void deleteCard(String loginId) {
    client.logins().delete(loginId);
  }

  @Override
  public URI relaunchUrl(String requestId) {
    return client.connectRelaunchUrl(requestId);
  }

  private static Session session(AuthorizeResult result) {
    return switch (result) {
      case AuthorizeResult.Authorized authorized -> new Session.Authorized(authorized.requestId());
      case AuthorizeResult.MfaChallenge mfa ->
          new Session.Mfa(
              mfa.requestId(),
              mfa.challenges().stream()
                  .map(c -> new MfaChallenge(c.type(), c.prompt(), c.choices()))
                  .toList());
    };
  }

  private static Detail detail(DetailResponse response) {
    return switch (response) {
      case DetailResponse.Ready ready -> new Detail.Ready(ready.detail());
      case DetailResponse.Pending pending -> new Detail.Pending();
    };
  }
}
