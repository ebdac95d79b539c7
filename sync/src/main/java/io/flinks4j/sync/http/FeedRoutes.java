package io.flinks4j.sync.http;

import io.flinks4j.sync.feed.ChangeFeed;
import io.flinks4j.sync.login.LoginRepository;
import io.flinks4j.sync.login.StoredLogin;
import io.flinks4j.sync.storage.Database;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /v1/logins/{loginId}/transactions/sync}: what changed in a login's transactions since
 * a cursor.
 */
public final class FeedRoutes implements ApiRoutes {

  /** The answer of the change feed. */
  @ApiDoc("Transaction changes after a cursor, each transaction once at its latest change")
  record TransactionChanges(
      @ApiDoc("new to a reader at the cursor: upsert by (accountId, id)")
          List<ChangeFeed.ChangedTransaction> added,
      @ApiDoc("changed since the cursor: upsert by (accountId, id)")
          List<ChangeFeed.ChangedTransaction> modified,
      @ApiDoc("gone from Flinks: delete by (accountId, id)")
          List<ChangeFeed.RemovedTransaction> removed,
      @ApiDoc("pass as cursor next time; durable, store it with the data") String nextCursor,
      @ApiDoc("true: call again now with nextCursor") boolean hasMore) {}

  private final LoginRepository logins;
  private final ChangeFeed feed;

  public FeedRoutes(Database database, LoginRepository logins) {
    this.logins = logins;
    this.feed = new ChangeFeed(database);
  }

  @Override
  public void addTo(ApiRouter router) {
    router.get(
        "/v1/logins/{loginId}/transactions/sync",
        Operation.summary(
                "Transactions added, modified and removed since a cursor (like Plaid's /transactions/sync)")
            .query(
                "cursor", "string", "nextCursor of the previous call; omit for everything stored")
            .query(
                "limit",
                "integer",
                "changes per page, 1-"
                    + ReadRoutes.MAX_LIMIT
                    + ", default "
                    + ReadRoutes.DEFAULT_LIMIT)
            .response(
                200,
                "Changes after the cursor: apply added and modified as upserts by (accountId, id),"
                    + " removed as deletes",
                TransactionChanges.class),
        this::sync);
  }

  private void sync(Context ctx) {
    StoredLogin login =
        logins
            .find(ctx.pathParam("loginId"))
            .orElseThrow(() -> ApiException.notFound("no such login"));
    String kind = "sync:" + login.id();
    long after =
        ReadRoutes.cursor(ctx)
            .map(raw ->
                ReadRoutes.parseLong(Cursor.decode(kind, raw, 1)[0]).orElseThrow(Cursor::invalid))
            .orElse(0L);
    ChangeFeed.Page page = feed.page(login.id(), after, ReadRoutes.limit(ctx));
    ctx.json(
        new TransactionChanges(
            page.added(),
            page.modified(),
            page.removed(),
            Cursor.encode(kind, String.valueOf(page.next())),
            page.hasMore()));
  }
}
