package io.flinks4j.sandbox.connect;

import io.flinks4j.sandbox.connect.Screen.AccountChoice;
import io.flinks4j.sandbox.connect.Screen.AccountPicker;
import io.flinks4j.sandbox.connect.Screen.Closed;
import io.flinks4j.sandbox.connect.Screen.Connected;
import io.flinks4j.sandbox.connect.Screen.Consent;
import io.flinks4j.sandbox.connect.Screen.Credentials;
import io.flinks4j.sandbox.connect.Screen.Declined;
import io.flinks4j.sandbox.connect.Screen.Failed;
import io.flinks4j.sandbox.connect.Screen.InstitutionPicker;
import io.flinks4j.sandbox.connect.Screen.Mfa;
import io.flinks4j.sandbox.data.Account;
import io.flinks4j.sandbox.engine.AuthorizeOutcome;
import io.flinks4j.sandbox.engine.FlinksCode;
import io.flinks4j.sandbox.engine.Institution;
import io.flinks4j.sandbox.engine.MfaQuestion;
import io.flinks4j.sandbox.engine.SandboxEngine;
import io.flinks4j.sandbox.engine.Session;
import io.flinks4j.sandbox.engine.SessionLookup;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One launch of the Connect page (one spent authorize token): a small state machine whose state is
 * the {@link Screen} on display. Each user action moves it on through the {@link SandboxEngine},
 * exactly as the API's live login would, and yields the next screen plus the events to post.
 */
final class ConnectFlow {

  /** A form post of the page; the path names the action. */
  enum Action {
    CONSENT,
    INSTITUTION,
    CREDENTIALS,
    MFA,
    ACCOUNT,
    RETRY,
    CLOSE
  }

  /**
   * The answer to a launch or an action: the screen to show, the events to post in order, and where
   * to send the browser (null to stay). {@code accepted} is false when the action did not fit the
   * screen.
   */
  record Reply(Screen screen, List<ConnectEvent> events, String redirectTo, boolean accepted) {
    /** {@code redirectTo} holds a loginId: not printed. */
    @Override
    public String toString() {
      return "Reply[" + screen + ", " + events + ", accepted=" + accepted + "]";
    }
  }

  /** Bank refusals the user fixes by typing again, on the same form. */
  private static final Set<FlinksCode> CREDENTIAL_ERRORS =
      Set.of(FlinksCode.INVALID_USERNAME, FlinksCode.INVALID_PASSWORD, FlinksCode.INVALID_LOGIN);

  private static final Set<FlinksCode> ANSWER_ERRORS =
      Set.of(
          FlinksCode.INVALID_SECURITY_RESPONSE,
          FlinksCode.SECURITYRESPONSES_INCOMPLETE,
          FlinksCode.UNKNOWN_CHALLENGE_KEY);

  private final String id;
  private final LaunchParams params;
  private final SandboxEngine engine;
  private final String origin;
  private Screen screen = new InstitutionPicker();
  private Institution institution;
  private Session session;
  private Instant lastSeen;

  /**
   * @param origin scheme, host and port the page was served from: the base of the REDIRECT {@code
   *     url} when the launch gave no redirectUrl
   */
  ConnectFlow(String id, LaunchParams params, SandboxEngine engine, String origin) {
    this.id = id;
    this.params = params;
    this.engine = engine;
    this.origin = origin;
    this.lastSeen = engine.clock().instant();
  }

  String id() {
    return id;
  }

  LaunchParams params() {
    return params;
  }

  synchronized Institution institution() {
    return institution;
  }

  synchronized Instant lastSeen() {
    return lastSeen;
  }

  /**
   * The first screen: consent (unless {@code consentEnable=false}) then the institution picker, or
   * the MFA step of the session named by {@code requestId} (a relaunch: consent was given in the
   * first launch).
   */
  synchronized Reply start() {
    List<ConnectEvent> events = new ArrayList<>();
    events.add(step("APP_MOUNTED"));
    if (params.requestId() == null) {
      return params.consent() ? showConsent(events) : showInstitutions(events);
    }
    return switch (engine.session(params.requestId())) {
      case SessionLookup.Alive(Session s) -> resume(s, events);
      case SessionLookup.Expired e -> fail(FlinksCode.SESSION_EXPIRED, params.requestId(), events);
      case SessionLookup.Nonexistent n ->
          fail(FlinksCode.SESSION_NONEXISTENT, params.requestId(), events);
    };
  }

  /**
   * A live session waiting for MFA resumes at its questions; one already authorized ends as it
   * would have (account selector or REDIRECT). A cached read has no bank login to resume (e.g. the
   * RequestId of a QUESTION_NOT_FOUND answer), so the user reconnects from the institution picker.
   */
  private Reply resume(Session s, List<ConnectEvent> events) {
    if (!s.live()) {
      return showInstitutions(events);
    }
    session = s;
    institution = s.login().institution();
    List<MfaQuestion> pending = s.pendingChallenges();
    return s.state() == Session.State.MFA_PENDING && !pending.isEmpty()
        ? askMfa(pending, null, events)
        : authorized(events);
  }

