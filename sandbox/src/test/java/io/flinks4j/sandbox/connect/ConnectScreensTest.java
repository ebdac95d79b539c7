package io.flinks4j.sandbox.connect;

import static io.flinks4j.sandbox.connect.Api.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Connect screens and their events over plain HTTP: consent, institutions, every MFA kind,
 * close, redirect.
 */
class ConnectScreensTest {

  @RegisterExtension static final FlinksSandboxExtension FLINKS = new FlinksSandboxExtension();

  private final FlinksSandbox sandbox;
  private final Api api;

  ConnectScreensTest(FlinksSandbox sandbox) {
    this.sandbox = sandbox;
    this.api = new Api(sandbox);
  }

  /** The launch page's HTML, its first events, and the flow's path. */
  private record Launch(String html, JsonNode events, String flow) {}

  private Launch launch(String... keyValues) {
    Map<String, String> p = params(keyValues);
    p.put("authorizeToken", api.token());
    Api.Reply reply = api.get(api.connectUrl(p));
    return new Launch(
        reply.body(), reply.pageConfig().get("events"), reply.flowPath().orElseThrow());
  }

  private JsonNode post(Launch launch, String action, Map<String, String> form) {
    return api.postForm(launch.flow() + "/" + action, form).json();
  }

  private static List<String> steps(JsonNode events) {
    List<String> steps = new ArrayList<>();
    events.forEach(e -> steps.add(e.path("step").asText(e.path("flinksCode").asText())));
    return steps;
  }

  private static JsonNode event(JsonNode reply, String step) {
    for (JsonNode e : reply.get("events")) {
      if (step.equals(e.path("step").asText())) {
        return e;
      }
    }
    throw new AssertionError("no " + step + " in " + reply.get("events"));
  }

  /** Up to the MFA screen of {@code username} at {@code institution}, consent skipped. */
  private JsonNode signIn(Launch launch, String institution, String username) {
    post(launch, "institution", Map.of("institution", institution));
    return post(launch, "credentials", Map.of("username", username, "password", "Everyday"));
  }

  @Test
  void consent_is_the_first_screen_by_default_and_accepting_it_opens_the_institution_list() {
    Launch launch = launch();
    assertThat(launch.html()).contains("id=\"consent-accept\"").contains("id=\"consent-deny\"");
    assertThat(steps(launch.events())).containsExactly("APP_MOUNTED", "COMPONENT_LOAD_CONSENT");

    JsonNode accepted = post(launch, "consent", Map.of("decision", "accept"));
    assertThat(steps(accepted.get("events")))
        .containsExactly("COMPONENT_ACCEPT_CONSENT", "COMPONENT_LOAD_INSTITUTION_SELECTOR");
    assertThat(accepted.get("html").asText()).contains("id=\"institution-search\"");
  }

  @Test
  void denying_consent_shares_nothing_and_the_user_may_review_it_again() {
    Launch launch = launch("tag", "t-1");
    JsonNode denied = post(launch, "consent", Map.of("decision", "deny"));
    assertThat(event(denied, "COMPONENT_DENY_CONSENT").get("tag").asText()).isEqualTo("t-1");
    assertThat(denied.get("html").asText()).contains("id=\"review-consent\"");
    assertThat(post(launch, "institution", Map.of("institution", "FlinksCapital")).get("events"))
        .isEmpty();

    assertThat(steps(post(launch, "retry", Map.of()).get("events")))
        .containsExactly("COMPONENT_LOAD_CONSENT");
  }

  @Test
  void the_institution_list_holds_every_bank_and_a_made_up_one_connects_its_own_user() {
    Launch launch = launch("consentEnable", "false");
    assertThat(launch.html())
        .contains(
            "id=\"institution-FlinksCapital\"",
            "id=\"institution-ContosoBank\"",
            "id=\"institution-FabrikamSavings\"",
            "id=\"institution-NorthwindCreditUnion\"");

    JsonNode redirected = signIn(launch, "ContosoBank", "contoso_user");
    JsonNode redirect = event(redirected, "REDIRECT");
    assertThat(redirect.get("institution").asText()).isEqualTo("ContosoBank");
    assertThat(redirect.get("loginId").asText()).isEqualTo(sandbox.login("contoso_user").loginId());
  }

  @Test
  void redirect_carries_a_url_with_the_login_id_even_without_a_redirect_url() {
    Launch launch = launch("consentEnable", "false");
    JsonNode reply = signIn(launch, "FlinksCapital", "greatday_nomfa");

    String url = event(reply, "REDIRECT").get("url").asText();
    assertThat(url)
        .isEqualTo(
            sandbox.baseUrl()
                + "/v2/connected?loginId="
                + sandbox.login("greatday_nomfa").loginId()
                + "&institution=FlinksCapital");
    assertThat(reply.get("redirect").isNull()).as("the frame stays").isTrue();
    assertThat(api.get(url).body()).contains("id=\"connected\"");
  }

