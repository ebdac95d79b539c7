package io.flinks4j.sync.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * {@code GET /v1/version}: the release that answers and the Java it runs on, so an operator (or a
 * deploy check) can tell which build a load balancer reaches. The version is the POM's, written
 * into {@code version.properties} by the build.
 */
public final class VersionRoutes implements ApiRoutes {

  /** The route's path. */
  public static final String PATH = "/v1/version";

  private final Version body = new Version(version(), Runtime.version().toString());

  /** The answer of {@code GET /v1/version}. */
  record Version(
      // javaVersion, not java: a property named java breaks the Java client openapi-generator makes
      // (the field
      // hides the java.* packages in its generated code).
      @ApiDoc("flinks4j release, e.g. 0.2.0") String version,
      @ApiDoc("Java runtime version") String javaVersion) {}

  /**
   * The flinks4j version of this build, {@code unknown} when the resource is missing (an unfiltered
   * IDE build).
   */
  public static String version() {
    Properties properties = new Properties();
    try (InputStream in = VersionRoutes.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read version.properties", e);
    }
    String version = properties.getProperty("version", "unknown");
    return version.startsWith("${") ? "unknown" : version;
  }

  @Override
  public void addTo(ApiRouter router) {
    router.get(
        PATH,
        Operation.summary("The service's version and Java runtime")
            .response(200, "Version", Version.class),
        ctx -> ctx.json(body));
  }
}
