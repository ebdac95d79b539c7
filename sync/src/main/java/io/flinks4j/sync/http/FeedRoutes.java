package io.flinks4j.sync.http;

import io.flinks4j.sync.feed.ChangeFeed;
import io.flinks4j.sync.login.LoginRepository;
import io.flinks4j.sync.login.StoredLogin;
import io.flinks4j.sync.storage.Database;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /v1/logins/{loginId}/transactions/sync}: what changed in a login's transactions since a cursor. */
public final class FeedRoutes implements ApiRoutes {

  private static final String CHANGE_SCHEMA = """
      {"type":"object","properties":{
        "id":{"type":"string","description":"Flinks transaction id"},
        "accountId":{"type":"string","description":"use in /v1/accounts/{accountId}"},
        "date":{"type":"string","format":"date"},"description":{"type":["string","null"]},
        "debit":{"type":["number","null"]},"credit":{"type":["number","null"]},
        "balance":{"type":["number","null"]},"code":{"type":["string","null"]},
        "version":{"type":"integer","description":"1 when first seen, +1 per modification"}}}""";
  private static final String PAGE_SCHEMA = """
      {"type":"object","required":["added","modified","removed","nextCursor","hasMore"],"properties":{
        "added":{"type":"array","items":%1$s},
        "modified":{"type":"array","items":%1$s},
        "removed":{"type":"array","items":{"type":"object","properties":{
          "id":{"type":"string"},"accountId":{"type":"string"}}}},
        "nextCursor":{"type":"string","description":"pass as cursor next time; durable, store it with the data"},
        "hasMore":{"type":"boolean","description":"true: call again now with nextCursor"}}}""".formatted(CHANGE_SCHEMA);

  private final LoginRepository logins;
  private final ChangeFeed feed;

  public FeedRoutes(Database database, LoginRepository logins) {
    this.logins = logins;
    this.feed = new ChangeFeed(database);
  }

  @Override
  public void addTo(ApiRouter router) {
    router.get("/v1/logins/{loginId}/transactions/sync",
        Operation.summary("Transactions added, modified and removed since a cursor (like Plaid's /transactions/sync)")
            .query("cursor", "string", "nextCursor of the previous call; omit for everything stored")
            .query("limit", "integer", "changes per page, 1-" + ReadRoutes.MAX_LIMIT + ", default "
                + ReadRoutes.DEFAULT_LIMIT)
            .response(200, "Changes after the cursor: apply added and modified as upserts by (accountId, id),"
                + " removed as deletes", PAGE_SCHEMA),
        this::sync);
  }

  private void sync(Context ctx) {
    StoredLogin login = logins.find(ctx.pathParam("loginId"))
        .orElseThrow(() -> ApiException.notFound("no such login"));
    String kind = "sync:" + login.id();
    long after = ReadRoutes.cursor(ctx)
        .map(raw -> ReadRoutes.parseLong(Cursor.decode(kind, raw, 1)[0]).orElseThrow(Cursor::invalid))
        .orElse(0L);
    ChangeFeed.Page page = feed.page(login.id(), after, ReadRoutes.limit(ctx));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("added", page.added());
    body.put("modified", page.modified());
    body.put("removed", page.removed());
    body.put("nextCursor", Cursor.encode(kind, String.valueOf(page.next())));
    body.put("hasMore", page.hasMore());
    ctx.json(body);
  }
}
