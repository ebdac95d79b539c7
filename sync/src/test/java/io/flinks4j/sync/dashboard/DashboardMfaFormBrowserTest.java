package io.flinks4j.sync.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The "answer here" form of mfa.js in Chromium, for the challenge kinds the sandbox does not ask
 * yet: the page's own module builds the form from a login's {@code mfaChallenges}, and what it
 * would post is read back.
 */
@Tag("browser")
class DashboardMfaFormBrowserTest {

  @RegisterExtension static final DashboardHarness page = new DashboardHarness();

  @Test
  @SuppressWarnings("unchecked")
  void choices_become_a_select_or_checkboxes_and_the_answers_keep_their_shape() {
    Map<String, Object> posted =
        (Map<String, Object>)
            page.chromium
                .driver()
                .executeAsyncScript(
                    """
                    const done = arguments[arguments.length - 1];
                    import('/dashboard/mfa.js').then(({ mfaRow }) => {
                      const login = { loginId: 'l-1', state: 'mfa_required', mfaChallenges: [
                        { type: 'QuestionAndAnswer', prompt: 'What city were you born in?' },
                        { type: 'MultipleChoice', prompt: 'Which bank do you use?', choices: ['Alpha', 'Beta'] },
                        { type: 'MultipleChoiceMultipleAnswers', prompt: 'Which cards do you hold?',
                          choices: ['Visa', 'Amex', 'Mastercard'] }] };
                      const table = document.createElement('table');
                      const row = mfaRow(login, new Map(), (answers) => done(answers), () => {});
                      table.append(row);
                      document.body.append(table);
                      row.querySelector('input[name=answer-0]').value = 'Montreal';
                      const select = row.querySelector('select[name=answer-1]');
                      select.value = 'Beta';
                      for (const box of row.querySelectorAll('input[type=checkbox][name=answer-2]')) {
                        box.checked = box.value !== 'Amex';
                      }
                      window.shape = { selects: row.querySelectorAll('select option').length,
                        boxes: row.querySelectorAll('input[type=checkbox]').length };
                      row.querySelector('form').requestSubmit();
                    });
                    """);

    assertThat(posted)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "What city were you born in?", "Montreal",
                "Which bank do you use?", "Beta",
                "Which cards do you hold?", List.of("Visa", "Mastercard")));
    Map<String, Object> shape =
        (Map<String, Object>) page.chromium.driver().executeScript("return window.shape;");
    assertThat(shape)
        .containsEntry("selects", 3L)
        .containsEntry("boxes", 3L); // "choose…" and the two choices
  }
}
