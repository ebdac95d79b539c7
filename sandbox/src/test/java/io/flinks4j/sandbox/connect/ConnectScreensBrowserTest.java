package io.flinks4j.sandbox.connect;

import static io.flinks4j.sandbox.connect.Api.params;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * Every screen of the Connect page driven in Chromium: consent, the searchable institution list,
 * each MFA kind, account selection, close, retry and resize, with the events the parent receives.
 * Screenshots of the main screens go to {@code target/connect-screenshots/} (the README's images
 * are copied from there).
 */
@org.junit.jupiter.api.Tag("browser") // excluded by ./run-tests --fast
class ConnectScreensBrowserTest extends ConnectBrowserBase {

  private static final Path SCREENSHOTS = Path.of("target", "connect-screenshots");

  @Test
  void consent_search_and_a_made_up_bank_with_image_selection_reach_redirect() {
    open(
        params(
            "authorizeToken",
            api.token(),
            "consentEnable",
            "true",
            "redirectUrl",
            site.doneUrl(),
            "innerRedirect",
            "true"));
    element("consent-accept");
    screenshot("consent");
    click("consent-accept");

    type("institution-search", "fab");
    waiting().until(d -> !d.findElement(By.id("institution-FlinksCapital")).isDisplayed());
    assertThat(chromium.driver().findElement(By.id("institution-FabrikamSavings")).isDisplayed())
        .isTrue();
    type("institution-search", "zzz");
    assertThat(element("no-institution").isDisplayed()).isTrue();
    element("institution-search").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    waiting().until(d -> d.findElement(By.id("institution-FlinksCapital")).isDisplayed());
    screenshot("institutions");
    type("institution-search", "fabrikam");
    click("institution-FabrikamSavings");
    element("username");
    screenshot("credentials");
    signIn("fabrikam_user", "Everyday");

    assertThat(awaitEvent("COMPONENT_LOAD_MFA"))
        .containsEntry("mfaTypes", List.of("ImageSelection"));
    element("answer-0-2");
    screenshot("mfa-image");
    click("answer-0-2");
    click("submit");

    Map<String, Object> redirect = awaitEvent("REDIRECT");
    assertThat(redirect)
        .containsEntry("institution", "FabrikamSavings")
        .containsEntry("loginId", sandbox.login("fabrikam_user").loginId());
    assertThat(steps())
        .containsSubsequence(
            "APP_MOUNTED",
            "COMPONENT_LOAD_CONSENT",
            "COMPONENT_ACCEPT_CONSENT",
            "COMPONENT_LOAD_INSTITUTION_SELECTOR",
            "INSTITUTION_SELECTED",
            "COMPONENT_LOAD_CREDENTIAL",
            "SUBMIT_CREDENTIAL",
            "COMPONENT_LOAD_MFA",
            "REDIRECT");
  }

  @Test
  void denied_consent_can_be_reviewed_and_accepted() {
    open(params("authorizeToken", api.token(), "consentEnable", "true"));
    click("consent-deny");
    awaitEvent("COMPONENT_DENY_CONSENT");
    click("review-consent");
    click("consent-accept");
    element("institution-search");
    assertThat(steps())
        .containsSubsequence(
            "COMPONENT_LOAD_CONSENT",
            "COMPONENT_DENY_CONSENT",
            "COMPONENT_LOAD_CONSENT",
            "COMPONENT_ACCEPT_CONSENT",
            "COMPONENT_LOAD_INSTITUTION_SELECTOR");
  }

  @Test
  void several_choices_are_checkboxes() {
    open(params("authorizeToken", api.token()));
    click("institution-FlinksCapital");
    signIn("test_mfa_multiple", "Everyday");
    assertThat(awaitEvent("COMPONENT_LOAD_MFA"))
        .containsEntry("mfaTypes", List.of("MultipleChoiceMultipleAnswers"));
    assertThat(element("answer-0-0").getAttribute("type")).isEqualTo("checkbox");
    click("answer-0-0");
    click("answer-0-1");
    screenshot("mfa-multiple");
    click("submit");
    assertThat(awaitEvent("REDIRECT"))
        .containsEntry("loginId", sandbox.login("test_mfa_multiple").loginId());
  }

  @Test
  void a_single_choice_is_a_radio_and_a_wrong_one_reloads_with_a_retry_event() {
    open(params("authorizeToken", api.token()));
    click("institution-FlinksCapital");
    signIn("test_mfa_choice", "Everyday");
    assertThat(element("answer-0-1").getAttribute("type")).isEqualTo("radio");
    screenshot("mfa-choice");
    click("answer-0-1"); // Square
    click("submit");
    assertThat(awaitEvent("COMPONENT_LOAD_MFA_RETRY"))
        .containsEntry("mfaTypes", List.of("MultipleChoice"));
    assertThat(element("error").getAttribute("data-flinks-code"))
        .isEqualTo("INVALID_SECURITY_RESPONSE");

    click("answer-0-2"); // Triangle
    click("submit");
    assertThat(awaitEvent("REDIRECT"))
        .containsEntry("loginId", sandbox.login("test_mfa_choice").loginId());
  }

