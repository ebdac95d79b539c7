package io.flinks4j.sync.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.client.DetailOptions;
import io.flinks4j.client.FlinksClient;
import io.flinks4j.client.model.Account;
import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sync.config.Settings;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.crypto.LoginIdProtector;
import io.flinks4j.sync.crypto.MasterKey;
import io.flinks4j.sync.http.ApiServer;
import io.flinks4j.sync.http.ReadRoutes;
import io.flinks4j.sync.ingest.Ingester;
import io.flinks4j.sync.login.LoginRepository;
import io.flinks4j.sync.login.LoginStatus;
import io.flinks4j.sync.storage.Database;
import io.flinks4j.sync.storage.DatabaseConfig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Statement;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 * The dashboard in real headless Chromium, against the service's HTTP API on H2 in a temporary folder, holding data
 * retrieved from the sandbox over sockets.
 */
class DashboardBrowserTest {

  private static final String KEY = "dashboard-test-key";

  @TempDir static Path folder;

  private static FlinksSandbox sandbox;
  private static FlinksClient flinks;
  private static Database database;
  private static LoginRepository logins;
  private static ApiServer server;
  private static Chromium chromium;
  private static final Map<Long, LoginStatus> STATUSES = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() {
    sandbox = FlinksSandbox.builder().processingDelay(Duration.ZERO).start();
    flinks = FlinksClient.builder().baseUrl(sandbox.baseUrl()).customerId(sandbox.customerId())
        .secretKey(sandbox.secretKey()).apiKey(sandbox.apiKey()).pollInterval(Duration.ofMillis(50)).build();
    database = Database.open(DatabaseConfig.h2File(folder));
    logins = new LoginRepository(database, new LoginIdProtector(MasterKey.generate()), Clock.systemUTC());
    server = ApiServer.builder(SyncConfig.from(Settings.of(Map.of(
            SyncConfig.API_KEYS, KEY, SyncConfig.HOST, "127.0.0.1", SyncConfig.PORT, "0"))))
        .routes(new ReadRoutes(database, logins, ref -> Optional.ofNullable(STATUSES.get(ref))))
        .start();
    chromium = Chromium.start();
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable resource : new AutoCloseable[] {chromium, server, database, flinks, sandbox}) {
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
    database.inTransaction(c -> {
      try (Statement delete = c.createStatement()) {
        return delete.executeUpdate("delete from logins");
      }
    });
    STATUSES.clear();
    chromium.driver.get(server.localUri() + Dashboard.PATH);
    chromium.driver.executeScript("sessionStorage.clear();");
    chromium.driver.navigate().refresh();
  }

  @Test
  void a_ready_login_shows_its_accounts_with_their_balances() {
    AccountsDetail detail = readyLogin("greatday_nomfa");
    String loginId = sandbox.login("greatday_nomfa").loginId();

    enterKey(KEY);
    assertThat(state(loginId)).isEqualTo("ready");
    openLogin(loginId);

    List<WebElement> rows = waiting().until(d -> {
      List<WebElement> found = d.findElements(By.cssSelector("#accounts tbody tr[data-account-id]"));
      return found.size() == detail.accounts().size() ? found : null;
    });
    Map<String, String> shown = new java.util.HashMap<>();
    for (WebElement row : rows) {
      shown.put(row.findElement(By.className("title")).getText(), row.findElement(By.className("current")).getText());
    }
    assertThat(shown).hasSize(detail.accounts().size());
    for (Account account : detail.accounts()) {
      assertThat(shown).containsEntry(account.title(), money(account.balance().current()));
    }
  }

