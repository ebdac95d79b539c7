package io.flinks4j.sandbox.connect;

import static io.flinks4j.sandbox.connect.Api.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.Requirement;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Connect page over plain HTTP: token checks, parameters, escaping and the flow endpoints, no
 * browser.
 */
class ConnectLaunchTest {

  @RegisterExtension static final FlinksSandboxExtension FLINKS = new FlinksSandboxExtension();

  private final FlinksSandbox sandbox;
  private final Api api;

  ConnectLaunchTest(FlinksSandbox sandbox) {
    this.sandbox = sandbox;
    this.api = new Api(sandbox);
  }

  /**
   * A served launch page: status, raw HTML, the script's config and the flow's path ({@code null}
   * if none).
   */
  record Page(int status, String html, JsonNode config, String flowPath) {
    List<JsonNode> events() {
      List<JsonNode> events = new ArrayList<>();
      config.get("events").forEach(events::add);
      return events;
    }

    JsonNode errorEvent() {
      return events().stream().filter(e -> e.has("flinksCode")).findFirst().orElseThrow();
    }
  }

  /**
   * A launch; without an explicit {@code consentEnable} the consent screen is skipped
   * (ConnectScreensTest has it).
   */
  private Page launch(Map<String, String> params) {
    params.putIfAbsent("consentEnable", "false");
    return page(api.get(api.connectUrl(params)));
  }

  private static Page page(Api.Reply reply) {
    return new Page(
        reply.status(), reply.body(), reply.pageConfig(), reply.flowPath().orElse(null));
  }

  // ---- authorize token
  // -----------------------------------------------------------------------------

  @Test
  void a_launch_without_a_token_shows_an_error_screen_and_posts_access_denied() {
    Page page = launch(params("redirectUrl", "https://app.example/done"));

    assertThat(page.status()).isEqualTo(401);
    assertThat(page.html())
        .contains("data-flinks-code=\"ACCESS_DENIED\"")
        .contains("authorizeToken is required");
    assertThat(page.flowPath()).isNull();
    assertThat(page.errorEvent().get("flinksCode").asText()).isEqualTo("ACCESS_DENIED");
    assertThat(page.errorEvent().get("requestId").isNull()).isTrue();
  }

  @Test
  void a_launch_with_an_unknown_token_is_refused() {
    Page page = launch(params("authorizeToken", "6f1d7a52-0000-4000-8000-000000000000"));

    assertThat(page.status()).isEqualTo(401);
    assertThat(page.html()).contains("is not valid");
    assertThat(page.errorEvent().get("flinksCode").asText()).isEqualTo("ACCESS_DENIED");
  }

  @Test
  void a_token_spent_on_authorize_cannot_launch_connect() {
    String token = api.token();
    api.authorize(
        token,
        Map.of("LoginId", sandbox.login("greatday_nomfa").loginId(), "MostRecentCached", true));

    Page page = launch(params("authorizeToken", token));

    assertThat(page.status()).isEqualTo(401);
    assertThat(page.html()).contains("already used");
  }

  @Test
  void a_token_spent_on_a_launch_cannot_be_used_again_by_connect_or_authorize() {
    String token = api.token();
    assertThat(launch(params("authorizeToken", token)).status()).isEqualTo(200);

    assertThat(launch(params("authorizeToken", token)).status()).isEqualTo(401);
    Api.Reply authorize =
        api.authorize(
            token,
            Map.of("LoginId", sandbox.login("greatday_nomfa").loginId(), "MostRecentCached", true));
    assertThat(authorize.status()).isEqualTo(401);
    assertThat(authorize.json().get("FlinksCode").asText()).isEqualTo("ACCESS_DENIED");
  }

  @Test
  void a_token_minted_more_than_thirty_minutes_ago_is_refused_as_expired() {
    String token = api.token();
    sandbox.advanceClock(Duration.ofMinutes(31));

    Page page = launch(params("authorizeToken", token));

    assertThat(page.status()).isEqualTo(401);
    assertThat(page.html()).contains("has expired");
  }

