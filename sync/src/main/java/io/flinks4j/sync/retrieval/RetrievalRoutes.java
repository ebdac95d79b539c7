package io.flinks4j.sync.retrieval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.flinks4j.client.FlinksCode;
import io.flinks4j.client.error.FlinksException;
import io.flinks4j.sync.http.ApiDoc;
import io.flinks4j.sync.http.ApiException;
import io.flinks4j.sync.http.ApiRouter;
import io.flinks4j.sync.http.ApiRoutes;
import io.flinks4j.sync.http.Operation;
import io.flinks4j.sync.login.LoginInput;
import io.flinks4j.sync.login.LoginOptions;
import io.flinks4j.sync.login.LoginRepository;
import io.flinks4j.sync.login.Registration;
import io.flinks4j.sync.login.StoredLogin;
import io.flinks4j.sync.storage.Database;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The write side of the REST API: register a login (and start its first retrieval), change its tag
 * and options, request a refresh, answer MFA, delete a login here and at Flinks.
 */
public final class RetrievalRoutes implements ApiRoutes {

  private final Database database;
  private final LoginRepository logins;
  private final RetrievalEngine engine;

  public RetrievalRoutes(Database database, LoginRepository logins, RetrievalEngine engine) {
    this.database = database;
    this.logins = logins;
    this.engine = engine;
  }

  @Override
  public void addTo(ApiRouter router) {
    router.post(
        "/v1/logins",
        Operation.summary(
                "Register a login from the Flinks Connect redirect and start its first retrieval")
            .requestBody(RegisterRequest.class)
            .response(
                201, "Registered; its first (cached) retrieval started", RegistrationView.class)
            .response(
                200,
                "Already registered; nothing started (options given are stored)",
                RegistrationView.class),
        ctx -> register(ctx, router));
    router.patch(
        "/v1/logins/{loginId}",
        Operation.summary(
                "Change a login's tag or options; a field left out is kept, null restores the default")
            .requestBody(UpdateRequest.class)
            .response(
                200,
                "The login with its new options (used from its next retrieval on)",
                LoginSettingsView.class),
        ctx -> update(ctx, router));
    router.post(
        "/v1/logins/{loginId}/refresh",
        Operation.summary("Start a cached read or a live refresh of a login")
            .optionalRequestBody(RefreshRequest.class)
            .response(
                202,
                "Retrieval started (or, for a login waiting for MFA answers, restarted with a new session)",
                RetrievalView.class)
            .error(409, "A retrieval of this login is already in progress"),
        ctx -> refresh(ctx, router));
    router.post(
        "/v1/logins/{loginId}/mfa",
        Operation.summary("Answer the security questions of a retrieval in mfa_required")
            .requestBody(MfaRequest.class)
            .response(
                202,
                "Answers sent; the retrieval continues (or asks again, or failed)",
                RetrievalView.class)
            .error(409, "No retrieval of this login is waiting for MFA answers"),
        ctx -> answer(ctx, router));
    router.delete(
        "/v1/logins/{loginId}",
        Operation.summary("Delete a login: at Flinks (DeleteCard) and all its local data")
            .response(204, "Deleted")
            .error(409, "Flinks is still processing this login (CARD_IN_USE); try again later")
            .error(502, "Flinks could not be reached; nothing was deleted"),
        this::delete);
  }

  private static final String TAG_DOC =
      "your reference, at most 200 characters without control characters";
  private static final List<String> PATCHABLE =
      List.of("tag", "accountIds", "days", "withKyc", "withAccountIdentity");

  @ApiDoc(
      "A login to register: the loginId Flinks Connect redirected with, and optionally its options")
  record RegisterRequest(
      @ApiDoc(format = "uuid") String loginId,
      @ApiDoc(value = TAG_DOC, nullable = true) String tag,
      @ApiDoc(value = OptionsInput.ACCOUNT_IDS_DOC, nullable = true) List<String> accountIds,
      @ApiDoc(value = OptionsInput.DAYS_DOC, nullable = true) Integer days,
      @ApiDoc(value = OptionsInput.KYC_DOC, nullable = true) Boolean withKyc,
      @ApiDoc(value = OptionsInput.IDENTITY_DOC, nullable = true) Boolean withAccountIdentity) {}

