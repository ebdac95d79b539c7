package io.flinks4j.sync.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.sync.config.Settings;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.http.ApiServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's files over HTTP: served without a key, under a strict policy, and nothing else.
 */
class DashboardFilesTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static ApiServer server;

  @BeforeAll
  static void start() {
    server =
        ApiServer.builder(
                SyncConfig.from(
                    Settings.of(
                        Map.of(
                            SyncConfig.API_KEYS,
                            "dashboard-key-0123456789abcdefgh",
                            SyncConfig.HOST,
                            "127.0.0.1",
                            SyncConfig.PORT,
                            "0"))))
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void the_page_is_served_without_a_key_under_a_strict_content_security_policy() throws Exception {
    HttpResponse<String> page = get("/dashboard");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValue(Dashboard.CONTENT_SECURITY_POLICY);
    assertThat(new Dashboard(Optional.of("https://connect.example")).contentSecurityPolicy())
        .isEqualTo(Dashboard.CONTENT_SECURITY_POLICY + "; frame-src https://connect.example");
    assertThat(Dashboard.CONTENT_SECURITY_POLICY)
        .contains("default-src 'none'", "script-src 'self'", "require-trusted-types-for 'script'")
        .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.body())
        .contains("<script type=\"module\" src=\"/dashboard/dashboard.js\"></script>")
        .doesNotContain("<script>", "style=");
  }

  @Test
  void the_script_and_stylesheet_are_served_with_their_types() throws Exception {
    assertThat(get("/dashboard/dashboard.js").headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
    assertThat(get("/dashboard/dashboard.css").headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
  }

  @Test
  void no_script_parses_data_as_html() throws Exception {
    for (String script : Dashboard.SCRIPTS) {
      assertThat(get("/dashboard/" + script).body())
          .as(script)
          .doesNotContain(
              "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "DOMParser")
          .doesNotContainPattern("\\beval\\(|new Function\\(");
    }
  }

  @Test
  void any_other_file_is_a_json_404() throws Exception {
    for (String path :
        new String[] {"/dashboard/index.html", "/dashboard/..%2Fpom.xml", "/dashboard/nope.js"}) {
      HttpResponse<String> response = get(path);

      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.body()).as(path).contains("\"code\":\"not_found\"");
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(server.localUri() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
