package io.flinks4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinks4j.client.RefreshResult.MfaRequired;
import io.flinks4j.client.RefreshResult.Refreshed;
import io.flinks4j.client.error.FlinksException;
import io.flinks4j.client.model.MfaAnswer;
import io.flinks4j.client.model.SecurityChallenge;
import io.flinks4j.client.model.SecurityChallenge.ImageChoice;
import io.flinks4j.client.model.SecurityChallenge.MultipleChoices;
import io.flinks4j.client.model.SecurityChallenge.PhoneChoice;
import io.flinks4j.client.model.SecurityChallenge.Question;
import io.flinks4j.client.model.SecurityChallenge.SingleChoice;
import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each MFA challenge kind of the sandbox, typed by the client and answered right and wrong over
 * real sockets.
 */
class MfaKindsTest {
  @RegisterExtension
  static final FlinksSandboxExtension SANDBOX = FlinksSandboxExtension.withOptions(b -> b);

  @RegisterExtension final SandboxClients clients = new SandboxClients();

  private FlinksClient client(FlinksSandbox sandbox) {
    return clients.on(sandbox);
  }

  private RefreshResult refresh(FlinksSandbox sandbox, String username, MfaHandler handler) {
    return client(sandbox)
        .refresh(sandbox.login(username).loginId(), DetailOptions.defaults(), handler);
  }

  private static SecurityChallenge firstChallenge(RefreshResult result) {
    assertThat(result).isInstanceOf(MfaRequired.class);
    return ((MfaRequired) result).challenges().getFirst();
  }

  private void assertRefusedAsWrong(FlinksSandbox sandbox, String username, MfaHandler handler) {
    assertThatThrownBy(() -> refresh(sandbox, username, handler))
        .isInstanceOfSatisfying(
            FlinksException.class,
            e -> assertThat(e.flinksCode()).contains(FlinksCode.INVALID_SECURITY_RESPONSE));
  }

  @Test
  void multiple_choice_is_a_single_choice_with_its_choices(FlinksSandbox sandbox) {
    SecurityChallenge c = firstChallenge(refresh(sandbox, "test_mfa_choice", MfaHandler.decline()));
    assertThat(c)
        .isInstanceOfSatisfying(
            SingleChoice.class,
            s -> {
              assertThat(s.type()).isEqualTo("MultipleChoice");
              assertThat(s.choices()).containsExactly("Circle", "Square", "Triangle", "Hexagon");
            });

    MfaHandler right =
        MfaHandler.each((ch, round) -> Optional.of(((SingleChoice) ch).pick("triangle")));
    assertThat(refresh(sandbox, "test_mfa_choice", right)).isInstanceOf(Refreshed.class);
    assertRefusedAsWrong(
        sandbox,
        "test_mfa_choice",
        MfaHandler.each((ch, round) -> Optional.of(((SingleChoice) ch).pick("Square"))));
  }

  @Test
  void a_choice_that_is_not_offered_cannot_be_picked() {
    SingleChoice c = new SingleChoice("Shape?", List.of("Circle", "Square"), Map.of());
    assertThatThrownBy(() -> c.pick("Triangle")).isInstanceOf(IllegalArgumentException.class);
    assertThat(c.answerFromText("Triangle")).isEmpty();
  }

  @Test
  void multiple_answers_send_several_choices(FlinksSandbox sandbox) {
    SecurityChallenge c =
        firstChallenge(refresh(sandbox, "test_mfa_multiple", MfaHandler.decline()));
    assertThat(c).isInstanceOf(MultipleChoices.class);
    assertThat(c.answerFromText("montreal, Toronto"))
        .contains(MfaAnswer.choices(List.of("Montreal", "Toronto")));

    MfaHandler right = MfaHandler.fixed(Map.of(c.prompt(), "Toronto,Montreal"));
    assertThat(refresh(sandbox, "test_mfa_multiple", right)).isInstanceOf(Refreshed.class);
    assertRefusedAsWrong(
        sandbox, "test_mfa_multiple", MfaHandler.fixed(Map.of(c.prompt(), "Montreal")));
  }

  @Test
  void image_selection_answers_with_the_chosen_image(FlinksSandbox sandbox) {
    SecurityChallenge c = firstChallenge(refresh(sandbox, "test_mfa_image", MfaHandler.decline()));
    assertThat(c)
        .isInstanceOfSatisfying(ImageChoice.class, i -> assertThat(i.choices()).hasSize(4));
    assertThat(c.toString()).doesNotContain(c.choices().getFirst());

    MfaHandler blue = MfaHandler.each((ch, round) -> Optional.of(((ImageChoice) ch).pick(2)));
    assertThat(refresh(sandbox, "test_mfa_image", blue)).isInstanceOf(Refreshed.class);
    assertRefusedAsWrong(
        sandbox,
        "test_mfa_image",
        MfaHandler.each((ch, round) -> Optional.of(((ImageChoice) ch).pick(0))));
  }

  @Test
  void text_or_call_picks_a_phone_then_answers_the_code_in_the_next_round(FlinksSandbox sandbox) {
    SecurityChallenge c =
        firstChallenge(refresh(sandbox, "test_mfa_text_or_call", MfaHandler.decline()));
    assertThat(c)
        .isInstanceOfSatisfying(PhoneChoice.class, p -> assertThat(p.callsOffered()).isTrue());

    MfaHandler handler =
        MfaHandler.each((ch, round) ->
            Optional.of(
                switch (ch) {
                  case PhoneChoice p -> p.call(p.choices().getLast());
                  case Question q -> MfaAnswer.text("123456");
                  default -> throw new AssertionError(ch);
                }));
    assertThat(refresh(sandbox, "test_mfa_text_or_call", handler)).isInstanceOf(Refreshed.class);
    assertRefusedAsWrong(
        sandbox,
        "test_mfa_text_or_call",
        MfaHandler.each((ch, round) ->
            Optional.of(
                switch (ch) {
                  case PhoneChoice p -> p.text(p.choices().getFirst());
                  default -> MfaAnswer.text("999999");
                })));
  }

  @Test
  void text_only_offers_no_call(FlinksSandbox sandbox) {
    SecurityChallenge c =
        firstChallenge(refresh(sandbox, "test_mfa_text_only", MfaHandler.decline()));
    assertThat(c)
        .isInstanceOfSatisfying(
            PhoneChoice.class,
            p -> {
              assertThat(p.type()).isEqualTo("TextOnly");
              assertThat(p.callsOffered()).isFalse();
              assertThatThrownBy(() -> p.call(p.choices().getFirst()))
                  .isInstanceOf(IllegalArgumentException.class);
            });
    MfaHandler handler =
        MfaHandler.fixed(
            Map.of(c.prompt(), "•••-•••-1234", "Enter the security code we texted you", "123456"));
    assertThat(refresh(sandbox, "test_mfa_text_only", handler)).isInstanceOf(Refreshed.class);
  }
}
