package io.flinks4j.sync.retrieval;

import io.flinks4j.sync.http.ApiDoc;
import io.flinks4j.sync.http.ApiException;
import io.flinks4j.sync.http.ApiRouter;
import io.flinks4j.sync.http.ApiRoutes;
import io.flinks4j.sync.http.Operation;
import io.flinks4j.sync.login.LoginRepository;
import io.flinks4j.sync.login.StoredLogin;
import io.flinks4j.sync.storage.Database;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v1/logins/{loginId}/retrievals}: a login's latest retrievals, each with its step
 * timeline.
 */
public final class RetrievalHistoryRoutes implements ApiRoutes {

  private final Database database;
  private final LoginRepository logins;
  private final RetrievalStore store;
  private final RetrievalEngine engine; // mints the relaunch URL of a retrieval waiting for MFA

  public RetrievalHistoryRoutes(Database database, LoginRepository logins, RetrievalEngine engine) {
    this.database = database;
    this.logins = logins;
    this.store = engine.store();
    this.engine = engine;
  }

  @Override
  public void addTo(ApiRouter router) {
    router.get(
        "/v1/logins/{loginId}/retrievals",
        Operation.summary(
                "A login's latest "
                    + RetrievalSteps.KEPT_PER_LOGIN
                    + " retrievals, newest first, each with its timeline of steps")
            .response(200, "The retrievals", RetrievalHistory.class),
        this::history);
  }

  /**
   * {@code GET /v1/logins/{loginId}/retrievals}: few retrievals are kept per login, so no paging.
   */
  record RetrievalHistory(List<RetrievalWithSteps> data) {}

  @ApiDoc("A retrieval and its steps, oldest first")
  record RetrievalWithSteps(RetrievalView retrieval, List<Timeline.TimelineStep> steps) {}

  private void history(Context ctx) {
    StoredLogin login =
        logins
            .find(ctx.pathParam("loginId"))
            .orElseThrow(() -> ApiException.notFound("no such login"));
    List<RetrievalWithSteps> data =
        database.inTransaction(c -> {
          List<RetrievalWithSteps> retrievals = new ArrayList<>();
          for (Retrieval r : store.recentOf(c, login.id(), RetrievalSteps.KEPT_PER_LOGIN)) {
            retrievals.add(
                new RetrievalWithSteps(
                    RetrievalView.of(r, engine), Timeline.of(RetrievalSteps.of(c, r.id()))));
          }
          return retrievals;
        });
    ctx.json(new RetrievalHistory(data));
  }
}