  @Test
  void a_launch_without_a_token_is_accepted_when_the_instance_does_not_require_one() {
    try (FlinksSandbox older =
        FlinksSandbox.builder().authorizeToken(Requirement.OPTIONAL).start()) {
      Page page = page(new Api(older).get(older.connectUrl()));

      assertThat(page.status()).isEqualTo(200);
      assertThat(page.html()).contains("id=\"consent-accept\"");
    }
  }

  @Test
  void a_valid_launch_without_consent_shows_the_institution_picker_and_announces_it() {
    Page page =
        launch(params("authorizeToken", api.token(), "demo", "true", "consentEnable", "false"));

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.html()).contains("id=\"institution-FlinksCapital\"");
    assertThat(page.events())
        .extracting(e -> e.get("step").asText())
        .containsExactly("APP_MOUNTED", "COMPONENT_LOAD_INSTITUTION_SELECTOR");
  }

  // ---- parameters and escaping
  // ---------------------------------------------------------------------

  @Test
  void a_script_redirect_url_is_refused_before_the_token_is_spent() {
    String token = api.token();

    Page refused =
        launch(params("authorizeToken", token, "redirectUrl", "javascript:alert(document.domain)"));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorEvent().get("flinksCode").asText()).isEqualTo("INVALID_REQUEST");
    assertThat(
            launch(params("authorizeToken", token, "redirectUrl", "https://app.example/done"))
                .status())
        .isEqualTo(200);
  }

  @Test
  void a_tag_that_tries_to_close_the_script_element_stays_inert_data() {
    String tag = "</script><script>alert(1)</script>&\"'";

    Page page = launch(params("authorizeToken", api.token(), "tag", tag));

    assertThat(page.html()).doesNotContain("<script>alert(1)");
    assertThat(page.events().getFirst().get("tag").asText()).isEqualTo(tag);
  }

  @Test
  void a_username_echoed_after_a_refusal_is_html_escaped() {
    Page page = launch(params("authorizeToken", api.token()));
    api.postForm(page.flowPath() + "/institution", Map.of("institution", "FlinksCapital"));

    Api.Reply reply =
        api.postForm(
            page.flowPath() + "/credentials",
            Map.of("username", "\"><img src=x onerror=alert(1)>", "password", "x"));

    String html = reply.json().get("html").asText();
    assertThat(html)
        .doesNotContain("<img")
        .contains("value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\"");
    assertThat(html).contains("data-flinks-code=\"INVALID_USERNAME\"");
  }

  @Test
  void the_page_only_runs_its_own_nonced_script() {
    Api.Reply reply = api.get(api.connectUrl(params("authorizeToken", api.token())));

    String csp = reply.raw().headers().firstValue("Content-Security-Policy").orElseThrow();
    Matcher nonce = Pattern.compile("script-src 'nonce-([A-Za-z0-9+/=]+)'").matcher(csp);
    assertThat(nonce.find()).isTrue();
    assertThat(csp).contains("default-src 'none'");
    assertThat(reply.body())
        .contains("<script nonce=\"" + nonce.group(1) + "\">")
        .doesNotContain(" src=");
    assertThat(reply.raw().headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
  }

  @Test
  void french_renders_the_page_in_french_and_connects_the_french_login() {
    Page page =
        launch(
            params(
                "authorizeToken",
                api.token(),
                "language",
                "fr",
                "redirectUrl",
                "https://app.example/fin"));
    assertThat(page.html()).contains("<html lang=\"fr\"").contains("Choisissez votre institution");
    api.postForm(page.flowPath() + "/institution", Map.of("institution", "FlinksCapital"));

    JsonNode reply =
        api.postForm(
                page.flowPath() + "/credentials",
                Map.of("username", "greatday_nomfa", "password", "Everyday"))
            .json();

    String loginId = redirectEvent(reply).get("loginId").asText();
    assertThat(loginId).isNotEqualTo(sandbox.login("greatday_nomfa").loginId());
    assertThat(api.authorizeCached(loginId).status()).isEqualTo(200);
  }

  @Test
  void the_redirect_url_keeps_its_query_and_fragment_and_gets_the_parameters_in_between() {
    Page page =
        launch(
            params(
                "authorizeToken",
                api.token(),
                "redirectUrl",
                "https://app.example/cb?x=1#top",
                "tag",
                "a b&c"));
    api.postForm(page.flowPath() + "/institution", Map.of("institution", "FlinksCapital"));

    JsonNode reply =
        api.postForm(
                page.flowPath() + "/credentials",
                Map.of("username", "greatday_nomfa", "password", "Everyday"))
            .json();

    assertThat(reply.get("redirect").asText())
        .isEqualTo(
            "https://app.example/cb?x=1&loginId="
                + sandbox.login("greatday_nomfa").loginId()
                + "&institution=FlinksCapital&tag=a+b%26c#top");
    assertThat(redirectEvent(reply).get("url").asText()).isEqualTo(reply.get("redirect").asText());
  }

  @Test
  void redirect_and_error_events_carry_every_field_of_the_documented_examples() throws IOException {
    Page page =
        launch(
            params(
                "authorizeToken",
                api.token(),
                "redirectUrl",
                "https://example.com/thank-you",
                "tag",
                "YourTag"));
    api.postForm(page.flowPath() + "/institution", Map.of("institution", "FlinksCapital"));
    JsonNode refused =
        api.postForm(
                page.flowPath() + "/credentials",
                Map.of("username", "greatday_nomfa", "password", "nope"))
            .json();
    JsonNode redirected =
        api.postForm(
                page.flowPath() + "/credentials",
                Map.of("username", "greatday_nomfa", "password", "Everyday"))
            .json();

    JsonNode error = refused.at("/events/1");
    JsonNode redirect = redirectEvent(redirected);
    assertSameShape(error, fixture("connect-event-flinkscode.json"));
    assertSameShape(redirect, fixture("connect-event-redirect.json"));
    assertThat(error.get("flinksCode").asText()).isEqualTo("INVALID_PASSWORD");
    assertThat(redirect.get("url").asText())
        .matches(
            "https://example\\.com/thank-you\\?loginId=[0-9a-f-]{36}&institution=FlinksCapital&tag=YourTag");
  }

  private static JsonNode fixture(String name) throws IOException {
    try (var in = ConnectLaunchTest.class.getResourceAsStream("/connect/" + name)) {
      return Api.JSON.readTree(in);
    }
  }

  private static void assertSameShape(JsonNode actual, JsonNode documented) {
    documented
        .properties()
        .forEach(field -> {
          assertThat(actual.has(field.getKey())).as("has %s", field.getKey()).isTrue();
          assertThat(actual.get(field.getKey()).getNodeType())
              .as("type of %s", field.getKey())
              .isEqualTo(field.getValue().getNodeType());
        });
  }

  // ---- flow endpoints
  // ------------------------------------------------------------------------------

  @Test
  void a_disabled_login_ends_on_an_error_screen_from_which_the_user_can_start_over() {
    Page page = launch(params("authorizeToken", api.token()));
    api.postForm(page.flowPath() + "/institution", Map.of("institution", "FlinksCapital"));

    JsonNode refused =
        api.postForm(
                page.flowPath() + "/credentials",
                Map.of("username", "test_disabled_account", "password", "Everyday"))
            .json();
    assertThat(refused.get("html").asText()).contains("data-flinks-code=\"DISABLED_LOGIN\"");
    assertThat(refused.at("/events/1/flinksCode").asText()).isEqualTo("DISABLED_LOGIN");
    assertThat(refused.at("/events/1/institution").asText()).isEqualTo("FlinksCapital");

    JsonNode retried = api.postForm(page.flowPath() + "/retry", Map.of()).json();
    assertThat(retried.at("/events/0/step").asText()).isEqualTo("COMPONENT_LOAD_CREDENTIAL_RETRY");
    assertThat(retried.at("/events/0/institution").asText()).isEqualTo("FlinksCapital");
    assertThat(retried.get("html").asText()).contains("id=\"username\"");
  }

  @Test
  void an_action_that_does_not_fit_the_screen_gets_409_and_the_current_screen() {
    Page page = launch(params("authorizeToken", api.token()));

    Api.Reply reply = api.postForm(page.flowPath() + "/mfa", Map.of("prompt", "x", "answer", "y"));

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.json().get("html").asText()).contains("id=\"institution-FlinksCapital\"");
    assertThat(reply.json().get("events")).isEmpty();
  }

  @Test
  void a_post_to_an_unknown_flow_gets_404_and_a_session_nonexistent_event() {
    Api.Reply reply =
        api.postForm(
            "/v2/flow/00000000-0000-4000-8000-000000000000/institution",
            Map.of("institution", "FlinksCapital"));

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().at("/events/0/flinksCode").asText()).isEqualTo("SESSION_NONEXISTENT");
  }

  @Test
  void a_relaunch_with_an_unknown_request_id_shows_session_nonexistent() {
    Page page =
        launch(
            params(
                "authorizeToken",
                api.token(),
                "requestId",
                "3eb951d4-6d73-461c-8cd7-7896a0b8992e"));

    assertThat(page.html()).contains("data-flinks-code=\"SESSION_NONEXISTENT\"");
    assertThat(page.errorEvent().get("requestId").asText())
        .isEqualTo("3eb951d4-6d73-461c-8cd7-7896a0b8992e");
  }

  @Test
  void a_relaunch_with_the_request_id_of_a_cached_read_starts_a_new_connection() {
    String cachedRequestId =
        api.authorizeCached(sandbox.login("Greatday").loginId()).json().get("RequestId").asText();

    Page page = launch(params("authorizeToken", api.token(), "requestId", cachedRequestId));

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.html()).contains("id=\"institution-FlinksCapital\"");
    assertThat(page.events())
        .extracting(e -> e.get("step").asText())
        .containsExactly("APP_MOUNTED", "COMPONENT_LOAD_INSTITUTION_SELECTOR");
  }

  @Test
  void an_overlong_parameter_is_refused_rather_than_cut() {
    Page page = launch(params("authorizeToken", api.token(), "tag", "t".repeat(2049)));

    assertThat(page.status()).isEqualTo(400);
    assertThat(page.errorEvent().get("flinksCode").asText()).isEqualTo("INVALID_REQUEST");
  }

  @Test
  void questions_answered_meanwhile_through_the_api_end_the_connect_flow_with_a_redirect() {
    String loginId = sandbox.login("Greatday").loginId();
    String requestId =
        api.authorize(
                api.token(), Map.of("LoginId", loginId, "MostRecentCached", false, "Save", true))
            .json()
            .get("RequestId")
            .asText();
    Page page = launch(params("authorizeToken", api.token(), "requestId", requestId));
    Map<String, Object> answers =
        Map.of(
            "What city were you born in?", List.of("Montreal"),
            "What is the best country on earth?", List.of("Canada"),
            "What shape do people like most?", List.of("Triangle"));
    assertThat(
            api.authorize(api.token(), Map.of("RequestId", requestId, "SecurityResponses", answers))
                .status())
        .isEqualTo(200);

    JsonNode reply =
        api.postForm(
                page.flowPath() + "/mfa",
                Map.of("prompt", "What city were you born in?", "answer", "x"))
            .json();

    assertThat(redirectEvent(reply).get("loginId").asText()).isEqualTo(loginId);
  }

  private static JsonNode redirectEvent(JsonNode reply) {
    for (JsonNode event : reply.get("events")) {
      if ("REDIRECT".equals(event.path("step").asText())) {
        return event;
      }
    }
    throw new AssertionError("no REDIRECT event in " + reply);
  }
}
