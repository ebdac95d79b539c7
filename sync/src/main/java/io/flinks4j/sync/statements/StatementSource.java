package io.flinks4j.sync.statements;

import io.flinks4j.client.AuthorizeRequest;
import io.flinks4j.client.AuthorizeResult;
import io.flinks4j.client.DetailOptions;
import io.flinks4j.client.FlinksClient;
import io.flinks4j.client.model.Statements;
import java.util.List;

/**
 * Where statements come from: a cached Flinks session per fetch, so tests can put the sandbox or a
 * fake behind.
 */
@FunctionalInterface
public interface StatementSource {

  /**
   * The login's statements, {@code count} per account, of {@code accountIds} only (empty: all).
   *
   * @throws io.flinks4j.client.error.FlinksException as the client raises it (a 202 while Flinks
   *     still aggregates included)
   * @throws MfaRequiredException when Flinks asks security questions even for a cached session
   */
  Statements fetch(String loginId, DetailOptions.NumberOfStatements count, List<String> accountIds);

  /**
   * Opens a cached session ({@code /Authorize} with a fresh token) and calls {@code
   * /GetStatements}.
   */
  static StatementSource over(FlinksClient client) {
    return (loginId, count, accountIds) ->
        switch (client.authorize().open(AuthorizeRequest.cached(loginId))) {
          case AuthorizeResult.Authorized session ->
              client.statements().get(session.requestId(), count, accountIds);
          case AuthorizeResult.MfaChallenge mfa -> throw new MfaRequiredException();
        };
  }

  /**
   * The cached session asked for MFA answers: a live refresh through {@code
   * /v1/logins/{loginId}/mfa} comes first.
   */
  final class MfaRequiredException extends RuntimeException {
    MfaRequiredException() {
      super(
          "Flinks asks security questions for this login; finish a refresh first",
          null,
          false,
          false);
    }
  }
}