  /**
   * The body of {@code PATCH /v1/logins/{loginId}}. The handler reads it as a tree, since a field
   * left out (kept) and a null (default restored) differ, and refuses fields other than these.
   */
  @ApiDoc(
      "What to change: a field left out is kept, null restores the default; other fields are refused")
  record UpdateRequest(
      @ApiDoc(value = TAG_DOC + "; null removes it", nullable = true) String tag,
      @ApiDoc(value = OptionsInput.ACCOUNT_IDS_DOC, nullable = true) List<String> accountIds,
      @ApiDoc(value = OptionsInput.DAYS_DOC, nullable = true) Integer days,
      @ApiDoc(value = OptionsInput.KYC_DOC, nullable = true) Boolean withKyc,
      @ApiDoc(value = OptionsInput.IDENTITY_DOC, nullable = true) Boolean withAccountIdentity) {}

  @ApiDoc("What to retrieve; an empty body is a cached read")
  record RefreshRequest(
      @ApiDoc(
              value = "true: make Flinks log in to the bank now (may ask MFA); default false",
              nullable = true)
          Boolean live) {}

  @ApiDoc("Answers to the security questions of a retrieval in mfa_required")
  record MfaRequest(
      // Documented as any value, not a oneOf of string and array: generated clients choke on such a
      // oneOf.
      @ApiDoc("prompt text -> answer: a string, or an array of strings")
          Map<String, JsonNode> answers) {}

