package io.flinks4j.sync.retrieval;

import io.flinks4j.sync.http.ApiException;
import io.flinks4j.sync.http.ApiRouter;
import io.flinks4j.sync.http.ApiRoutes;
import io.flinks4j.sync.http.Operation;
import io.flinks4j.sync.login.LoginRepository;
import io.flinks4j.sync.login.StoredLogin;
import io.flinks4j.sync.storage.Database;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/logins/{loginId}/retrievals}: a login's latest retrievals, each with its step timeline. */
public final class RetrievalHistoryRoutes implements ApiRoutes {

  private static final String STEP_SCHEMA = """
      {"type":"object","properties":{
        "id":{"type":"integer","description":"also the id of its event on /v1/events/stream"},
        "at":{"type":"string","format":"date-time"},
        "event":{"enum":["requested","restarted","authorize","session_opened","poll","mfa_required","mfa_answered",
          "retry","processing","ready","failed","timed_out"]},
        "state":{"type":"string"},"polls":{"type":"integer"},"attempts":{"type":"integer"},
        "reason":{"type":"string","description":"why the step retried or the retrieval ended"},
        "message":{"type":["string","null"]},
        "elapsedMs":{"type":"integer","description":"since the retrieval was requested"},
        "sincePreviousMs":{"type":"integer"}}}""";

  private final Database database;
  private final LoginRepository logins;
  private final RetrievalStore store;

  public RetrievalHistoryRoutes(Database database, LoginRepository logins, RetrievalEngine engine) {
    this.database = database;
    this.logins = logins;
    this.store = engine.store();
  }

  @Override
  public void addTo(ApiRouter router) {
    router.get("/v1/logins/{loginId}/retrievals",
        Operation.summary("A login's latest " + RetrievalSteps.KEPT_PER_LOGIN
                + " retrievals, newest first, each with its timeline of steps")
            .response(200, "The retrievals", """
                {"type":"object","properties":{"data":{"type":"array","items":{"type":"object","properties":{
                  "retrieval":{"type":"object","description":"as answered by POST /v1/logins/{loginId}/refresh"},
                  "steps":{"type":"array","items":%s}}}}}}""".formatted(STEP_SCHEMA)),
        this::history);
  }

  private void history(Context ctx) {
    StoredLogin login = logins.find(ctx.pathParam("loginId"))
        .orElseThrow(() -> ApiException.notFound("no such login"));
    List<Map<String, Object>> data = database.inTransaction(c -> {
      List<Map<String, Object>> retrievals = new ArrayList<>();
      for (Retrieval r : store.recentOf(c, login.id(), RetrievalSteps.KEPT_PER_LOGIN)) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("retrieval", RetrievalView.of(r));
        item.put("steps", Timeline.of(RetrievalSteps.of(c, r.id())));
        retrievals.add(item);
      }
      return retrievals;
    });
    ctx.json(Map.of("data", data));
  }
}
