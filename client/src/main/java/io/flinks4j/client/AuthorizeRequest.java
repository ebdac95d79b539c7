package io.flinks4j.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of one {@code /Authorize} call, built with the factory for its mode (cached read, live
 * refresh, direct credentials, MFA answers) so callers cannot mix fields of different modes by
 * accident. Immutable and carries no token, so sending it twice never replays one; {@code
 * toString()} hides the loginId, password and answers.
 */
public final class AuthorizeRequest {
  final String loginId;
  final Boolean mostRecentCached;
  final Boolean save;
  final String institution;
  final String username;
  final String password;
  final String requestId;
  final Map<String, List<String>> securityResponses;
  final String language;
  final String tag;
  final Boolean withMfaQuestions;
  final Boolean scheduleRefresh;

  private AuthorizeRequest(Builder b) {
    this.loginId = b.loginId;
    this.mostRecentCached = b.mostRecentCached;
    this.save = b.save;
    this.institution = b.institution;
    this.username = b.username;
    this.password = b.password;
    this.requestId = b.requestId;
    this.securityResponses = b.securityResponses;
    this.language = b.language;
    this.tag = b.tag;
    this.withMfaQuestions = b.withMfaQuestions;
    this.scheduleRefresh = b.scheduleRefresh;
  }

  /**
   * Cached mode: opens a session on the last aggregated data of {@code loginId}, without contacting
   * the bank.
   */
  public static AuthorizeRequest cached(String loginId) {
    Builder b = new Builder();
    b.loginId = requireText(loginId, "loginId");
    b.mostRecentCached = true;
    return new AuthorizeRequest(b);
  }

  /**
   * Live mode (refresh): logs in to the bank now and saves the result; may answer 203 with MFA
   * challenges.
   */
  public static AuthorizeRequest live(String loginId) {
    Builder b = new Builder();
    b.loginId = requireText(loginId, "loginId");
    b.mostRecentCached = false;
    b.save = true;
    return new AuthorizeRequest(b);
  }

  /**
   * Legacy direct-API live login with bank credentials (e.g. institution {@code FlinksCapital}).
   */
  public static AuthorizeRequest credentials(String institution, String username, String password) {
    Builder b = new Builder();
    b.institution = requireText(institution, "institution");
    b.username = requireText(username, "username");
    b.password = requireText(password, "password");
    b.mostRecentCached = false;
    b.save = true;
    return new AuthorizeRequest(b);
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
    Builder b = new Builder();
    b.requestId = requireText(requestId, "requestId");
    b.securityResponses = java.util.Collections.unmodifiableMap(copy);
    return new AuthorizeRequest(b);
  }

  /** Same request with a {@code Tag} Flinks echoes in summaries and webhooks. */
  public AuthorizeRequest withTag(String tag) {
    Builder b = toBuilder();
    b.tag = tag;
    return new AuthorizeRequest(b);
  }

  /**
   * Same request with the bank-session language ({@code en} or {@code fr}; MFA prompts come in it).
   */
  public AuthorizeRequest withLanguage(String language) {
    Builder b = toBuilder();
    b.language = language;
    return new AuthorizeRequest(b);
  }

  /** Same request with {@code Save} set explicitly. */
  public AuthorizeRequest withSave(boolean save) {
    Builder b = toBuilder();
    b.save = save;
    return new AuthorizeRequest(b);
  }

  /**
   * Same request asking Flinks to capture all security questions ([old] Enhanced MFA, needs {@code
   * Save}).
   */
  public AuthorizeRequest withMfaQuestions(boolean withMfaQuestions) {
    Builder b = toBuilder();
    b.withMfaQuestions = withMfaQuestions;
    return new AuthorizeRequest(b);
  }

  /** Same request enabling or disabling the nightly scheduled refresh ([old]). */
  public AuthorizeRequest withScheduleRefresh(boolean scheduleRefresh) {
    Builder b = toBuilder();
    b.scheduleRefresh = scheduleRefresh;
    return new AuthorizeRequest(b);
  }

  /** Whether this is an MFA follow-up (carries answers for an existing RequestId). */
  public boolean isMfaAnswer() {
    return securityResponses != null;
  }

  /** The JSON body fields, PascalCase as Flinks documents them, absent values omitted. */
  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    putIfSet(body, "LoginId", loginId);
    putIfSet(body, "Institution", institution);
    putIfSet(body, "Username", username);
    putIfSet(body, "Password", password);
    putIfSet(body, "RequestId", requestId);
    putIfSet(body, "SecurityResponses", securityResponses);
    putIfSet(body, "MostRecentCached", mostRecentCached);
    putIfSet(body, "Save", save);
    putIfSet(body, "Language", language);
    putIfSet(body, "Tag", tag);
    putIfSet(body, "WithMFAQuestions", withMfaQuestions);
    putIfSet(body, "ScheduleRefresh", scheduleRefresh);
    return body;
  }

  private static void putIfSet(Map<String, Object> body, String key, Object value) {
    if (value != null) {
      body.put(key, value);
    }
  }

  private Builder toBuilder() {
    Builder b = new Builder();
    b.loginId = loginId;
    b.mostRecentCached = mostRecentCached;
    b.save = save;
    b.institution = institution;
    b.username = username;
    b.password = password;
    b.requestId = requestId;
    b.securityResponses = securityResponses;
    b.language = language;
    b.tag = tag;
    b.withMfaQuestions = withMfaQuestions;
    b.scheduleRefresh = scheduleRefresh;
    return b;
  }

  static String requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }

  private static final class Builder {
    String loginId;
    Boolean mostRecentCached;
    Boolean save;
    String institution;
    String username;
    String password;
    String requestId;
    Map<String, List<String>> securityResponses;
    String language;
    String tag;
    Boolean withMfaQuestions;
    Boolean scheduleRefresh;
  }

  @Override
  public String toString() {
    String mode =
        isMfaAnswer()
            ? "mfaAnswers"
            : loginId != null
                ? (Boolean.TRUE.equals(mostRecentCached) ? "cached" : "live")
                : "credentials";
    return "AuthorizeRequest[mode="
        + mode
        + (requestId == null ? "" : ", requestId=" + requestId)
        + (institution == null ? "" : ", institution=" + institution)
        + (language == null ? "" : ", language=" + language)
        + (tag == null ? "" : ", tag=" + tag)
        + (isMfaAnswer() ? ", answers=" + securityResponses.size() : "")
        + "]";
  }
}
