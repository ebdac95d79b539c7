package io.flinks4j.sync.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.SandboxLogin;
import io.flinks4j.sync.EngineFixture;
import io.flinks4j.sync.EngineSettings;
import io.flinks4j.sync.SyncService;
import io.flinks4j.sync.config.Settings;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.storage.DatabaseConfig;
import io.flinks4j.testkit.Chromium;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's browser tests' shared world: the sandbox, the real service on H2 in a temporary
 * folder, and headless Chromium on a fresh page before each test; with the API and page helpers the
 * tests read through.
 */
final class DashboardHarness implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

  static final String KEY = EngineFixture.API_KEY;

  /**
   * Where {@link #screenshot} writes, relative to the sync module (committed, shown in the README).
   */
  static final Path SCREENSHOTS = Path.of("docs", "screenshots");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  FlinksSandbox sandbox;
  SyncService service;
  Chromium chromium;
  private Path folder;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    folder = Files.createTempDirectory("flinks4j-dashboard-");
    sandbox = FlinksSandbox.builder().processingDelay(Duration.ofMillis(300)).start();
    Map<String, String> settings = EngineFixture.settings(sandbox);
    settings.put(
        EngineSettings.WEBHOOK_MAX_ATTEMPTS, "1"); // a webhook that fails is parked at once
    // Connect's own consent screen is not what these tests are about (inConnect clicks through it
    // when shown).
    settings.put(
        EngineSettings.CONNECT_URL,
        sandbox.connectUrl()
            + (sandbox.connectUrl().contains("?") ? "&" : "?")
            + "consentEnable=false");
    service =
        SyncService.start(SyncConfig.from(Settings.of(settings)), DatabaseConfig.h2File(folder));
    chromium = Chromium.start(1280, 1000);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    for (AutoCloseable resource : new AutoCloseable[] {chromium, service, sandbox}) {
      try {
        if (resource != null) {
          resource.close();
        }
      } catch (Exception ignored) {
        // the others still close
      }
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temporary database is harmless
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    chromium.driver().get(service.uri() + Dashboard.PATH);
    chromium.driver().executeScript("sessionStorage.clear();");
    chromium.driver().navigate().refresh();
  }

  // ---- service
  // -------------------------------------------------------------------------------------------------

  SandboxLogin newLogin(int transactionsPerYear) {
    return sandbox.createLogin(
        LoginSpec.named("dash-" + UUID.randomUUID())
            .withAccounts(2)
            .withTransactionsPerYear(transactionsPerYear));
  }

  /** Registers through the API (not the page) and waits for the first retrieval's data. */
  void registerReady(String loginId, String tag) {
    String body =
        tag == null
            ? "{\"loginId\":\"" + loginId + "\"}"
            : "{\"loginId\":\"" + loginId + "\",\"tag\":\"" + tag + "\"}";
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(service.uri().resolve("/v1/logins"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(response.statusCode()).isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> api("/v1/logins/" + encode(loginId)).path("state").asText().equals("ready"));
  }

  JsonNode api(String path) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(service.uri().resolve(path)).GET());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  int status(String path) {
    return send(HttpRequest.newBuilder(service.uri().resolve(path)).GET()).statusCode();
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(
          request.header("Authorization", "Bearer " + KEY).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static String encode(String loginId) {
    return URLEncoder.encode(loginId, StandardCharsets.UTF_8).replace("+", "%20");
  }

  // ---- page
  // ----------------------------------------------------------------------------------------------------

  WebDriverWait waiting() {
    return new WebDriverWait(chromium.driver(), Duration.ofSeconds(20), Duration.ofMillis(50));
  }

  WebElement element(String id) {
    return waiting().until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
  }

  void type(String id, String text) {
    WebElement field = waiting().until(ExpectedConditions.elementToBeClickable(By.id(id)));
    field.clear();
    field.sendKeys(text);
  }

  void enterKey(String key) {
    type("api-key", key);
    element("connect").click();
  }

  /**
   * The login's row, or null; found by its data attribute, as loginIds may hold any printable
   * character.
   */
  WebElement rowOf(String loginId) {
    return (WebElement)
        chromium
            .driver()
            .executeScript(
                "return [...document.querySelectorAll('#logins tbody tr:not(.mfa)')]"
                    + ".find(r => r.dataset.loginId === arguments[0]) || null;",
                loginId);
  }

  WebElement loginRow(String loginId) {
    return waiting().until(d -> rowOf(loginId));
  }

  WebElement mfaForm(String loginId) {
    return (WebElement)
        chromium
            .driver()
            .executeScript(
                "const row = [...document.querySelectorAll('#logins tbody tr.mfa')]"
                    + ".find(r => r.dataset.loginId === arguments[0]);"
                    + "return row ? row.querySelector('form') : null;",
                loginId);
  }

  /**
   * The state shown for the login ("" while its row is not there), read in one step so a re-render
   * cannot interfere.
   */
  String state(String loginId) {
    return (String)
        chromium
            .driver()
            .executeScript(
                "const row = [...document.querySelectorAll('#logins tbody tr:not(.mfa)')]"
                    + ".find(r => r.dataset.loginId === arguments[0]);"
                    + "return row ? row.querySelector('.state').textContent : '';",
                loginId);
  }

  /**
   * The text of {@code selector} in the login's row, read in one step so a re-render cannot
   * interfere.
   */
  String textIn(String loginId, String selector) {
    return (String)
        chromium
            .driver()
            .executeScript(
                "const row = [...document.querySelectorAll('#logins tbody tr:not(.mfa)')]"
                    + ".find(r => r.dataset.loginId === arguments[0]);"
                    + "return row ? row.querySelector(arguments[1]).textContent : null;",
                loginId,
                selector);
  }

  void openLogin(String loginId) {
    loginRow(loginId).findElement(By.cssSelector("button.open")).click();
  }

  List<WebElement> awaitRows(String selector, int atLeast) {
    return waiting()
        .until(d -> {
          List<WebElement> rows = d.findElements(By.cssSelector(selector));
          return rows.size() >= atLeast ? rows : null;
        });
  }

  /**
   * Saves the window, scrolled to {@code shown}, as {@code docs/screenshots/<name>.png} of the sync
   * module, when asked for ({@code -Dflinks4j.screenshots=true}): the committed pictures change
   * only when someone means to.
   */
  void screenshot(String name, WebElement shown) {
    if (!Boolean.getBoolean("flinks4j.screenshots")) {
      return;
    }
    chromium.driver().executeScript("arguments[0].scrollIntoView({block: 'center'});", shown);
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(
          SCREENSHOTS.resolve(name + ".png"), chromium.driver().getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** As the page formats amounts (en-CA, 2 to 4 decimals). */
  static String money(BigDecimal amount) {
    return new DecimalFormat("#,##0.00##", DecimalFormatSymbols.getInstance(Locale.CANADA))
        .format(amount);
  }
}
