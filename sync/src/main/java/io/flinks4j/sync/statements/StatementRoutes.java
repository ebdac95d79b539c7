package io.flinks4j.sync.statements;

import com.fasterxml.jackson.core.type.TypeReference;
import io.flinks4j.client.DetailOptions;
import io.flinks4j.client.FlinksCode;
import io.flinks4j.client.error.FlinksException;
import io.flinks4j.client.model.Statements;
import io.flinks4j.sync.http.ApiDoc;
import io.flinks4j.sync.http.ApiException;
import io.flinks4j.sync.http.ApiRouter;
import io.flinks4j.sync.http.ApiRoutes;
import io.flinks4j.sync.http.Operation;
import io.flinks4j.sync.http.Page;
import io.flinks4j.sync.login.LoginRepository;
import io.flinks4j.sync.login.StoredLogin;
import io.flinks4j.sync.statements.StatementStore.StoredStatement;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * Statements of a login: fetch them from Flinks on request and keep them ({@code POST}), list them,
 * download one as a PDF.
 */
public final class StatementRoutes implements ApiRoutes {

  private static final List<String> COUNTS = List.of("MostRecent", "Months3", "Months12");

  @ApiDoc("Which statements to fetch; an empty body fetches the most recent")
  record FetchRequest(
      @ApiDoc(value = "per account: MostRecent (the default), Months3 or Months12", nullable = true)
          String numberOfStatements) {}

  /** The answer of a fetch. */
  @ApiDoc("How many fetched files were new, and every stored statement of the login")
  record FetchedStatements(
      @ApiDoc("files new in this fetch") int stored, List<StoredStatement> data) {}

  private final LoginRepository logins;
  private final StatementStore store;
  private final StatementSource source;

  public StatementRoutes(LoginRepository logins, StatementStore store, StatementSource source) {
    this.logins = logins;
    this.store = store;
    this.source = source;
  }

  @Override
  public void addTo(ApiRouter router) {
    router.post(
        "/v1/logins/{loginId}/statements",
        Operation.summary(
                "Fetch the login's PDF statements from Flinks (GetStatements) and keep the new ones")
            .optionalRequestBody(FetchRequest.class)
            .response(201, "Fetched; some files were new", FetchedStatements.class)
            .response(200, "Fetched; every file was stored already", FetchedStatements.class)
            .error(
                409,
                "Flinks is still aggregating the login (try again shortly), or asks MFA answers first")
            .error(502, "Flinks refused or could not be reached; nothing was stored"),
        ctx -> fetch(ctx, router));
    router.get(
        "/v1/logins/{loginId}/statements",
        Operation.summary("The login's stored statements (without their content), in one page")
            .response(200, "The statements", new TypeReference<Page<StoredStatement>>() {}),
        ctx -> ctx.json(new Page<>(store.list(login(ctx).id()), null)));
    router.get(
        "/v1/logins/{loginId}/statements/{statementId}",
        Operation.summary("One stored statement file, as Flinks sent it")
            .textResponse(200, "The file", "application/pdf"),
        this::download);
  }

  private void fetch(Context ctx, ApiRouter router) {
    StoredLogin login = login(ctx);
    DetailOptions.NumberOfStatements count = DetailOptions.NumberOfStatements.MOST_RECENT;
    String requested =
        router.hasBody(ctx) ? router.readJson(ctx, FetchRequest.class).numberOfStatements() : null;
    if (requested != null) {
      if (!COUNTS.contains(requested)) {
        throw ApiException.badRequest(
            "invalid_number_of_statements", "numberOfStatements must be one of " + COUNTS);
      }
      count = new DetailOptions.NumberOfStatements(requested);
    }
    Statements statements;
    try {
      statements = source.fetch(login.loginId(), count, login.options().accountIds());
    } catch (StatementSource.MfaRequiredException e) {
      throw ApiException.conflict("mfa_required", e.getMessage());
    } catch (FlinksException e) {
      throw unavailable(e);
    }
    int stored;
    try {
      stored = store.store(login.id(), statements);
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          502, "unreadable_statement", "Flinks sent a statement that is not valid Base64");
    }
    ctx.status(stored > 0 ? 201 : 200).json(new FetchedStatements(stored, store.list(login.id())));
  }

  private void download(Context ctx) {
    StoredLogin login = login(ctx);
    String raw = ctx.pathParam("statementId");
    Optional<byte[]> content =
        raw.matches("\\d{1,18}")
            ? store.content(login.id(), Long.parseLong(raw))
            : Optional.empty();
    byte[] bytes = content.orElseThrow(() -> ApiException.notFound("no such statement"));
    ctx.contentType("application/pdf")
        .header("Content-Disposition", "attachment; filename=\"statement-" + raw + ".pdf\"")
        .result(bytes);
  }

  private static ApiException unavailable(FlinksException e) {
    Optional<FlinksCode> code = e.flinksCode();
    if (e.httpStatus() == 202
        || code.filter(c ->
                c.equals(FlinksCode.OPERATION_PENDING) || c.equals(FlinksCode.OPERATION_DISPATCHED))
            .isPresent()) {
      return ApiException.conflict(
          "statements_pending", "Flinks is still aggregating this login; try again shortly");
    }
    return new ApiException(
        502,
        "flinks_unavailable",
        "Flinks refused or could not be reached"
            + code.map(c -> " (" + c + ")").orElse("")
            + "; nothing was stored");
  }

  private StoredLogin login(Context ctx) {
    return logins
        .find(ctx.pathParam("loginId"))
        .orElseThrow(() -> ApiException.notFound("no such login"));
  }
}
