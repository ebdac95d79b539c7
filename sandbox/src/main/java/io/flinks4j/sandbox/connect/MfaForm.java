package io.flinks4j.sandbox.connect;

import static io.flinks4j.sandbox.connect.Html.escape;

import io.flinks4j.sandbox.MfaType;
import io.flinks4j.sandbox.engine.MfaQuestion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MFA form of the Connect page, written and read in one place: challenge {@code i} posts its
 * prompt as the {@code i}-th {@code prompt} field and its answer as {@code answer-i} (a text, one
 * radio, several checkboxes), plus {@code method-i} (Text or Call) for the phone kinds.
 */
final class MfaForm {
  private MfaForm() {}

  /** The fields of every challenge of the round. */
  static String fields(List<MfaQuestion> challenges, Lang lang) {
    StringBuilder html = new StringBuilder();
    for (int i = 0; i < challenges.size(); i++) {
      MfaQuestion q = challenges.get(i);
      html.append("<input type=\"hidden\" name=\"prompt\" value=\"")
          .append(escape(q.prompt()))
          .append("\">");
      switch (q.type()) {
        case QUESTION_AND_ANSWER ->
            html.append("<label for=\"answer-")
                .append(i)
                .append("\">")
                .append(escape(q.prompt()))
                .append("</label>")
                .append("<input id=\"answer-")
                .append(i)
                .append("\" name=\"answer-")
                .append(i)
                .append("\" autocomplete=\"off\" required>");
        case MULTIPLE_CHOICE -> options(html, q, i, "radio", lang, false);
        case MULTIPLE_CHOICE_MULTIPLE_ANSWERS -> options(html, q, i, "checkbox", lang, false);
        case IMAGE_SELECTION -> options(html, q, i, "radio", lang, true);
        case TEXT_OR_CALL, TEXT_ONLY -> {
          options(html, q, i, "radio", lang, false);
          html.append("<fieldset class=\"methods\"><legend>")
              .append(escape(Msg.SEND_CODE_BY.in(lang)))
              .append("</legend>");
          method(html, i, "Text", Msg.BY_TEXT.in(lang), true);
          if (q.type() == MfaType.TEXT_OR_CALL) {
            method(html, i, "Call", Msg.BY_CALL.in(lang), false);
          }
          html.append("</fieldset>");
        }
      }
    }
    return html.toString();
  }

  private static void options(
      StringBuilder html, MfaQuestion q, int i, String input, Lang lang, boolean images) {
    html.append("<fieldset class=\"options")
        .append(images ? " images" : "")
        .append("\" id=\"challenge-")
        .append(i)
        .append("\" data-type=\"")
        .append(q.type().wireName())
        .append("\"><legend>")
        .append(escape(q.prompt()))
        .append("</legend>");
    if (q.type() == MfaType.MULTIPLE_CHOICE_MULTIPLE_ANSWERS) {
      html.append("<p class=\"muted\">").append(escape(Msg.SELECT_ALL.in(lang))).append("</p>");
    }
    List<String> items = q.iterables();
    for (int j = 0; j < items.size(); j++) {
      String id = "answer-" + i + "-" + j;
      html.append("<label class=\"option\"><input type=\"")
          .append(input)
          .append("\" id=\"")
          .append(id)
          .append("\" name=\"answer-")
          .append(i)
          .append("\" value=\"")
          .append(escape(items.get(j)))
          .append("\"")
          .append("checkbox".equals(input) ? "" : " required")
          .append("> ");
      if (images) {
        html.append("<img alt=\"")
            .append(escape(Msg.IMAGE.in(lang, j + 1)))
            .append("\" src=\"data:image/png;base64,")
            .append(escape(items.get(j)))
            .append("\">");
      } else {
        html.append("<span>").append(escape(items.get(j))).append("</span>");
      }
      html.append("</label>");
    }
    html.append("</fieldset>");
  }

  private static void method(
      StringBuilder html, int i, String value, String label, boolean checked) {
    html.append("<label class=\"option\"><input type=\"radio\" id=\"method-")
        .append(i)
        .append("-")
        .append(value)
        .append("\" name=\"method-")
        .append(i)
        .append("\" value=\"")
        .append(value)
        .append("\"")
        .append(checked ? " checked" : "")
        .append("> <span>")
        .append(escape(label))
        .append("</span></label>");
  }

  /**
   * {@code SecurityResponses} from a posted form: prompt → values, in the order of the challenges.
   * Also reads the older shape of positional {@code prompt}/{@code answer} pairs. Unanswered
   * challenges are left out, so the engine reports them as incomplete.
   */
  static Map<String, List<String>> responses(Map<String, List<String>> form) {
    List<String> prompts = form.getOrDefault("prompt", List.of());
    List<String> positional = form.get("answer");
    Map<String, List<String>> responses = new LinkedHashMap<>();
    for (int i = 0; i < prompts.size(); i++) {
      List<String> values = new ArrayList<>();
      if (positional != null) {
        if (i < positional.size()) {
          values.add(positional.get(i));
        }
      } else {
        values.addAll(form.getOrDefault("answer-" + i, List.of()));
      }
      values.removeIf(String::isBlank);
      if (values.isEmpty()) {
        continue;
      }
      List<String> method = form.getOrDefault("method-" + i, List.of());
      if (!method.isEmpty()) {
        values.add(method.getFirst());
      }
      responses.put(prompts.get(i), values);
    }
    return responses;
  }
}