  @Test
  void transactions_load_page_by_page_and_the_balance_history_shows_the_snapshot() {
    AccountsDetail detail = readyLogin("greatday_nomfa");
    Account busiest = detail.accounts().stream()
        .max(Comparator.comparingInt(account -> account.transactions().size())).orElseThrow();
    assertThat(busiest.transactions()).hasSizeGreaterThan(50); // so at least one "load more" is needed

    enterKey(KEY);
    openLogin(sandbox.login("greatday_nomfa").loginId());
    WebElement row = waiting().until(ExpectedConditions.presenceOfElementLocated(By.xpath(
        "//table[@id='accounts']//tr[td[@class='title' and text()=" + xpathLiteral(busiest.title()) + "]]")));
    row.findElement(By.name("open-account")).click();

    assertThat(awaitRows("#transactions tbody tr[data-transaction-id]", 50)).hasSize(50);
    element("more-transactions").click();
    int expected = Math.min(100, busiest.transactions().size());
    List<String> ids = awaitRows("#transactions tbody tr", expected).stream()
        .map(tr -> tr.getAttribute("data-transaction-id")).toList();
    assertThat(ids).hasSize(expected).doesNotHaveDuplicates()
        .isSubsetOf(busiest.transactions().stream().map(t -> t.id()).toList());
    assertThat(element("more-transactions").isDisplayed()).isEqualTo(busiest.transactions().size() > 100);
    List<String> dates = chromium.driver.findElements(By.cssSelector("#transactions tbody td.date")).stream()
        .map(WebElement::getText).toList();
    assertThat(dates).isSortedAccordingTo(Comparator.reverseOrder());

    List<WebElement> balances = awaitRows("#balances tbody tr", 1);
    assertThat(balances).hasSize(1);
    assertThat(balances.getFirst().findElement(By.className("current")).getText())
        .isEqualTo(money(busiest.balance().current()));
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
  void markup_in_a_login_name_and_tag_is_shown_as_text() {
    String loginId = "<script>window.pwned=1</script>";
    String tag = "<img src=x onerror=\"window.pwned=2\">";
    logins.register(loginId, Optional.of(tag));

    enterKey(KEY);
    WebElement row = loginRow(loginId);

    assertThat(row.findElement(By.cssSelector("button.open")).getText()).isEqualTo(loginId);
    assertThat(row.findElement(By.className("tag")).getText()).isEqualTo(tag);
    assertThat(chromium.driver.findElements(By.cssSelector("#logins script, #logins img"))).isEmpty();
    assertThat(chromium.driver.executeScript("return window.pwned === undefined;")).isEqualTo(true);
  }

  // ---- fixture -------------------------------------------------------------------------------------------------

  /** Registers a sandbox login, stores what the sandbox returns for it and marks its retrieval ready. */
  private static AccountsDetail readyLogin(String username) {
    String loginId = sandbox.login(username).loginId();
    long ref = logins.register(loginId, Optional.of("customer-" + username)).login().id();
    AccountsDetail detail = flinks.retrieve(loginId, DetailOptions.defaults());
    database.inTransaction(c -> new Ingester(Clock.systemUTC()).apply(c, ref, "r-" + ref, detail));
    STATUSES.put(ref, new LoginStatus("ready", Instant.now(), Optional.of(Instant.now()), Optional.empty(),
        List.of(), Optional.empty()));
    return detail;
  }

  // ---- page ----------------------------------------------------------------------------------------------------

  private static WebDriverWait waiting() {
    return new WebDriverWait(chromium.driver, Duration.ofSeconds(15), Duration.ofMillis(50));
  }

  private static WebElement element(String id) {
    return waiting().until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
  }

  private static void enterKey(String key) {
    WebElement field = waiting().until(ExpectedConditions.elementToBeClickable(By.id("api-key")));
    field.clear();
    field.sendKeys(key);
    element("connect").click();
  }

  /** The login's row, found by its data attribute in the page (loginIds may hold any printable character). */
  private static WebElement loginRow(String loginId) {
    return waiting().until(d -> (WebElement) chromium.driver.executeScript(
        "return [...document.querySelectorAll('#logins tbody tr:not(.mfa)')]"
            + ".find(r => r.dataset.loginId === arguments[0]) || null;", loginId));
  }

  private static String state(String loginId) {
    return loginRow(loginId).findElement(By.className("state")).getText();
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

  private static String xpathLiteral(String text) {
    return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
  }
}
