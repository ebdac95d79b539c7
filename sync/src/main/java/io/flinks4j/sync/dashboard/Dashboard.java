package io.flinks4j.sync.dashboard;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operators' dashboard, so a lender can watch and drive its logins without writing a client:
 * one HTML page, a few script modules and one stylesheet, served from the classpath under a strict
 * Content-Security-Policy.
 *
 * <p>The files hold no data and no secret: the script asks the operator for an API key (kept in
 * {@code sessionStorage} only) and calls the {@code /v1} JSON API with it, so the files are served
 * without a key. The policy allows only this origin's script, style and API, and Trusted Types
 * forbid HTML injection sinks, so a login name containing markup can only ever be shown as text.
 */
public final class Dashboard {

  /** Where the page is served; its files are under {@code PATH + "/{asset}"}. */
  public static final String PATH = "/dashboard";

  static final String CONTENT_SECURITY_POLICY =
      String.join(
          "; ",
          "default-src 'none'",
          "script-src 'self'",
          "style-src 'self'",
          "connect-src 'self'",
          "img-src 'self'",
          "base-uri 'none'",
          "form-action 'none'",
          "frame-ancestors 'none'",
          "require-trusted-types-for 'script'",
          "trusted-types 'none'");

  private static final String PAGE = "index.html";

  /** The page's ES modules; {@code dashboard.js} imports the others. */
  static final List<String> SCRIPTS =
      List.of(
          "dashboard.js",
          "common.js",
          "chart.js",
          "mfa.js",
          "timeline.js",
          "connect.js",
          "live.js",
          "deadletters.js");

  private final Map<String, Asset> assets;
  private final String policy;

  private record Asset(String contentType, byte[] body) {}

  /**
   * Loads the files once.
   *
   * @param connectOrigin origin of the Flinks Connect page the dashboard may frame ("Connect a
   *     bank"); empty: none
   * @throws IllegalStateException when a file is missing from the classpath (a broken build)
   */
  public Dashboard(Optional<String> connectOrigin) {
    this.policy =
        connectOrigin
            .map(origin -> CONTENT_SECURITY_POLICY + "; frame-src " + origin)
            .orElse(CONTENT_SECURITY_POLICY);
    Map<String, Asset> files = new HashMap<>();
    files.put(PAGE, load(PAGE, "text/html; charset=utf-8"));
    files.put("dashboard.css", load("dashboard.css", "text/css; charset=utf-8"));
    for (String script : SCRIPTS) {
      files.put(script, load(script, "text/javascript; charset=utf-8"));
    }
    this.assets = Map.copyOf(files);
  }

  /** Handler for {@code GET /dashboard}. */
  public void page(Context ctx) {
    send(ctx, assets.get(PAGE));
  }

  /**
   * Handler for {@code GET /dashboard/{asset}}: the script or the stylesheet; anything else is a
   * 404.
   */
  public void asset(Context ctx) {
    String name = ctx.pathParam("asset");
    Asset asset = name.equals(PAGE) ? null : assets.get(name);
    if (asset == null) {
      throw new NotFoundResponse();
    }
    send(ctx, asset);
  }

  /** The Content-Security-Policy every file is served with. */
  String contentSecurityPolicy() {
    return policy;
  }

  private void send(Context ctx, Asset asset) {
    ctx.header("Content-Security-Policy", policy)
        .header("X-Content-Type-Options", "nosniff")
        .header("X-Frame-Options", "DENY")
        .header("Referrer-Policy", "no-referrer")
        .header("Cache-Control", "no-cache")
        .contentType(asset.contentType())
        .result(asset.body());
  }

  private static Asset load(String name, String contentType) {
    try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("dashboard file missing from the classpath: " + name);
      }
      return new Asset(contentType, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dashboard file " + name, e);
    }
  }
}