  synchronized Reply act(Action action, Map<String, List<String>> form) {
    lastSeen = engine.clock().instant();
    List<ConnectEvent> events = new ArrayList<>();
    return switch (action) {
      case CONSENT -> screen instanceof Consent ? decide(form, events) : stale();
      case INSTITUTION ->
          screen instanceof InstitutionPicker ? selectInstitution(form, events) : stale();
      case CREDENTIALS -> screen instanceof Credentials ? submitCredentials(form, events) : stale();
      case MFA -> screen instanceof Mfa ? answerMfa(form, events) : stale();
      case ACCOUNT ->
          screen instanceof AccountPicker picker ? selectAccount(picker, form, events) : stale();
      case RETRY ->
          switch (screen) {
            case Failed f when f.canRetry() -> retry(events);
            case Declined d -> showConsent(events);
            default -> stale();
          };
      case CLOSE ->
          params.closeButton() && !(screen instanceof Connected || screen instanceof Closed)
              ? close(events)
              : stale();
    };
  }

  private Reply showConsent(List<ConnectEvent> events) {
    events.add(step("COMPONENT_LOAD_CONSENT"));
    return show(new Consent(), events);
  }

  private Reply decide(Map<String, List<String>> form, List<ConnectEvent> events) {
    if ("accept".equals(first(form, "decision"))) {
      events.add(step("COMPONENT_ACCEPT_CONSENT"));
      return showInstitutions(events);
    }
    events.add(step("COMPONENT_DENY_CONSENT"));
    return show(new Declined(), events);
  }

  /**
   * "Try again" after an authorize error: the credentials of the same bank, or the list when the
   * bank is unknown.
   */
  private Reply retry(List<ConnectEvent> events) {
    if (institution == null) {
      return showInstitutions(events);
    }
    session = null;
    events.add(step("COMPONENT_LOAD_CREDENTIAL_RETRY", "institution", institution.code()));
    return show(new Credentials("", null), events);
  }

  private Reply close(List<ConnectEvent> events) {
    events.add(
        step(
            "COMPONENT_CLOSE_SESSION",
            "institution",
            institution == null ? null : institution.code()));
    return show(new Closed(), events);
  }

  private Reply stale() {
    return new Reply(screen, List.of(), null, false);
  }

  private Reply showInstitutions(List<ConnectEvent> events) {
    session = null;
    institution = null;
    events.add(step("COMPONENT_LOAD_INSTITUTION_SELECTOR"));
    return show(new InstitutionPicker(), events);
  }

  private Reply selectInstitution(Map<String, List<String>> form, List<ConnectEvent> events) {
    Institution chosen = Institution.find(first(form, "institution")).orElse(null);
    if (chosen == null) {
      return stale();
    }
    institution = chosen;
    events.add(step("INSTITUTION_SELECTED", "institution", chosen.code()));
    events.add(step("COMPONENT_LOAD_CREDENTIAL", "institution", chosen.code()));
    return show(new Credentials("", null), events);
  }

  private Reply submitCredentials(Map<String, List<String>> form, List<ConnectEvent> events) {
    String username = first(form, "username");
    events.add(step("SUBMIT_CREDENTIAL", "institution", institution.code()));
    AuthorizeOutcome outcome =
        engine.authorizeCredentials(
            institution.code(),
            username,
            first(form, "password"),
            params.lang().code(),
            params.tag(),
            null);
    return switch (outcome) {
      case AuthorizeOutcome.Authorized(Session s) -> {
        session = s;
        yield authorized(events);
      }
      case AuthorizeOutcome.MfaRequired(Session s, List<MfaQuestion> challenges) -> {
        session = s;
        yield askMfa(challenges, null, events);
      }
      case AuthorizeOutcome.Refused(FlinksCode code, Session s) -> {
        // Every Connect attempt has a RequestId, even one the bank refused before a session
        // existed; such
        // an id names no session the API would accept.
        String requestId = s != null ? s.requestId() : UUID.randomUUID().toString();
        events.add(ConnectEvent.error(requestId, code, institution.code(), params.tag()));
        yield CREDENTIAL_ERRORS.contains(code)
            ? show(new Credentials(username == null ? "" : username, code), events)
            : show(new Failed(code, Msg.forCode(code), true), events);
      }
    };
  }

  private Reply askMfa(List<MfaQuestion> challenges, FlinksCode error, List<ConnectEvent> events) {
    List<String> types = challenges.stream().map(q -> q.type().wireName()).distinct().toList();
    events.add(
        step(
            error == null ? "COMPONENT_LOAD_MFA" : "COMPONENT_LOAD_MFA_RETRY",
            "institution",
            institution.code(),
            "requestId",
            session.requestId(),
            "mfaTypes",
            types));
    return show(new Mfa(challenges, error), events);
  }

