package io.flinks4j.sandbox.connect;

import static io.flinks4j.sandbox.connect.Api.params;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The Connect page clicked through in real headless Chromium, inside an iframe of another origin.
 */
@org.junit.jupiter.api.Tag("browser") // excluded by ./run-tests --fast
class ConnectBrowserTest extends ConnectBrowserBase {

  /**
   * Right answers keyed by a word of their prompt, so the test does not depend on question order.
   */
  private static final Map<String, String> RIGHT_ANSWERS =
      Map.of("city", "Montreal", "country", "Canada", "shape", "Triangle");

  @Test
  void greatday_nomfa_reaches_redirect_with_a_login_id_that_a_cached_authorize_accepts() {
    open(
        params(
            "authorizeToken",
            api.token(),
            "redirectUrl",
            site.doneUrl(),
            "innerRedirect",
            "true",
            "demo",
            "true",
            "tag",
            "order-42"));

    click("institution-FlinksCapital");
    signIn("greatday_nomfa", "Everyday");

    Map<String, Object> redirect = awaitEvent("REDIRECT");
    String loginId = sandbox.login("greatday_nomfa").loginId();
    assertThat(redirect)
        .containsEntry("loginId", loginId)
        .containsEntry("institution", "FlinksCapital")
        .containsKey("requestId");
    assertThat(redirect.get("url"))
        .isEqualTo(
            site.doneUrl() + "?loginId=" + loginId + "&institution=FlinksCapital&tag=order-42");
    assertThat(steps())
        .containsSubsequence(
            "APP_MOUNTED",
            "COMPONENT_LOAD_INSTITUTION_SELECTOR",
            "INSTITUTION_SELECTED",
            "COMPONENT_LOAD_CREDENTIAL",
            "SUBMIT_CREDENTIAL",
            "REDIRECT");
    assertThat(frameUrl()).isEqualTo(redirect.get("url"));

    Api.Reply cached = api.authorizeCached(loginId);
    assertThat(cached.status()).isEqualTo(200);
  }

  @Test
  void greatday_answers_the_three_security_questions_and_the_top_window_goes_to_the_redirect_url() {
    open(params("authorizeToken", api.token(), "redirectUrl", site.doneUrl()));

    click("institution-FlinksCapital");
    signIn("Greatday", "Everyday");

    Map<String, Object> mfa = awaitEvent("COMPONENT_LOAD_MFA");
    assertThat(mfa)
        .containsEntry("mfaTypes", List.of("QuestionAndAnswer"))
        .containsKey("requestId");
    assertThat(answerQuestions(RIGHT_ANSWERS)).isEqualTo(3);
    click("submit");

    String landed =
        waiting()
            .until(d -> {
              String url = d.switchTo().defaultContent().getCurrentUrl();
              return url.startsWith(site.doneUrl()) ? url : null;
            });
    assertThat(landed)
        .isEqualTo(
            site.doneUrl()
                + "?loginId="
                + sandbox.login("Greatday").loginId()
                + "&institution=FlinksCapital");
  }

  @Test
  void a_wrong_security_answer_shows_an_error_and_the_user_answers_again() {
    open(
        params(
            "authorizeToken", api.token(), "redirectUrl", site.doneUrl(), "innerRedirect", "true"));
    click("institution-FlinksCapital");
    signIn("Greatday", "Everyday");
    awaitEvent("COMPONENT_LOAD_MFA");

    answerQuestions(Map.of("city", "Toronto", "country", "Canada", "shape", "Triangle"));
    click("submit");

    assertThat(element("error").getAttribute("data-flinks-code"))
        .isEqualTo("INVALID_SECURITY_RESPONSE");
    assertThat(awaitError())
        .containsEntry("flinksCode", "INVALID_SECURITY_RESPONSE")
        .containsEntry("institution", "FlinksCapital")
        .containsKey("requestId");

    answerQuestions(RIGHT_ANSWERS);
    click("submit");
    assertThat(awaitEvent("REDIRECT"))
        .containsEntry("loginId", sandbox.login("Greatday").loginId());
  }

