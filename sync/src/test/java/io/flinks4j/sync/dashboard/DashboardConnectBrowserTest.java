package io.flinks4j.sync.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Connecting a bank from the dashboard, as an operator does it: the sandbox's Connect in the page's
 * iframe, the REDIRECT message registering the login, its first retrieval shown live on the
 * timeline, then its chart; and an MFA that a live refresh hits, finished by relaunching Connect.
 */
@Tag("browser")
class DashboardConnectBrowserTest {

  private static final Map<String, String> ANSWERS =
      Map.of("city", "Montreal", "country", "Canada", "shape", "Triangle");

  @RegisterExtension static final DashboardHarness page = new DashboardHarness();

  @Test
  void connect_a_bank_registers_the_login_of_the_redirect_and_shows_its_first_retrieval_live() {
    String loginId = page.sandbox.login("greatday_nomfa").loginId();
    page.enterKey(DashboardHarness.KEY);
    page.type("register-tag", "from-connect");

    page.element("connect-bank").click();
    inConnect(() -> {
      click("institution-FlinksCapital");
      type("username", "greatday_nomfa");
      type("password", "Everyday");
      page.screenshot("connect-a-bank", page.element("password"));
      click("submit");
    });

    page.waiting().until(d -> page.state(loginId).equals("ready"));
    assertThat(page.element("connect-section").isDisplayed()).isFalse();
    assertThat(page.textIn(loginId, ".tag")).isEqualTo("from-connect");
    WebElement timeline =
        page.waiting()
            .until(d ->
                d.findElements(By.cssSelector("#timeline li[data-event=ready]")).stream()
                    .findFirst()
                    .orElse(null));
    assertThat(events()).startsWith("requested", "authorize", "session_opened").endsWith("ready");
    assertThat(page.element("status").getText()).contains("live");
    page.screenshot("timeline", timeline);

    page.awaitRows("#accounts tbody tr[data-account-id]", 1)
        .getFirst()
        .findElement(By.name("open-account"))
        .click();
    page.waiting()
        .until(d -> d.findElements(By.cssSelector("#balance-chart path.current")).size() == 1);
  }

  @Test
  void an_mfa_hit_by_a_live_refresh_is_finished_by_relaunching_connect() {
    String loginId = page.sandbox.login("Greatday").loginId();
    page.registerReady(loginId, null);
    page.enterKey(DashboardHarness.KEY);
    page.loginRow(loginId).findElement(By.name("refresh-live")).click();

    WebElement relaunch =
        page.waiting()
            .until(d ->
                page.mfaForm(loginId) == null
                    ? null
                    : (WebElement)
                        page.chromium
                            .driver()
                            .executeScript(
                                "return [...document.querySelectorAll('#logins tr.mfa')]"
                                    + ".find(r => r.dataset.loginId === arguments[0]).querySelector('button[name=relaunch]');",
                                loginId));
    page.screenshot("mfa-answer-here", relaunch);
    relaunch.click();
    inConnect(() -> {
      page.waiting().until(ExpectedConditions.elementToBeClickable(By.id("answer-0")));
      for (WebElement label :
          page.chromium.driver().findElements(By.cssSelector("label[for^=answer-]"))) {
        String answer =
            ANSWERS.entrySet().stream()
                .filter(e -> label.getText().contains(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError(label.getText()));
        type(label.getAttribute("for"), answer);
      }
      click("submit");
    });

    await().atMost(Duration.ofSeconds(20)).until(() -> page.state(loginId).equals("ready"));
    assertThat(
            page.api("/v1/logins/" + loginId + "/retrievals")
                .path("data")
                .get(0)
                .path("retrieval")
                .path("mode")
                .asText())
        .isEqualTo("cached"); // Connect finished the MFA; a cached read follows
  }

  // ---- helpers
  // -------------------------------------------------------------------------------------------------

  /**
   * Runs {@code steps} inside the Connect iframe (past its consent screen, if it shows one), then
   * returns.
   */
  private static void inConnect(Runnable steps) {
    page.waiting()
        .until(
            ExpectedConditions.frameToBeAvailableAndSwitchToIt(
                By.cssSelector("#connect-frame iframe")));
    try {
      page.chromium.driver().findElements(By.id("consent-accept")).forEach(WebElement::click);
      steps.run();
    } finally {
      page.chromium.driver().switchTo().defaultContent();
    }
  }

  private static void click(String id) {
    page.waiting().until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
  }

  private static void type(String id, String text) {
    WebElement field = page.waiting().until(ExpectedConditions.elementToBeClickable(By.id(id)));
    field.clear();
    field.sendKeys(text);
  }

  /** The events of the newest retrieval on the timeline, oldest first. */
  @SuppressWarnings("unchecked")
  private static List<String> events() {
    return (List<String>)
        page.chromium
            .driver()
            .executeScript(
                "return [...document.querySelectorAll('#timeline .retrieval:first-child li')].map(li => li.dataset.event);");
  }
}
