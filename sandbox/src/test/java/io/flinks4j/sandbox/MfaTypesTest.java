package io.flinks4j.sandbox;

import static io.flinks4j.sandbox.FlinksHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinks4j.sandbox.FlinksHttp.Reply;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every challenge kind beyond text questions, over the wire: the 203 shape and right and wrong
 * answers.
 */
@ExtendWith(FlinksSandboxExtension.class)
class MfaTypesTest {

  private final FlinksSandbox sandbox;
  private final FlinksHttp http;

  MfaTypesTest(FlinksSandbox sandbox) {
    this.sandbox = sandbox;
    this.http = new FlinksHttp(sandbox);
  }

  private Reply challenge(String username) {
    Reply reply =
        http.authorize(
            body("Institution", "FlinksCapital", "Username", username, "Password", "Everyday"));
    assertThat(reply.status()).isEqualTo(203);
    return reply;
  }

  private Reply answer(Reply challenge, Object responses) {
    return http.authorize(body("RequestId", challenge.requestId(), "SecurityResponses", responses));
  }

  private static JsonNode first(Reply reply) {
    return reply.json().at("/SecurityChallenges/0");
  }

  private static List<String> iterables(Reply reply) {
    List<String> out = new ArrayList<>();
    first(reply).get("Iterables").forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String prompt(Reply reply) {
    return first(reply).get("Prompt").asText();
  }

  @Test
  void each_user_of_the_readme_table_is_challenged_with_the_type_it_names() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String section = readme.substring(readme.indexOf("## MFA challenge kinds"));
    section = section.substring(0, section.indexOf("\n## ", 1));
    Matcher row = Pattern.compile("(?m)^\\| `(\\w+)` \\| `(\\w+)` \\|").matcher(section);
    Map<String, String> documented = new LinkedHashMap<>();
    while (row.find()) {
      documented.put(row.group(1), row.group(2));
    }

    assertThat(documented.values())
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(MfaType.values()).map(MfaType::wireName).toList());
    documented.forEach((user, type) ->
        assertThat(first(challenge(user)).get("Type").asText()).as(user).isEqualTo(type));
  }

  @Test
  void multiple_choice_sends_its_choices_in_iterables_and_takes_the_right_one() {
    Reply challenge = challenge("test_mfa_choice");
    assertThat(first(challenge).get("Type").asText()).isEqualTo("MultipleChoice");
    assertThat(iterables(challenge)).containsExactly("Circle", "Square", "Triangle", "Hexagon");

    assertThat(answer(challenge, Map.of(prompt(challenge), List.of("Triangle"))).status())
        .isEqualTo(200);
  }

  @Test
  void multiple_choice_refuses_a_wrong_choice_a_text_not_in_the_list_and_two_choices() {
    Reply challenge = challenge("test_mfa_choice");
    String prompt = prompt(challenge);
    assertThat(answer(challenge, Map.of(prompt, List.of("Square"))).code())
        .isEqualTo("INVALID_SECURITY_RESPONSE");
    assertThat(answer(challenge, Map.of(prompt, List.of("Pentagon"))).code())
        .isEqualTo("INVALID_SECURITY_RESPONSE");
    assertThat(answer(challenge, Map.of(prompt, List.of("Triangle", "Square"))).code())
        .isEqualTo("INVALID_SECURITY_RESPONSE");
  }

  @Test
  void multiple_answers_need_every_right_choice_and_no_wrong_one() {
    Reply challenge = challenge("test_mfa_multiple");
    String prompt = prompt(challenge);
    assertThat(first(challenge).get("Type").asText()).isEqualTo("MultipleChoiceMultipleAnswers");
    assertThat(iterables(challenge)).containsExactly("Montreal", "Toronto", "Vancouver", "Calgary");

    assertThat(answer(challenge, Map.of(prompt, List.of("Montreal"))).code())
        .isEqualTo("INVALID_SECURITY_RESPONSE");
    assertThat(answer(challenge, Map.of(prompt, List.of("Montreal", "Toronto", "Calgary"))).code())
        .isEqualTo("INVALID_SECURITY_RESPONSE");
    assertThat(answer(challenge, Map.of(prompt, List.of("Toronto", "Montreal"))).status())
        .isEqualTo(200);
  }

  @Test
  void image_selection_sends_base64_png_images_and_takes_the_chosen_entry() {
    Reply challenge = challenge("test_mfa_image");
    assertThat(first(challenge).get("Type").asText()).isEqualTo("ImageSelection");
    List<String> images = iterables(challenge);
    assertThat(images).hasSize(4).doesNotHaveDuplicates();
    byte[] png = Base64.getDecoder().decode(images.getFirst());
    assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");

    assertThat(answer(challenge, Map.of(prompt(challenge), List.of(images.get(0)))).code())
        .isEqualTo("INVALID_SECURITY_RESPONSE");
    assertThat(answer(challenge, Map.of(prompt(challenge), List.of(images.get(2)))).status())
        .isEqualTo(200);
  }

  @Test
  void text_or_call_asks_for_a_phone_then_for_the_code_it_sent() {
    Reply challenge = challenge("test_mfa_text_or_call");
    assertThat(first(challenge).get("Type").asText()).isEqualTo("TextOrCall");
    List<String> phones = iterables(challenge);
    assertThat(phones).containsExactly("•••-•••-1234", "•••-•••-5678");

    Reply code = answer(challenge, Map.of(prompt(challenge), List.of(phones.get(1), "Call")));
    assertThat(code.status()).isEqualTo(203);
    assertThat(first(code).get("Type").asText()).isEqualTo("QuestionAndAnswer");
    assertThat(first(code).has("Iterables")).isFalse();

    assertThat(answer(code, Map.of(prompt(code), List.of("000000"))).code())
        .isEqualTo("INVALID_SECURITY_RESPONSE");
    assertThat(answer(code, Map.of(prompt(code), List.of("123456"))).status()).isEqualTo(200);
  }

  @Test
  void text_or_call_also_takes_nanopays_shape_keyed_by_the_phone_number() {
    Reply challenge = challenge("test_mfa_text_or_call");
    Reply code = answer(challenge, Map.of(iterables(challenge).getFirst(), List.of("Text")));
    assertThat(code.status()).isEqualTo(203);
  }

  @Test
  void text_only_refuses_a_call_and_a_phone_not_offered() {
    Reply challenge = challenge("test_mfa_text_only");
    assertThat(first(challenge).get("Type").asText()).isEqualTo("TextOnly");
    String prompt = prompt(challenge);
    assertThat(answer(challenge, Map.of(prompt, List.of("•••-•••-1234", "Call"))).code())
        .isEqualTo("INVALID_SECURITY_RESPONSE");
    assertThat(answer(challenge, Map.of(prompt, List.of("555-0100"))).code())
        .isEqualTo("INVALID_SECURITY_RESPONSE");
    assertThat(answer(challenge, Map.of(prompt, List.of("•••-•••-1234"))).status()).isEqualTo(203);
  }

  @Test
  void the_control_api_creates_a_login_of_any_challenge_kind() {
    Reply created =
        http.control(
            "POST",
            "/sandbox/logins",
            FlinksHttp.json(
                body("username", "pick_one", "mfaType", "MultipleChoiceMultipleAnswers")));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("mfaType").asText()).isEqualTo("MultipleChoiceMultipleAnswers");
    assertThat(first(challenge("pick_one")).get("Type").asText())
        .isEqualTo("MultipleChoiceMultipleAnswers");

    Reply bad =
        http.control(
            "POST",
            "/sandbox/logins",
            FlinksHttp.json(body("username", "pick_two", "mfaType", "Telepathy")));
    assertThat(bad.status()).isEqualTo(400);
  }
}