  private Reply answerMfa(Map<String, List<String>> form, List<ConnectEvent> events) {
    return switch (engine.answerMfa(session.requestId(), MfaForm.responses(form))) {
      case AuthorizeOutcome.Authorized(Session s) -> authorized(events);
      case AuthorizeOutcome.MfaRequired(Session s, List<MfaQuestion> next) ->
          askMfa(next, null, events);
      // Answered meanwhile through the API: nothing is left for the user but to be redirected.
      case AuthorizeOutcome.Refused(FlinksCode code, Session s)
          when code == FlinksCode.ALREADY_AUTHORIZED ->
          authorized(events);
      case AuthorizeOutcome.Refused(FlinksCode code, Session s) -> {
        events.add(error(session, code));
        // Unlike the API's "no retry", Connect lets the user answer the same questions again.
        yield ANSWER_ERRORS.contains(code)
            ? askMfa(session.pendingChallenges(), code, events)
            : show(new Failed(code, Msg.forCode(code), true), events);
      }
    };
  }

  private Reply authorized(List<ConnectEvent> events) {
    if (!params.accountSelector()) {
      return finish(null, events);
    }
    List<AccountChoice> all = accountChoices(true);
    List<AccountChoice> shown = params.showAllAccounts() ? all : accountChoices(false);
    events.add(
        step(
            "COMPONENT_LOAD_ACCOUNT_SELECTION",
            "institution",
            institution.code(),
            "totalAccounts",
            all.size(),
            "displayedAccounts",
            shown.size()));
    return show(new AccountPicker(shown), events);
  }

  /**
   * Every account, or only chequing and savings (the ones a PAD can draw on; all when there are
   * none).
   */
  private List<AccountChoice> accountChoices(boolean everyAccount) {
    List<AccountChoice> all = new ArrayList<>();
    List<AccountChoice> operations = new ArrayList<>();
    for (Account a : session.login().portfolio(session.dataVersion()).accounts()) {
      AccountChoice choice =
          new AccountChoice(
              a.id(),
              a.title(),
              a.kind().type(),
              a.lastFourDigits(),
              a.currentCents(),
              a.currency());
      all.add(choice);
      if (!a.kind().credit()) {
        operations.add(choice);
      }
    }
    return everyAccount || operations.isEmpty() ? all : operations;
  }

  private Reply selectAccount(
      AccountPicker picker, Map<String, List<String>> form, List<ConnectEvent> events) {
    String accountId = first(form, "accountId");
    AccountChoice chosen =
        picker.accounts().stream()
            .filter(a -> a.id().equalsIgnoreCase(accountId))
            .findFirst()
            .orElse(null);
    if (chosen == null) {
      return stale();
    }
    events.add(
        step("ACCOUNT_SELECTED", "institution", institution.code(), "accountId", chosen.id()));
    return finish(chosen.id(), events);
  }

  private Reply finish(String accountId, List<ConnectEvent> events) {
    String loginId = session.login().id();
    String url =
        params.redirectUrl() == null ? null : redirectUrl(params.redirectUrl(), loginId, accountId);
    // REDIRECT always carries a url (integrations read the loginId from it); without a redirectUrl
    // it points at
    // the sandbox's own landing page and the frame stays where it is.
    String eventUrl =
        url != null ? url : redirectUrl(origin + ConnectPage.LANDING_PATH, loginId, accountId);
    events.add(
        step(
            "REDIRECT",
            "institution",
            institution.code(),
            "url",
            eventUrl,
            "loginId",
            loginId,
            "requestId",
            session.requestId()));
    screen = new Connected(url);
    return new Reply(screen, events, url, true);
  }

  /** {@code base} with loginId, institution, tag and accountId appended, before any fragment. */
  private String redirectUrl(String base, String loginId, String accountId) {
    String fragment = "";
    int hash = base.indexOf('#');
    if (hash >= 0) {
      fragment = base.substring(hash);
      base = base.substring(0, hash);
    }
    StringBuilder url = new StringBuilder(base);
    char separator =
        base.indexOf('?') < 0 ? '?' : base.endsWith("?") || base.endsWith("&") ? 0 : '&';
    appendParam(url, separator, "loginId", loginId);
    appendParam(url, '&', "institution", institution.code());
    if (params.tag() != null) {
      appendParam(url, '&', "tag", params.tag());
    }
    if (accountId != null) {
      appendParam(url, '&', "accountId", accountId);
    }
    return url.append(fragment).toString();
  }

  private static void appendParam(StringBuilder url, char separator, String name, String value) {
    if (separator != 0) {
      url.append(separator);
    }
    url.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  private Reply fail(FlinksCode code, String requestId, List<ConnectEvent> events) {
    events.add(ConnectEvent.error(requestId, code, null, params.tag()));
    return show(new Failed(code, Msg.forCode(code), true), events);
  }

  private Reply show(Screen next, List<ConnectEvent> events) {
    screen = next;
    return new Reply(next, events, null, true);
  }

  private ConnectEvent step(String step, Object... keyValues) {
    return ConnectEvent.step(step, params.tag(), keyValues);
  }

  private ConnectEvent error(Session s, FlinksCode code) {
    return ConnectEvent.error(s.requestId(), code, institution.code(), params.tag());
  }

  private static String first(Map<String, List<String>> form, String key) {
    List<String> values = form.get(key);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  @Override
  public String toString() {
    return "ConnectFlow[" + screen.getClass().getSimpleName() + "]";
  }
}
