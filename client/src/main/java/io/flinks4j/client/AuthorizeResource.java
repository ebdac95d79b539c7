package io.flinks4j.client;

import java.util.Objects;

/**
 * Sessions: {@code /GenerateAuthorizeToken} and {@code /Authorize}, reached as {@code
 * flinks.authorize()}. The flows of {@link FlinksClient} use it; call it directly to drive a
 * session step by step.
 */
public final class AuthorizeResource {
  private final Transport transport;

  AuthorizeResource(Transport transport) {
    this.transport = transport;
  }

  /**
   * {@code POST /GenerateAuthorizeToken} with the secret key: a single-use token for one session
   * (e.g. to launch Connect).
   */
  public AuthorizeToken generateToken() {
    return transport.send(ApiRequest.to(Endpoints.GENERATE_AUTHORIZE_TOKEN));
  }

  /**
   * {@code POST /Authorize}. Every attempt, retries included, mints its own token, since a previous
   * one may already be consumed. MFA answers also go out with a fresh token: the current docs never
   * require the first token again, so no token is ever sent twice.
   *
   * @return the open session (200, or 202 while aggregation still runs) or the MFA challenges (203)
   */
  public AuthorizeResult open(AuthorizeRequest request) {
    Objects.requireNonNull(request, "request");
    return transport.send(request.apiRequest());
  }

  @Override
  public String toString() {
    return "AuthorizeResource";
  }
}
