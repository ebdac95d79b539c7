package io.flinks4j.client;

import java.util.List;

/**
 * Logins (Flinks' "cards") as a whole, reached as {@code flinks.logins()}: deleting one and its
 * data.
 */
public final class LoginsResource {
  private final Transport transport;

  LoginsResource(Transport transport) {
    this.transport = transport;
  }

  /**
   * {@code DELETE /DeleteCard/{loginId}}: deletes the login and all its data at Flinks.
   *
   * @throws io.flinks4j.client.error.TemporarilyUnavailableException with {@code CARD_IN_USE} while
   *     the login is still being processed
   */
  public void delete(String loginId) {
    AuthorizeRequest.requireText(loginId, "loginId");
    transport.send(
        ApiRequest.to(Endpoints.DELETE_CARD)
            .withPathParameter("loginId", loginId)
            .withSecrets(List.of(loginId)));
  }

  @Override
  public String toString() {
    return "LoginsResource";
  }
}