  @Test
  void a_consumed_token_shows_an_error_screen_and_posts_the_error_event() {
    String token = api.token();
    api.authorize(
        token,
        Map.of("LoginId", sandbox.login("greatday_nomfa").loginId(), "MostRecentCached", true));

    open(params("authorizeToken", token, "redirectUrl", site.doneUrl()));

    assertThat(element("error").getAttribute("data-flinks-code")).isEqualTo("ACCESS_DENIED");
    assertThat(awaitError())
        .containsEntry("flinksCode", "ACCESS_DENIED")
        .containsEntry("requestId", null);
    assertThat(chromium.driver().findElements(By.tagName("form"))).isEmpty();
  }

  @Test
  void relaunched_with_the_request_id_of_a_refresh_that_hit_mfa_it_resumes_at_the_questions() {
    String loginId = sandbox.login("Greatday").loginId();
    Api.Reply refresh =
        api.authorize(
            api.token(), Map.of("LoginId", loginId, "MostRecentCached", false, "Save", true));
    assertThat(refresh.status()).isEqualTo(203);
    String requestId = refresh.json().get("RequestId").asText();

    open(
        params(
            "authorizeToken",
            api.token(),
            "requestId",
            requestId,
            "redirectUrl",
            site.doneUrl(),
            "innerRedirect",
            "true"));
    assertThat(awaitEvent("COMPONENT_LOAD_MFA")).containsEntry("requestId", requestId);
    answerQuestions(RIGHT_ANSWERS);
    click("submit");

    assertThat(awaitEvent("REDIRECT"))
        .containsEntry("loginId", loginId)
        .containsEntry("requestId", requestId);
    assertThat(steps())
        .doesNotContain("COMPONENT_LOAD_INSTITUTION_SELECTOR", "COMPONENT_LOAD_CREDENTIAL");
    Api.Reply cached = api.authorizeCached(loginId);
    assertThat(cached.status()).isEqualTo(200);
    sandbox.advanceClock(Duration.ofMinutes(1));
    Api.Reply detail = api.detail(Map.of("RequestId", cached.json().get("RequestId").asText()));
    assertThat(detail.status()).isEqualTo(200);
    assertThat(detail.json().get("Login").get("Id").asText()).isEqualTo(loginId);
  }

  @Test
  void the_account_selector_puts_the_chosen_account_id_in_the_redirect() {
    open(
        params(
            "authorizeToken",
            api.token(),
            "redirectUrl",
            site.doneUrl(),
            "innerRedirect",
            "true",
            "accountSelectorEnable",
            "true"));
    click("institution-FlinksCapital");
    signIn("greatday_nomfa", "Everyday");
    awaitEvent("COMPONENT_LOAD_ACCOUNT_SELECTION");

    WebElement first =
        waiting()
            .until(
                ExpectedConditions.elementToBeClickable(By.cssSelector("button[name=accountId]")));
    String accountId = first.getAttribute("value");
    first.click();

    Map<String, Object> redirect = awaitEvent("REDIRECT");
    assertThat((String) redirect.get("url")).endsWith("&accountId=" + accountId);
    assertThat(awaitEvent("ACCOUNT_SELECTED")).containsEntry("accountId", accountId);
    Api.Reply cached = api.authorizeCached(sandbox.login("greatday_nomfa").loginId());
    sandbox.advanceClock(Duration.ofMinutes(1));
    Api.Reply detail =
        api.detail(
            Map.of(
                "RequestId",
                cached.json().get("RequestId").asText(),
                "AccountsFilter",
                List.of(accountId),
                "WithTransactions",
                false));
    assertThat(detail.json().get("Accounts")).hasSize(1);
    assertThat(detail.json().at("/Accounts/0/Id").asText()).isEqualTo(accountId);
  }

  @Test
  void with_stringify_the_events_arrive_as_json_strings() {
    open(params("authorizeToken", api.token(), "stringify", "true"));
    element("institution-FlinksCapital");

    List<Object> events = waiting().until(d -> events().size() >= 2 ? events() : null);
    assertThat(events).allSatisfy(e -> assertThat(e).isInstanceOf(String.class));
    assertThat((String) events.getFirst()).isEqualTo("{\"step\":\"APP_MOUNTED\"}");
  }
}