  /** The answer of {@code POST /v1/logins}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ApiDoc("A registered login and its current retrieval")
  record RegistrationView(
      String loginId,
      @ApiDoc(nullable = true) String tag,
      @ApiDoc("true when this call registered it") boolean created,
      LoginOptionsView options,
      @ApiDoc(value = "the first retrieval (new login) or the current one", nullable = true)
          RetrievalView retrieval) {

    @Override
    public String toString() {
      return "RegistrationView[created=" + created + "]"; // the loginId is a secret
    }
  }

  /** The answer of {@code PATCH /v1/logins/{loginId}}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ApiDoc("A login's tag and options")
  record LoginSettingsView(
      String loginId, @ApiDoc(nullable = true) String tag, LoginOptionsView options) {

    @Override
    public String toString() {
      return "LoginSettingsView[options=" + options + "]"; // the loginId is a secret
    }
  }

  private void register(Context ctx, ApiRouter router) {
    // Options first, from the tree: a malformed one is refused with its own code, before anything
    // is stored.
    JsonNode fields = router.readJson(ctx, JsonNode.class);
    OptionsInput.over(LoginOptions.DEFAULTS, fields);
    RegisterRequest body = router.readJson(ctx, RegisterRequest.class);
    if (!LoginInput.isGuid(body.loginId())) {
      throw ApiException.badRequest(
          "invalid_login_id",
          "loginId must be the GUID Flinks Connect returned (8-4-4-4-12 hex digits)");
    }
    Optional<String> tag = Optional.ofNullable(body.tag()).filter(t -> !t.isBlank());
    tag.ifPresent(RetrievalRoutes::requireValidTag);
    record Outcome(Registration registration, Optional<Retrieval> retrieval) {}
    Outcome outcome =
        database.inTransaction(c -> {
          logins.clearTombstone(
              c, body.loginId()); // an explicit registration brings a deleted login back
          Registration registration = logins.register(c, body.loginId(), tag);
          StoredLogin login = registration.login();
          LoginOptions options = OptionsInput.over(login.options(), fields);
          if (!options.equals(login.options())) {
            logins.update(c, login.id(), login.tag(), options);
            registration =
                new Registration(
                    logins.findById(c, login.id()).orElseThrow(), registration.created());
          }
          Optional<Retrieval> retrieval =
              registration.created()
                  ? Optional.of(engine.request(c, registration.login().id(), RetrievalMode.CACHED))
                  : engine.current(c, registration.login().id());
          return new Outcome(registration, retrieval);
        });
    ctx.status(outcome.registration().created() ? 201 : 200)
        .json(
            loginBody(
                outcome.registration().login(),
                outcome.registration().created(),
                outcome.retrieval()));
  }

  private void update(Context ctx, ApiRouter router) {
    StoredLogin login = login(ctx);
    JsonNode body = router.readJson(ctx, JsonNode.class);
    if (!body.isObject()) {
      throw ApiException.badRequest("invalid_json", "request body must be a JSON object");
    }
    body.fieldNames()
        .forEachRemaining(name -> {
          if (!PATCHABLE.contains(name)) {
            throw ApiException.badRequest(
                "unknown_field", "'" + name + "' cannot be changed; fields: " + PATCHABLE);
          }
        });
    Optional<String> tag = login.tag();
    if (body.has("tag")) {
      JsonNode value = body.get("tag");
      if (!value.isNull() && !value.isTextual()) {
        throw ApiException.badRequest("invalid_tag", "tag must be a string or null");
      }
      tag =
          value.isNull() ? Optional.empty() : Optional.of(value.asText()).filter(t -> !t.isBlank());
      tag.ifPresent(RetrievalRoutes::requireValidTag);
    }
    LoginOptions options = OptionsInput.over(login.options(), body);
    Optional<String> newTag = tag;
    StoredLogin updated =
        database.inTransaction(c -> {
          logins.update(c, login.id(), newTag, options);
          return logins
              .findById(c, login.id())
              .orElseThrow(() -> ApiException.notFound("no such login"));
        });
    ctx.json(
        new LoginSettingsView(
            updated.loginId(), updated.tag().orElse(null), LoginOptionsView.of(updated.options())));
  }

  private static void requireValidTag(String tag) {
    if (!LoginInput.isValidTag(tag)) {
      throw ApiException.badRequest(
          "invalid_tag",
          "tag must be at most "
              + LoginInput.MAX_TAG_LENGTH
              + " characters without control characters");
    }
  }

  private void refresh(Context ctx, ApiRouter router) {
    StoredLogin login = login(ctx);
    RefreshRequest body =
        router.hasBody(ctx)
            ? router.readJson(ctx, RefreshRequest.class)
            : new RefreshRequest(false);
    RetrievalMode mode =
        Boolean.TRUE.equals(body.live()) ? RetrievalMode.LIVE : RetrievalMode.CACHED;
    try {
      ctx.status(202).json(RetrievalView.of(engine.refresh(login.id(), mode), engine));
    } catch (RetrievalConflictException e) {
      throw ApiException.conflict("retrieval_in_progress", e.getMessage());
    }
  }

  private void answer(Context ctx, ApiRouter router) {
    StoredLogin login = login(ctx);
    MfaRequest body = router.readJson(ctx, MfaRequest.class);
    if (body.answers() == null || body.answers().isEmpty()) {
      throw ApiException.badRequest(
          "invalid_mfa_answers", "answers must map each prompt to its answer");
    }
    Map<String, List<String>> answers = new LinkedHashMap<>();
    body.answers().forEach((prompt, value) -> answers.put(prompt, answerValues(value)));
    try {
      ctx.status(202).json(RetrievalView.of(engine.answerMfa(login.id(), answers), engine));
    } catch (MfaNotPendingException e) {
      throw ApiException.conflict("mfa_not_pending", e.getMessage());
    } catch (InvalidMfaAnswersException e) {
      throw ApiException.badRequest("invalid_mfa_answers", e.getMessage());
    }
  }

  private void delete(Context ctx) {
    StoredLogin login = login(ctx);
    try {
      engine.deleteCard(login.loginId());
    } catch (FlinksException e) {
      Optional<FlinksCode> code = e.flinksCode();
      if (code.equals(Optional.of(FlinksCode.CARD_IN_USE))) {
        throw ApiException.conflict(
            "card_in_use", "Flinks is still processing this login; try again later");
      }
      // INVALID_LOGIN: Flinks no longer knows it, delete ours too
      if (!code.equals(Optional.of(FlinksCode.INVALID_LOGIN))) {
        throw new ApiException(
            502,
            "flinks_unavailable",
            "Flinks refused or could not be reached"
                + code.map(c -> " (" + c + ")").orElse("")
                + "; nothing was deleted");
      }
    }
    logins.delete(login.loginId());
    ctx.status(204);
  }

  private StoredLogin login(Context ctx) {
    return logins
        .find(ctx.pathParam("loginId"))
        .orElseThrow(() -> ApiException.notFound("no such login"));
  }

  private static List<String> answerValues(JsonNode value) {
    List<String> values = new ArrayList<>();
    if (value != null && value.isTextual()) {
      values.add(value.asText());
    } else if (value != null && value.isArray()) {
      for (JsonNode item : value) {
        if (!item.isTextual()) {
          throw ApiException.badRequest("invalid_mfa_answers", "each answer must be a string");
        }
        values.add(item.asText());
      }
    } else {
      throw ApiException.badRequest(
          "invalid_mfa_answers", "each answer must be a string or an array of strings");
    }
    return values;
  }

  private RegistrationView loginBody(
      StoredLogin login, boolean created, Optional<Retrieval> retrieval) {
    return new RegistrationView(
        login.loginId(),
        login.tag().orElse(null),
        created,
        LoginOptionsView.of(login.options()),
        retrieval.map(r -> RetrievalView.of(r, engine)).orElse(null));
  }
}