  @Test
  void account_selection_announces_total_and_displayed_accounts() {
    Launch launch = launch("consentEnable", "false", "accountSelectorEnable", "true");
    JsonNode reply = signIn(launch, "FlinksCapital", "greatday_nomfa");

    JsonNode selection = event(reply, "COMPONENT_LOAD_ACCOUNT_SELECTION");
    int total = sandbox.groundTruth(sandbox.login("greatday_nomfa").loginId()).accounts();
    assertThat(selection.get("totalAccounts").asInt()).isEqualTo(total);
    assertThat(selection.get("displayedAccounts").asInt())
        .isBetween(1, total - 1); // credit accounts hidden
  }

  @Test
  void the_close_button_ends_the_session_with_an_event() {
    Launch launch = launch("consentEnable", "false", "closeEnable", "true");
    assertThat(launch.html()).contains("id=\"close\"");

    JsonNode closed = post(launch, "close", Map.of());
    assertThat(steps(closed.get("events"))).containsExactly("COMPONENT_CLOSE_SESSION");
    assertThat(closed.get("html").asText()).contains("id=\"closed\"");
    assertThat(launch("consentEnable", "false").html()).doesNotContain("id=\"close\"");
  }

  @Test
  void a_wrong_answer_reloads_the_mfa_step_with_a_retry_event() {
    Launch launch = launch("consentEnable", "false");
    signIn(launch, "FlinksCapital", "test_mfa_choice");
    JsonNode retry =
        post(
            launch,
            "mfa",
            Map.of("prompt", "Which shape do people like most?", "answer-0", "Square"));

    assertThat(event(retry, "COMPONENT_LOAD_MFA_RETRY").get("mfaTypes").get(0).asText())
        .isEqualTo("MultipleChoice");
    assertThat(retry.get("html").asText())
        .contains("data-flinks-code=\"INVALID_SECURITY_RESPONSE\"");
  }

  @Test
  void every_mfa_kind_is_rendered_with_its_choices_and_answered_through_the_form() {
    Map<String, List<Map<String, String>>> rounds = new LinkedHashMap<>();
    rounds.put("test_mfa_choice", List.of(Map.of("answer-0", "Triangle")));
    rounds.put(
        "test_mfa_multiple", List.of(Map.of("answer-0", "Montreal", "answer-0 ", "Toronto")));
    rounds.put(
        "test_mfa_text_or_call",
        List.of(
            Map.of("answer-0", "•••-•••-5678", "method-0", "Call"), Map.of("answer-0", "123456")));
    rounds.put(
        "test_mfa_text_only",
        List.of(
            Map.of("answer-0", "•••-•••-1234", "method-0", "Text"), Map.of("answer-0", "123456")));
    Map<String, String> types =
        Map.of(
            "test_mfa_choice",
            "MultipleChoice",
            "test_mfa_multiple",
            "MultipleChoiceMultipleAnswers",
            "test_mfa_text_or_call",
            "TextOrCall",
            "test_mfa_text_only",
            "TextOnly");

    rounds.forEach((username, answers) -> {
      Launch launch = launch("consentEnable", "false");
      JsonNode mfa = signIn(launch, "FlinksCapital", username);
      assertThat(event(mfa, "COMPONENT_LOAD_MFA").get("mfaTypes").get(0).asText())
          .isEqualTo(types.get(username));
      String html = mfa.get("html").asText();
      assertThat(html)
          .contains("data-type=\"" + types.get(username) + "\"")
          .contains("id=\"answer-0-1\"");
      assertThat(html.contains("id=\"method-0-Call\""))
          .isEqualTo(username.equals("test_mfa_text_or_call"));
      JsonNode reply = mfa;
      for (Map<String, String> round : answers) {
        String prompt = promptOf(reply.get("html").asText());
        reply = api.postFields(launch.flow() + "/mfa", form(prompt, round)).json();
      }
      assertThat(event(reply, "REDIRECT").get("loginId").asText())
          .isEqualTo(sandbox.login(username).loginId());
    });
  }

  @Test
  void image_selection_shows_the_images_and_takes_the_chosen_one() {
    Launch launch = launch("consentEnable", "false");
    JsonNode mfa = signIn(launch, "FlinksCapital", "test_mfa_image");
    String html = mfa.get("html").asText();
    Matcher images =
        Pattern.compile("id=\"answer-0-(\\d)\" name=\"answer-0\" value=\"([^\"]+)\"").matcher(html);
    List<String> values = new ArrayList<>();
    while (images.find()) {
      values.add(images.group(2));
    }
    assertThat(values).hasSize(4);
    assertThat(html)
        .contains("<img alt=\"Image 3\" src=\"data:image/png;base64," + values.get(2) + "\">");

    JsonNode reply =
        api.postFields(
                launch.flow() + "/mfa", form(promptOf(html), Map.of("answer-0", values.get(2))))
            .json();
    assertThat(event(reply, "REDIRECT").get("loginId").asText())
        .isEqualTo(sandbox.login("test_mfa_image").loginId());
  }

  private static String promptOf(String html) {
    Matcher m = Pattern.compile("name=\"prompt\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).isTrue();
    return m.group(1).replace("&#39;", "'").replace("&amp;", "&");
  }

  /** Form fields; a key with a trailing space is a second value of the same field. */
  private static List<String[]> form(String prompt, Map<String, String> values) {
    List<String[]> fields = new ArrayList<>();
    fields.add(new String[] {"prompt", prompt});
    values.forEach((k, v) -> fields.add(new String[] {k.strip(), v}));
    return fields;
  }
}
