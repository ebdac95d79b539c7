package io.flinks4j.sync.connect;

import io.flinks4j.client.FlinksClient;
import io.flinks4j.client.error.FlinksException;
import io.flinks4j.sync.http.ApiDoc;
import io.flinks4j.sync.http.ApiException;
import io.flinks4j.sync.http.ApiRouter;
import io.flinks4j.sync.http.ApiRoutes;
import io.flinks4j.sync.http.Operation;
import io.flinks4j.sync.login.LoginInput;
import io.javalin.http.Context;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/connect/sessions}: a Flinks Connect URL with a freshly minted authorize token, so
 * an operator (or the lender's own page) can connect a bank without holding the Flinks secret key.
 * The page embeds it in an iframe, listens for Connect's {@code REDIRECT} message from {@link
 * #origin} and registers the loginId it carries with {@code POST /v1/logins}.
 */
public final class ConnectRoutes implements ApiRoutes {

  private final FlinksClient client;

  public ConnectRoutes(FlinksClient client) {
    this.client = client;
  }

  /**
   * The origin ({@code scheme://host[:port]}) Connect's pages are served from and post their
   * messages from.
   */
  public static String origin(URI connectPage) {
    return connectPage.getScheme() + "://" + connectPage.getRawAuthority();
  }

  @ApiDoc("What to pass to Connect; an empty body is none")
  record ConnectSessionRequest(
      @ApiDoc(
              value =
                  "at most 200 characters without control characters; passed to Connect, comes back in its"
                      + " redirect",
              nullable = true)
          String tag) {}

  @ApiDoc("A Flinks Connect URL to embed in an iframe")
  record ConnectSession(
      @ApiDoc(value = "single use: ask again for another connection", format = "uri") String url,
      @ApiDoc("origin of Connect's postMessage events") String origin) {}

  @Override
  public void addTo(ApiRouter router) {
    router.post(
        "/v1/connect/sessions",
        Operation.summary(
                "A Flinks Connect URL with a fresh authorize token, to embed in an iframe; the REDIRECT"
                    + " message it posts carries the loginId to register")
            .optionalRequestBody(ConnectSessionRequest.class)
            .response(201, "The Connect URL", ConnectSession.class)
            .error(502, "Flinks could not mint a token"),
        ctx -> create(ctx, router));
  }

  private void create(Context ctx, ApiRouter router) {
    ConnectSessionRequest body =
        router.hasBody(ctx)
            ? router.readJson(ctx, ConnectSessionRequest.class)
            : new ConnectSessionRequest(null);
    Optional<String> tag = Optional.ofNullable(body.tag()).filter(t -> !t.isBlank());
    if (tag.isPresent() && !LoginInput.isValidTag(tag.get())) {
      throw ApiException.badRequest(
          "invalid_tag",
          "tag must be at most "
              + LoginInput.MAX_TAG_LENGTH
              + " characters without control characters");
    }
    Map<String, String> launch = new LinkedHashMap<>();
    tag.ifPresent(t -> launch.put("tag", t));
    URI url;
    try {
      url = client.connectUrl(launch);
    } catch (FlinksException e) {
      throw new ApiException(
          502,
          "flinks_unavailable",
          "Flinks did not mint an authorize token"
              + e.flinksCode().map(code -> " (" + code + ")").orElse(""));
    }
    ctx.status(201).json(new ConnectSession(url.toString(), origin(client.connectPage())));
  }
}
