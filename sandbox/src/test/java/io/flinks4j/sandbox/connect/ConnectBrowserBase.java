package io.flinks4j.sandbox.connect;

import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import io.flinks4j.testkit.Chromium;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the Chromium tests of the Connect page share: one headless browser and one integrator site
 * per class, a sandbox per test, and helpers that click inside the Connect iframe and read the
 * events its parent recorded.
 */
abstract class ConnectBrowserBase {

  @RegisterExtension static final FlinksSandboxExtension FLINKS = new FlinksSandboxExtension();

  static Chromium chromium;
  static ParentSite site;

  FlinksSandbox sandbox;
  Api api;

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

  static WebDriverWait waiting() {
    return new WebDriverWait(chromium.driver(), Duration.ofSeconds(15), Duration.ofMillis(50));
  }

  void open(Map<String, String> launch) {
    launch.putIfAbsent(
        "consentEnable", "false"); // the consent screen is ConnectScreensBrowserTest's
    chromium.driver().switchTo().defaultContent();
    chromium.driver().get(site.parentUrl(api.connectUrl(launch)));
    chromium.driver().switchTo().frame("connect");
  }

  WebElement element(String id) {
    return waiting().until(ExpectedConditions.elementToBeClickable(By.id(id)));
  }

  void click(String id) {
    element(id).click();
  }

  void type(String id, String text) {
    WebElement field = element(id);
    field.clear();
    field.sendKeys(text);
  }

  void signIn(String username, String password) {
    type("username", username);
    type("password", password);
    click("submit");
  }

  /**
   * Fills each answer field whose label contains a key of {@code answers}; returns how many
   * questions there were.
   */
  int answerQuestions(Map<String, String> answers) {
    element("answer-0");
    List<WebElement> labels = chromium.driver().findElements(By.cssSelector("label[for^=answer-]"));
    for (WebElement label : labels) {
      String prompt = label.getText();
      String answer =
          answers.entrySet().stream()
              .filter(e -> prompt.contains(e.getKey()))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElseThrow(() -> new AssertionError("unexpected question " + prompt));
      type(label.getAttribute("for"), answer);
    }
    return labels.size();
  }

  Map<String, Object> awaitError() {
    return awaitInParent("flinksCode", null);
  }

  @SuppressWarnings("unchecked")
  List<Object> events() {
    chromium.driver().switchTo().defaultContent();
    try {
      return (List<Object>) chromium.driver().executeScript("return window.events;");
    } finally {
      if (chromium.driver().getCurrentUrl().startsWith(site.baseUrl() + "/parent")) {
        chromium.driver().switchTo().frame("connect");
      }
    }
  }

  List<String> steps() {
    return events().stream()
        .filter(e -> e instanceof Map<?, ?> m && m.containsKey("step"))
        .map(e -> (String) ((Map<?, ?>) e).get("step"))
        .toList();
  }

  Map<String, Object> awaitEvent(String step) {
    return awaitInParent("step", step);
  }

  /**
   * Waits in the parent page, in one WebDriver call, for the first recorded event whose {@code key}
   * equals {@code value} (or that has {@code key} at all when {@code value} is null), and returns
   * it.
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> awaitInParent(String key, String value) {
    chromium.driver().switchTo().defaultContent();
    try {
      return (Map<String, Object>)
          chromium
              .driver()
              .executeAsyncScript(
                  "var key = arguments[0], value = arguments[1], done = arguments[2];"
                      + "(function check() {"
                      + "  var hit = window.events.find(function (e) {"
                      + "    return e && typeof e === 'object' && (value === null ? key in e : e[key] === value); });"
                      + "  if (hit) { done(hit); } else { setTimeout(check, 20); }"
                      + "})();",
                  key,
                  value);
    } finally {
      chromium.driver().switchTo().frame("connect");
    }
  }

  /** Where the iframe went, read from the parent (same origin as the redirect target). */
  String frameUrl() {
    chromium.driver().switchTo().defaultContent();
    return waiting()
        .until(d ->
            (String)
                chromium
                    .driver()
                    .executeScript(
                        "try { var h = document.getElementById('connect').contentWindow.location.href;"
                            + " return h.indexOf('/done') > 0 ? h : null; } catch (e) { return null; }"));
  }
}