  @Test
  void text_or_call_picks_a_phone_and_a_method_then_takes_the_code() {
    open(params("authorizeToken", api.token()));
    click("institution-FlinksCapital");
    signIn("test_mfa_text_or_call", "Everyday");
    assertThat(awaitEvent("COMPONENT_LOAD_MFA")).containsEntry("mfaTypes", List.of("TextOrCall"));
    click("answer-0-1");
    click("method-0-Call");
    screenshot("mfa-text-or-call");
    click("submit");

    type("answer-0", "123456");
    click("submit");
    assertThat(awaitEvent("REDIRECT"))
        .containsEntry("loginId", sandbox.login("test_mfa_text_or_call").loginId());
  }

  @Test
  void text_only_offers_no_call() {
    open(params("authorizeToken", api.token()));
    click("institution-FlinksCapital");
    signIn("test_mfa_text_only", "Everyday");
    element("method-0-Text");
    assertThat(chromium.driver().findElements(By.id("method-0-Call"))).isEmpty();
    click("answer-0-0");
    click("submit");
    type("answer-0", "123456");
    click("submit");
    assertThat(awaitEvent("REDIRECT"))
        .containsEntry("loginId", sandbox.login("test_mfa_text_only").loginId());
  }

  @Test
  void account_selection_counts_accounts_and_redirect_has_a_url_without_a_redirect_url() {
    open(params("authorizeToken", api.token(), "accountSelectorEnable", "true"));
    click("institution-FlinksCapital");
    signIn("greatday_nomfa", "Everyday");
    Map<String, Object> selection = awaitEvent("COMPONENT_LOAD_ACCOUNT_SELECTION");
    assertThat(selection).containsKeys("totalAccounts", "displayedAccounts");
    List<WebElement> accounts =
        chromium.driver().findElements(By.cssSelector("button[name=accountId]"));
    assertThat(((Number) selection.get("displayedAccounts")).intValue()).isEqualTo(accounts.size());
    screenshot("accounts");
    accounts.getFirst().click();

    Map<String, Object> redirect = awaitEvent("REDIRECT");
    assertThat((String) redirect.get("url"))
        .startsWith(
            sandbox.baseUrl()
                + "/v2/connected?loginId="
                + sandbox.login("greatday_nomfa").loginId()
                + "&institution=FlinksCapital&accountId=");
    element("connected");
    screenshot("connected");
  }

  @Test
  void the_close_button_posts_close_session() {
    open(params("authorizeToken", api.token(), "closeEnable", "true"));
    click("close");
    assertThat(awaitEvent("COMPONENT_CLOSE_SESSION")).containsKey("step");
    assertThat(element("closed").getText()).isNotBlank();
  }

  @Test
  void retry_after_an_authorize_error_reloads_the_credentials() {
    open(params("authorizeToken", api.token()));
    click("institution-FlinksCapital");
    signIn("test_disabled_account", "Everyday");
    assertThat(awaitError()).containsEntry("flinksCode", "DISABLED_LOGIN");
    click("retry");
    assertThat(awaitEvent("COMPONENT_LOAD_CREDENTIAL_RETRY"))
        .containsEntry("institution", "FlinksCapital");
    element("username");
  }

  @Test
  void resizing_the_iframe_posts_app_resize() {
    open(params("authorizeToken", api.token(), "tag", "t-9"));
    element("institution-FlinksCapital");
    chromium.driver().switchTo().defaultContent();
    chromium.driver().executeScript("document.getElementById('connect').style.width = '400px';");
    chromium.driver().switchTo().frame("connect");

    Map<String, Object> resize = awaitEvent("APP_RESIZE");
    assertThat(((Number) resize.get("width")).intValue()).isEqualTo(400);
    assertThat(resize).containsEntry("tag", "t-9").containsKey("height");
  }

  /** The Connect iframe as a PNG in {@code target/connect-screenshots/NAME.png}. */
  private void screenshot(String name) {
    chromium.driver().switchTo().defaultContent();
    try {
      byte[] png =
          chromium.driver().findElement(By.id("connect")).getScreenshotAs(OutputType.BYTES);
      Files.createDirectories(SCREENSHOTS);
      Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      chromium.driver().switchTo().frame("connect");
    }
  }
}
