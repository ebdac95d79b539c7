package io.flinks4j.sync.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinks4j.sandbox.SandboxLogin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard in real headless Chromium, driving the real service (engine, API, H2 in a temporary
 * folder) against the sandbox over sockets: registering, accounts, transactions, MFA, keys and
 * deletion.
 */
@Tag("browser") // excluded by ./run-tests --fast
class DashboardBrowserTest {

  /** Right answers to the sandbox's security questions, keyed by a word of their prompt. */
  private static final Map<String, String> ANSWERS =
      Map.of("city", "Montreal", "country", "Canada", "shape", "Triangle");

  @RegisterExtension static final DashboardHarness page = new DashboardHarness();

  @Test
  void a_login_registered_in_the_page_reaches_ready_and_shows_its_accounts_with_balances() {
    SandboxLogin login = page.newLogin(200);

    page.enterKey(DashboardHarness.KEY);
    page.type("register-login-id", login.loginId());
    page.type("register-tag", "order-42");
    page.element("register-form").findElement(By.cssSelector("button[type=submit]")).click();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> page.state(login.loginId()).equals("ready")); // list polls itself
    assertThat(page.textIn(login.loginId(), ".tag")).isEqualTo("order-42");
    Map<String, String> expected = new HashMap<>();
    for (JsonNode account :
        page.api("/v1/logins/" + DashboardHarness.encode(login.loginId()) + "/accounts")
            .path("data")) {
      expected.put(
          account.path("id").asText(),
          DashboardHarness.money(account.path("balance").path("current").decimalValue()));
    }
    assertThat(expected).hasSize(page.sandbox.groundTruth(login.loginId()).accounts());
    List<WebElement> rows = page.awaitRows("#accounts tbody tr[data-account-id]", expected.size());
    Map<String, String> shown = new HashMap<>();
    for (WebElement row : rows) {
      shown.put(
          row.getAttribute("data-account-id"), row.findElement(By.className("current")).getText());
    }
    assertThat(shown).isEqualTo(expected);
  }

  @Test
  void transactions_load_page_by_page_and_the_balance_history_shows_each_retrieval() {
    SandboxLogin login = page.newLogin(1500);
    page.registerReady(login.loginId(), null);
    JsonNode account =
        page.api("/v1/logins/" + DashboardHarness.encode(login.loginId()) + "/accounts")
            .path("data")
            .get(0);
    String transactionsPath =
        "/v1/accounts/" + account.path("id").asText() + "/transactions?limit=100";
    List<String> newest100 = new ArrayList<>();
    page.api(transactionsPath).path("data").forEach(t -> newest100.add(t.path("id").asText()));
    assertThat(newest100).hasSize(100); // so one "load more" is needed, and another one remains

    page.enterKey(DashboardHarness.KEY);
    page.openLogin(login.loginId());
    page.awaitRows("#accounts tbody tr[data-account-id='" + account.path("id").asText() + "']", 1)
        .getFirst()
        .findElement(By.name("open-account"))
        .click();
    assertThat(page.awaitRows("#transactions tbody tr[data-transaction-id]", 50)).hasSize(50);
    page.element("more-transactions").click();

    List<String> shown =
        page.awaitRows("#transactions tbody tr[data-transaction-id]", 100).stream()
            .map(row -> row.getAttribute("data-transaction-id"))
            .toList();
    assertThat(shown).isEqualTo(newest100);
    List<WebElement> balances = page.awaitRows("#balances tbody tr", 1);
    assertThat(balances).hasSize(1);
    assertThat(balances.getFirst().findElement(By.className("current")).getText())
        .isEqualTo(DashboardHarness.money(account.path("balance").path("current").decimalValue()));
  }

  @Test
  void
      a_live_refresh_shows_the_security_questions_and_answering_them_in_the_page_brings_the_login_to_ready() {
    String loginId = page.sandbox.login("Greatday").loginId();
    page.registerReady(loginId, null);

    page.enterKey(DashboardHarness.KEY);
    page.loginRow(loginId).findElement(By.name("refresh-live")).click();

    Optional<WebElement> form = Optional.of(page.waiting().until(d -> page.mfaForm(loginId)));
    int rounds = 0;
    while (form.isPresent() && rounds++ < 5) { // the bank may ask again: answer every round shown
      answer(form.get());
      page.waiting().until(ExpectedConditions.stalenessOf(form.get()));
      form =
          page.waiting()
              .until(d ->
                  page.state(loginId).equals("ready")
                      ? Optional.empty()
                      : asked(page.mfaForm(loginId)));
    }

    assertThat(rounds).isBetween(1, 5);
    await().atMost(Duration.ofSeconds(20)).until(() -> page.state(loginId).equals("ready"));
    assertThat(page.chromium.driver().findElements(By.cssSelector("#logins tr.mfa form")))
        .isEmpty();
  }

  @Test
  void a_wrong_key_shows_an_authentication_error_and_asks_again() {
    page.enterKey("not-the-key");

    WebElement error =
        page.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    assertThat(error.getText()).contains("401").contains("unauthorized");
    assertThat(page.element("api-key").isDisplayed()).isTrue();
    assertThat(page.element("main").isDisplayed()).isFalse();
    assertThat(page.chromium.driver().executeScript("return sessionStorage.length;")).isEqualTo(0L);
  }

  @Test
  void forgetting_the_key_removes_it_and_every_row_read_with_it() {
    SandboxLogin login = page.newLogin(50);
    page.registerReady(login.loginId(), null);
    page.enterKey(DashboardHarness.KEY);
    page.openLogin(login.loginId());
    page.awaitRows("#accounts tbody tr[data-account-id]", 1);

    page.element("forget-key").click();

    assertThat(page.chromium.driver().executeScript("return sessionStorage.length;")).isEqualTo(0L);
    assertThat(
            page.chromium
                .driver()
                .findElements(By.cssSelector("#logins tbody tr, #accounts tbody tr")))
        .isEmpty();
    assertThat(page.element("api-key").isDisplayed()).isTrue();
  }

  @Test
  void markup_in_a_login_name_and_tag_is_shown_as_text() {
    String loginId = UUID.randomUUID().toString();
    String tag = "<img src=x onerror=\"window.pwned=2\">";
    // The API takes GUIDs only; a stored loginId with markup (an older row) must still render as
    // text.
    String storedLoginId = "<script>window.pwned=1</script>";
    page.service.logins().register(storedLoginId, Optional.of("<b>stored</b>"));

    page.enterKey(DashboardHarness.KEY);
    page.type("register-login-id", loginId);
    page.type("register-tag", tag);
    page.element("register-form").findElement(By.cssSelector("button[type=submit]")).click();

    page.loginRow(
        loginId); // live updates may re-render the rows at any time: each text is read in one step
    assertThat(page.textIn(loginId, "button.open")).isEqualTo(loginId);
    assertThat(page.textIn(loginId, ".tag")).isEqualTo(tag);
    page.loginRow(storedLoginId);
    assertThat(page.textIn(storedLoginId, "button.open")).isEqualTo(storedLoginId);
    assertThat(page.textIn(storedLoginId, ".tag")).isEqualTo("<b>stored</b>");
    assertThat(
            page.chromium
                .driver()
                .findElements(By.cssSelector("#logins script, #logins img, #logins b")))
        .isEmpty();
    assertThat(page.chromium.driver().executeScript("return window.pwned === undefined;"))
        .isEqualTo(true);
  }

  @Test
  void deleting_a_login_takes_two_clicks_and_removes_its_row() {
    SandboxLogin login = page.newLogin(50);
    page.registerReady(login.loginId(), null);

    page.enterKey(DashboardHarness.KEY);
    WebElement delete = page.loginRow(login.loginId()).findElement(By.name("delete"));
    delete.click();
    assertThat(delete.getText()).isEqualTo("Confirm delete");
    delete.click();

    page.waiting().until(ExpectedConditions.stalenessOf(delete));
    assertThat(page.rowOf(login.loginId())).isNull();
    assertThat(page.status("/v1/logins/" + DashboardHarness.encode(login.loginId())))
        .isEqualTo(404);
  }

  /** A form to answer, empty once the login is ready, null to keep waiting. */
  private static Optional<WebElement> asked(WebElement form) {
    return form == null ? null : Optional.of(form);
  }

  /** Types the right answer under each question of the form and sends it. */
  private static void answer(WebElement form) {
    List<WebElement> labels = form.findElements(By.tagName("label"));
    assertThat(labels).isNotEmpty();
    for (WebElement label : labels) {
      String prompt = label.getText();
      String answer =
          ANSWERS.entrySet().stream()
              .filter(e -> prompt.contains(e.getKey()))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElseThrow(() -> new AssertionError("unexpected question " + prompt));
      label.findElement(By.tagName("input")).sendKeys(answer);
    }
    form.findElement(By.cssSelector("button[type=submit]")).click();
  }
}
