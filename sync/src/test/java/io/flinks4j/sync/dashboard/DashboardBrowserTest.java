package io.flinks4j.sync.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.SandboxLogin;
import io.flinks4j.sync.EngineFixture;
import io.flinks4j.sync.SyncService;
import io.flinks4j.sync.config.Settings;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.storage.DatabaseConfig;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in real headless Chromium, driving the real service (engine, API, H2 in a temporary folder)
 * against the sandbox over sockets.
 */
@org.junit.jupiter.api.Tag("browser") // excluded by ./run-tests --fast
class DashboardBrowserTest {

  private static final String KEY = EngineFixture.API_KEY;
  /** Right answers to the sandbox's security questions, keyed by a word of their prompt. */
  private static final Map<String, String> ANSWERS = Map.of("city", "Montreal", "country", "Canada", "shape", "Triangle");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path folder;

  private static FlinksSandbox sandbox;
  private static SyncService service;
  private static Chromium chromium;

  @BeforeAll
  static void start() {
    sandbox = FlinksSandbox.builder().processingDelay(Duration.ofMillis(300)).start();
    service = SyncService.start(
        SyncConfig.from(Settings.of(EngineFixture.settings(sandbox))), DatabaseConfig.h2File(folder));
    chromium = Chromium.start();
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable resource : new AutoCloseable[] {chromium, service, sandbox}) {
      try {
        if (resource != null) {
          resource.close();
        }
      } catch (Exception ignored) {
        // the others still close
      }
    }
  }

  @BeforeEach
  void freshPage() {
    chromium.driver.get(service.uri() + Dashboard.PATH);
    chromium.driver.executeScript("sessionStorage.clear();");
    chromium.driver.navigate().refresh();
  }

  @Test
  void a_login_registered_in_the_page_reaches_ready_and_shows_its_accounts_with_balances() {
    SandboxLogin login = newLogin(200);

    enterKey(KEY);
    type("register-login-id", login.loginId());
    type("register-tag", "order-42");
    element("register-form").findElement(By.cssSelector("button[type=submit]")).click();

    await().atMost(Duration.ofSeconds(20)).until(() -> state(login.loginId()).equals("ready")); // list polls itself
    assertThat(loginRow(login.loginId()).findElement(By.className("tag")).getText()).isEqualTo("order-42");
    Map<String, String> expected = new HashMap<>();
    for (JsonNode account : api("/v1/logins/" + encode(login.loginId()) + "/accounts").path("data")) {
      expected.put(account.path("id").asText(), money(account.path("balance").path("current").decimalValue()));
    }
    assertThat(expected).hasSize(sandbox.groundTruth(login.loginId()).accounts());
    List<WebElement> rows = awaitRows("#accounts tbody tr[data-account-id]", expected.size());
    Map<String, String> shown = new HashMap<>();
    for (WebElement row : rows) {
      shown.put(row.getAttribute("data-account-id"), row.findElement(By.className("current")).getText());
    }
    assertThat(shown).isEqualTo(expected);
  }

  @Test
  void transactions_load_page_by_page_and_the_balance_history_shows_each_retrieval() {
    SandboxLogin login = newLogin(1500);
    registerReady(login.loginId());
    JsonNode account = api("/v1/logins/" + encode(login.loginId()) + "/accounts").path("data").get(0);
    String transactionsPath = "/v1/accounts/" + account.path("id").asText() + "/transactions?limit=100";
    List<String> newest100 = new ArrayList<>();
    api(transactionsPath).path("data").forEach(t -> newest100.add(t.path("id").asText()));
    assertThat(newest100).hasSize(100); // so one "load more" is needed, and another one remains

    enterKey(KEY);
    openLogin(login.loginId());
    awaitRows("#accounts tbody tr[data-account-id='" + account.path("id").asText() + "']", 1)
        .getFirst().findElement(By.name("open-account")).click();
    assertThat(awaitRows("#transactions tbody tr[data-transaction-id]", 50)).hasSize(50);
    element("more-transactions").click();

    List<String> shown = awaitRows("#transactions tbody tr[data-transaction-id]", 100).stream()
        .map(row -> row.getAttribute("data-transaction-id")).toList();
    assertThat(shown).isEqualTo(newest100);
    List<WebElement> balances = awaitRows("#balances tbody tr", 1);
    assertThat(balances).hasSize(1);
    assertThat(balances.getFirst().findElement(By.className("current")).getText())
        .isEqualTo(money(account.path("balance").path("current").decimalValue()));
  }

  @Test
  void a_live_refresh_shows_the_security_questions_and_answering_them_in_the_page_brings_the_login_to_ready() {
    String loginId = sandbox.login("Greatday").loginId();
    registerReady(loginId);

    enterKey(KEY);
    loginRow(loginId).findElement(By.name("refresh-live")).click();

    Optional<WebElement> form = Optional.of(waiting().until(d -> mfaForm(loginId)));
    int rounds = 0;
    while (form.isPresent() && rounds++ < 5) { // the bank may ask again: answer every round shown
      answer(form.get());
      waiting().until(ExpectedConditions.stalenessOf(form.get()));
      form = waiting().until(d -> state(loginId).equals("ready") ? Optional.empty() : asked(mfaForm(loginId)));
    }

    assertThat(rounds).isBetween(1, 5);
    await().atMost(Duration.ofSeconds(20)).until(() -> state(loginId).equals("ready"));
    assertThat(chromium.driver.findElements(By.cssSelector("#logins tr.mfa form"))).isEmpty();
  }

  @Test
  void a_wrong_key_shows_an_authentication_error_and_asks_again() {
    enterKey("not-the-key");

    WebElement error = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    assertThat(error.getText()).contains("401").contains("unauthorized");
    assertThat(element("api-key").isDisplayed()).isTrue();
    assertThat(element("main").isDisplayed()).isFalse();
    assertThat(chromium.driver.executeScript("return sessionStorage.length;")).isEqualTo(0L);
  }

  @Test
  void forgetting_the_key_removes_it_and_every_row_read_with_it() {
    SandboxLogin login = newLogin(50);
    registerReady(login.loginId());
    enterKey(KEY);
    openLogin(login.loginId());
    awaitRows("#accounts tbody tr[data-account-id]", 1);

    element("forget-key").click();

    assertThat(chromium.driver.executeScript("return sessionStorage.length;")).isEqualTo(0L);
    assertThat(chromium.driver.findElements(By.cssSelector("#logins tbody tr, #accounts tbody tr"))).isEmpty();
    assertThat(element("api-key").isDisplayed()).isTrue();
  }

  @Test
  void markup_in_a_login_name_and_tag_is_shown_as_text() {
    String loginId = UUID.randomUUID().toString();
    String tag = "<img src=x onerror=\"window.pwned=2\">";
    // The API takes GUIDs only; a stored loginId with markup (an older row) must still render as text.
    String storedLoginId = "<script>window.pwned=1</script>";
    service.logins().register(storedLoginId, Optional.of("<b>stored</b>"));

    enterKey(KEY);
    type("register-login-id", loginId);
    type("register-tag", tag);
    element("register-form").findElement(By.cssSelector("button[type=submit]")).click();

    WebElement row = loginRow(loginId);
    assertThat(row.findElement(By.cssSelector("button.open")).getText()).isEqualTo(loginId);
    assertThat(row.findElement(By.className("tag")).getText()).isEqualTo(tag);
    WebElement stored = loginRow(storedLoginId);
    assertThat(stored.findElement(By.cssSelector("button.open")).getText()).isEqualTo(storedLoginId);
    assertThat(stored.findElement(By.className("tag")).getText()).isEqualTo("<b>stored</b>");
    assertThat(chromium.driver.findElements(By.cssSelector("#logins script, #logins img, #logins b"))).isEmpty();
    assertThat(chromium.driver.executeScript("return window.pwned === undefined;")).isEqualTo(true);
  }

  @Test
  void deleting_a_login_takes_two_clicks_and_removes_its_row() {
    SandboxLogin login = newLogin(50);
    registerReady(login.loginId());

    enterKey(KEY);
    WebElement delete = loginRow(login.loginId()).findElement(By.name("delete"));
    delete.click();
    assertThat(delete.getText()).isEqualTo("Confirm delete");
    delete.click();

    waiting().until(ExpectedConditions.stalenessOf(delete));
    assertThat(rowOf(login.loginId())).isNull();
    assertThat(status("/v1/logins/" + encode(login.loginId()))).isEqualTo(404);
  }

  // ---- service -------------------------------------------------------------------------------------------------

  private static SandboxLogin newLogin(int transactionsPerYear) {
    return sandbox.createLogin(LoginSpec.named("dash-" + UUID.randomUUID())
        .withAccounts(2).withTransactionsPerYear(transactionsPerYear));
  }

  /** Registers through the API (not the page) and waits for the first retrieval's data. */
  private static void registerReady(String loginId) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(service.uri().resolve("/v1/logins"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"loginId\":\"" + loginId + "\"}")));
    assertThat(response.statusCode()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(20))
        .until(() -> api("/v1/logins/" + encode(loginId)).path("state").asText().equals("ready"));
  }

  private static JsonNode api(String path) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(service.uri().resolve(path)).GET());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    try {
      return JSON.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static int status(String path) {
    return send(HttpRequest.newBuilder(service.uri().resolve(path)).GET()).statusCode();
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String encode(String loginId) {
    return URLEncoder.encode(loginId, StandardCharsets.UTF_8).replace("+", "%20");
  }

  // ---- page ----------------------------------------------------------------------------------------------------

  private static WebDriverWait waiting() {
    return new WebDriverWait(chromium.driver, Duration.ofSeconds(20), Duration.ofMillis(50));
  }

  private static WebElement element(String id) {
    return waiting().until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
  }

  private static void type(String id, String text) {
    WebElement field = waiting().until(ExpectedConditions.elementToBeClickable(By.id(id)));
    field.clear();
    field.sendKeys(text);
  }

  private static void enterKey(String key) {
    type("api-key", key);
    element("connect").click();
  }

  /** The login's row, or null; found by its data attribute, as loginIds may hold any printable character. */
  private static WebElement rowOf(String loginId) {
    return (WebElement) chromium.driver.executeScript(
        "return [...document.querySelectorAll('#logins tbody tr:not(.mfa)')]"
            + ".find(r => r.dataset.loginId === arguments[0]) || null;", loginId);
  }

  private static WebElement loginRow(String loginId) {
    return waiting().until(d -> rowOf(loginId));
  }

  private static WebElement mfaForm(String loginId) {
    return (WebElement) chromium.driver.executeScript(
        "const row = [...document.querySelectorAll('#logins tbody tr.mfa')]"
            + ".find(r => r.dataset.loginId === arguments[0]);"
            + "return row ? row.querySelector('form') : null;", loginId);
  }

  /** The state shown for the login ("" while its row is not there), read in one step so a re-render cannot interfere. */
  private static Optional<WebElement> asked(WebElement form) {
    return form == null ? null : Optional.of(form); // null: keep waiting
  }

  /** Types the right answer under each question of the form and sends it. */
  private static void answer(WebElement form) {
    List<WebElement> labels = form.findElements(By.tagName("label"));
    assertThat(labels).isNotEmpty();
    for (WebElement label : labels) {
      String prompt = label.getText();
      String answer = ANSWERS.entrySet().stream().filter(e -> prompt.contains(e.getKey()))
          .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("unexpected question " + prompt));
      label.findElement(By.tagName("input")).sendKeys(answer);
    }
    form.findElement(By.cssSelector("button[type=submit]")).click();
  }

  private static String state(String loginId) {
    return (String) chromium.driver.executeScript(
        "const row = [...document.querySelectorAll('#logins tbody tr:not(.mfa)')]"
            + ".find(r => r.dataset.loginId === arguments[0]);"
            + "return row ? row.querySelector('.state').textContent : '';", loginId);
  }

  private static void openLogin(String loginId) {
    loginRow(loginId).findElement(By.cssSelector("button.open")).click();
  }

  private static List<WebElement> awaitRows(String selector, int atLeast) {
    return waiting().until(d -> {
      List<WebElement> rows = d.findElements(By.cssSelector(selector));
      return rows.size() >= atLeast ? rows : null;
    });
  }

  /** As the page formats amounts (en-CA, 2 to 4 decimals). */
  private static String money(BigDecimal amount) {
    return new DecimalFormat("#,##0.00##", DecimalFormatSymbols.getInstance(Locale.CANADA)).format(amount);
  }
}
