package io.flinks4j.sandbox.connect;

import static io.flinks4j.sandbox.connect.Api.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Connect page clicked through in real headless Chromium, inside an iframe of another origin. */
class ConnectBrowserTest {

  @RegisterExtension static final FlinksSandboxExtension FLINKS = new FlinksSandboxExtension();

  private static Chromium chromium;
  private static ParentSite site;

  private FlinksSandbox sandbox;
  private Api api;

  @BeforeAll
  static void startBrowser() {
    chromium = Chromium.start();
    site = new ParentSite();
  }

  @AfterAll
  static void stopBrowser() {
    if (site != null) {
      site.close();
    }
    if (chromium != null) {
      chromium.close();
    }
  }

  @BeforeEach
  void bind(FlinksSandbox sandbox) {
    this.sandbox = sandbox;
    this.api = new Api(sandbox);
  }

  @Test
  void greatday_nomfa_reaches_redirect_with_a_login_id_that_a_cached_authorize_accepts() {
    open(params("authorizeToken", api.token(), "redirectUrl", site.doneUrl(), "innerRedirect", "true", "demo", "true",
        "tag", "order-42"));

    click("institution-FlinksCapital");
    signIn("greatday_nomfa", "Everyday");

    Map<String, Object> redirect = awaitEvent("REDIRECT");
    String loginId = sandbox.login("greatday_nomfa").loginId();
    assertThat(redirect).containsEntry("loginId", loginId).containsEntry("institution", "FlinksCapital")
        .containsKey("requestId");
    assertThat(redirect.get("url")).isEqualTo(
        site.doneUrl() + "?loginId=" + loginId + "&institution=FlinksCapital&tag=order-42");
    assertThat(steps()).containsSubsequence("APP_MOUNTED", "COMPONENT_LOAD_INSTITUTION_SELECTOR", "INSTITUTION_SELECTED",
        "COMPONENT_LOAD_CREDENTIAL", "SUBMIT_CREDENTIAL", "REDIRECT");
    assertThat(frameUrl()).isEqualTo(redirect.get("url"));

    Api.Reply cached = api.authorizeCached(loginId);
    assertThat(cached.status()).isEqualTo(200);
  }

  // ---- browser helpers -----------------------------------------------------------------------------

  private void open(Map<String, String> launch) {
    chromium.driver.switchTo().defaultContent();
    chromium.driver.get(site.parentUrl(api.connectUrl(launch)));
    chromium.driver.switchTo().frame("connect");
  }

  private WebElement element(String id) {
    return new WebDriverWait(chromium.driver, Duration.ofSeconds(10))
        .until(ExpectedConditions.elementToBeClickable(By.id(id)));
  }

  private void click(String id) {
    element(id).click();
  }

  private void type(String id, String text) {
    WebElement field = element(id);
    field.clear();
    field.sendKeys(text);
  }

  private void signIn(String username, String password) {
    type("username", username);
    type("password", password);
    click("submit");
  }

  @SuppressWarnings("unchecked")
  private List<Object> events() {
    chromium.driver.switchTo().defaultContent();
    try {
      return (List<Object>) chromium.driver.executeScript("return window.events;");
    } finally {
      if (chromium.driver.getCurrentUrl().startsWith(site.baseUrl() + "/parent")) {
        chromium.driver.switchTo().frame("connect");
      }
    }
  }

  private List<String> steps() {
    return events().stream()
        .filter(e -> e instanceof Map<?, ?> m && m.containsKey("step"))
        .map(e -> (String) ((Map<?, ?>) e).get("step"))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> awaitEvent(String step) {
    return new WebDriverWait(chromium.driver, Duration.ofSeconds(10))
        .until(d -> events().stream()
            .filter(e -> e instanceof Map<?, ?> m && step.equals(m.get("step")))
            .map(e -> (Map<String, Object>) e)
            .findFirst()
            .orElse(null));
  }

  /** Where the iframe went, read from the parent (same origin as the redirect target). */
  private String frameUrl() {
    chromium.driver.switchTo().defaultContent();
    return new WebDriverWait(chromium.driver, Duration.ofSeconds(10))
        .until(d -> (String) chromium.driver.executeScript(
            "try { var h = document.getElementById('connect').contentWindow.location.href;"
                + " return h.indexOf('/done') > 0 ? h : null; } catch (e) { return null; }"));
  }
}
