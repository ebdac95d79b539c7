package io.flinks4j.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of one {@code /Authorize} call, built with the factory for its mode (cached read, live
 * refresh, direct credentials, MFA answers) so callers cannot mix fields of different modes by
 * accident, then adjusted with withers. Immutable and carries no token, so sending it twice never
 * replays one; {@code toString()} hides the loginId, password and answers.
 */
public final class AuthorizeRequest {
  /** The body fields, in the order Flinks documents them; secret ones are masked in reports. */
  private enum Field {
    LOGIN_ID("LoginId", true),
    INSTITUTION("Institution", false),
    USERNAME("Username", true),
    PASSWORD("Password", true),
    REQUEST_ID("RequestId", false),
    SECURITY_RESPONSES("SecurityResponses", true),
    MOST_RECENT_CACHED("MostRecentCached", false),
    SAVE("Save", false),
    LANGUAGE("Language", false),
    TAG("Tag", false),
    WITH_MFA_QUESTIONS("WithMFAQuestions", false),
    SCHEDULE_REFRESH("ScheduleRefresh", false);

    final String wireName;
    final boolean secret;

    Field(String wireName, boolean secret) {
      this.wireName = wireName;
      this.secret = secret;
    }
  }

  private static final AuthorizeRequest EMPTY = new AuthorizeRequest(new EnumMap<>(Field.class));

  // Set fields only; an EnumMap iterates in the documented order whatever order they were set in.
  private final EnumMap<Field, Object> fields;

  private AuthorizeRequest(EnumMap<Field, Object> fields) {
    this.fields = fields;
  }

  /**
   * Cached mode: opens a session on the last aggregated data of {@code loginId}, without contacting
   * the bank.
   */
  public static AuthorizeRequest cached(String loginId) {
    return EMPTY
        .with(Field.LOGIN_ID, requireText(loginId, "loginId"))
        .with(Field.MOST_RECENT_CACHED, true);
  }

  /**
   * Live mode (refresh): logs in to the bank now and saves the result; may answer 203 with MFA
   * challenges.
   */
  public static AuthorizeRequest live(String loginId) {
    return EMPTY
        .with(Field.LOGIN_ID, requireText(loginId, "loginId"))
        .with(Field.MOST_RECENT_CACHED, false)
        .with(Field.SAVE, true);
  }

  /**
   * Legacy direct-API live login with bank credentials (e.g. institution {@code FlinksCapital}).
   */
  public static AuthorizeRequest credentials(String institution, String username, String password) {
    return EMPTY
        .with(Field.INSTITUTION, requireText(institution, "institution"))
        .with(Field.USERNAME, requireText(username, "username"))
        .with(Field.PASSWORD, requireText(password, "password"))
        .with(Field.MOST_RECENT_CACHED, false)
        .with(Field.SAVE, true);
  }

  /**
   * MFA follow-up: answers every challenge of the 203 that carried {@code requestId}. Keys must be
   * the challenges' prompts exactly; each value is the list of answers (Flinks expects an array
   * even for one answer).
   */
  public static AuthorizeRequest mfaAnswers(String requestId, Map<String, List<String>> answers) {
    Objects.requireNonNull(answers, "answers");
    if (answers.isEmpty()) {
      throw new IllegalArgumentException("answers must not be empty");
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    answers.forEach(
        (prompt, values) -> copy.put(requireText(prompt, "prompt"), List.copyOf(values)));
    return EMPTY
        .with(Field.REQUEST_ID, requireText(requestId, "requestId"))
        .with(Field.SECURITY_RESPONSES, Collections.unmodifiableMap(copy));
  }

  /** Same request with a {@code Tag} Flinks echoes in summaries and webhooks. */
  public AuthorizeRequest withTag(String tag) {
    return with(Field.TAG, tag);
  }

  /**
   * Same request with the bank-session language ({@code en} or {@code fr}; MFA prompts come in it).
   */
  public AuthorizeRequest withLanguage(String language) {
    return with(Field.LANGUAGE, language);
  }

  /** Same request with {@code Save} set explicitly. */
  public AuthorizeRequest withSave(boolean save) {
    return with(Field.SAVE, save);
  }

  /**
   * Same request asking Flinks to capture all security questions ([old] Enhanced MFA, needs {@code
   * Save}).
   */
  public AuthorizeRequest withMfaQuestions(boolean withMfaQuestions) {
    return with(Field.WITH_MFA_QUESTIONS, withMfaQuestions);
  }

  /** Same request enabling or disabling the nightly scheduled refresh ([old]). */
  public AuthorizeRequest withScheduleRefresh(boolean scheduleRefresh) {
    return with(Field.SCHEDULE_REFRESH, scheduleRefresh);
  }

  /** Whether this is an MFA follow-up (carries answers for an existing RequestId). */
  public boolean isMfaAnswer() {
    return fields.containsKey(Field.SECURITY_RESPONSES);
  }

  /** The {@code /Authorize} call of this request, secrets to mask included. */
  ApiRequest<AuthorizeResult> apiRequest() {
    return ApiRequest.to(Endpoints.AUTHORIZE)
        .withBody(body())
        .withRequestId((String) fields.get(Field.REQUEST_ID))
        .withSecrets(secrets());
  }

  /** The JSON body fields, PascalCase as Flinks documents them, absent values omitted. */
  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    fields.forEach((field, value) -> body.put(field.wireName, value));
    return body;
  }

  /** The values no message or log may show: loginId, username, password, MFA answers. */
  List<String> secrets() {
    List<String> secrets = new ArrayList<>();
    fields.forEach((field, value) -> {
      if (field.secret) {
        switch (value) {
          case String text -> secrets.add(text);
          case Map<?, ?> answers ->
              answers
                  .values()
                  .forEach(values -> ((List<?>) values).forEach(v -> secrets.add((String) v)));
          default -> throw new IllegalStateException("unexpected secret field " + field);
        }
      }
    });
    return secrets;
  }

  private AuthorizeRequest with(Field field, Object value) {
    EnumMap<Field, Object> copy = new EnumMap<>(fields);
    if (value == null) {
      copy.remove(field);
    } else {
      copy.put(field, value);
    }
    return new AuthorizeRequest(copy);
  }

  static String requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }

  @Override
  public String toString() {
    String mode =
        isMfaAnswer()
            ? "mfaAnswers"
            : fields.containsKey(Field.LOGIN_ID)
                ? (Boolean.TRUE.equals(fields.get(Field.MOST_RECENT_CACHED)) ? "cached" : "live")
                : "credentials";
    return "AuthorizeRequest[mode="
        + mode
        + shown(Field.REQUEST_ID, "requestId")
        + shown(Field.INSTITUTION, "institution")
        + shown(Field.LANGUAGE, "language")
        + shown(Field.TAG, "tag")
        + (isMfaAnswer()
            ? ", answers=" + ((Map<?, ?>) fields.get(Field.SECURITY_RESPONSES)).size()
            : "")
        + "]";
  }

  private String shown(Field field, String label) {
    Object value = fields.get(field);
    return value == null ? "" : ", " + label + "=" + value;
  }
}
