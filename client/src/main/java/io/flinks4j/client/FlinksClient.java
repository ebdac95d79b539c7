package io.flinks4j.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinks4j.client.AuthorizeResult.Authorized;
import io.flinks4j.client.AuthorizeResult.MfaChallenge;
import io.flinks4j.client.error.FlinksApiException;
import io.flinks4j.client.error.PollTimeoutException;
import io.flinks4j.client.error.UnreadableResponseException;
import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.client.model.AccountsSummary;
import io.flinks4j.client.model.FlinksJson;
import io.flinks4j.client.model.ResponseEnvelope;
import io.flinks4j.client.model.Statements;
import io.flinks4j.client.polling.PollPolicy;
import io.flinks4j.client.polling.Waiter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point to the Flinks data-retrieval API: built once, immutable, thread-safe and cheap to
 * share.
 *
 * <p>High-level calls do the documented flow: {@link #retrieve} (token, cached {@code /Authorize},
 * {@code /GetAccountsDetail}, then polling the Async endpoint every poll interval until 200 or the
 * poll timeout) and {@link #refresh} (live {@code /Authorize} with MFA rounds). Low-level calls map
 * one endpoint each. Every call retries per the {@link RetryPolicy}; refusals are thrown as {@link
 * io.flinks4j.client.error.FlinksException}.
 *
 * <pre>{@code
 * FlinksClient flinks = FlinksClient.builder()
 *     .baseUrl("https://toolbox-api.private.fin.ag")
 *     .customerId(customerId).secretKey(secretKey).apiKey(apiKey)
 *     .build();
 * AccountsDetail detail = flinks.retrieve(loginId, DetailOptions.defaults());
 * }</pre>
 */
public final class FlinksClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FlinksClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MFA_ROUNDS = 10;

  private final URI baseUrl;
  private final String customerId;
  private final String secretKey;
  private final String apiKey;
  private final DataWaiters waiters;
  private final String connectUrl;
  private final HttpClient http;
  private final Transport transport;

  private FlinksClient(Builder b) {
    this.baseUrl = b.baseUrl;
    this.customerId = b.customerId;
    this.secretKey = b.secretKey;
    this.apiKey = b.apiKey;
    this.waiters = new DataWaiters(b.pollPolicy, b.clock, b.sleeper, b.random);
    this.connectUrl = b.connectUrl != null ? b.connectUrl : defaultConnectUrl(b.baseUrl);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(b.connectTimeout)
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String apiRoot =
        stripTrailingSlash(b.baseUrl.toString())
            + "/v3/"
            + encode(customerId)
            + "/BankingServices/";
    this.transport =
        new Transport(
            http,
            apiRoot,
            b.requestTimeout,
            b.retryPolicy,
            b.sleeper,
            b.clock,
            new Redactor(secretKey, apiKey),
            b.random);
  }

  /** A builder; base URL, customer id and secret key are required. */
  public static Builder builder() {
    return new Builder();
  }

  // ------------------------------------------------------------------ high level

  /** {@link #retrieve(String, DetailOptions, PollListener)} without a listener. */
  public AccountsDetail retrieve(String loginId, DetailOptions options) {
    return retrieve(loginId, options, PollListener.none());
  }

  /**
   * Reads the last aggregated data of a login: mints a token, opens a cached session, calls {@code
   * /GetAccountsDetail} and on 202 polls {@code /GetAccountsDetailAsync} every poll interval until
   * 200 or the poll timeout. Blocks the calling thread; interrupting it stops at once with a {@link
   * java.util.concurrent.CancellationException}.
   *
   * <p>When the last live refresh failed MFA, Flinks refuses the cached session with {@code
   * QUESTION_NOT_FOUND} but still returns a usable RequestId: the {@link
   * io.flinks4j.client.error.UserActionRequiredException} carries it, and {@link
   * #awaitAccountsDetail} with it reads the older data.
   *
   * @throws io.flinks4j.client.error.FlinksException on refusal, unreadable answers, exhausted
   *     retries or timeout; a cached session that Flinks answers with MFA gives a {@link
   *     io.flinks4j.client.error.UserActionRequiredException}
   */
  public AccountsDetail retrieve(String loginId, DetailOptions options, PollListener listener) {
    AuthorizeRequest.requireText(loginId, "loginId");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(listener, "listener");
    String requestId =
        switch (authorize(AuthorizeRequest.cached(loginId))) {
          case Authorized authorized -> authorized.requestId();
          case MfaChallenge challenge ->
              throw FlinksApiException.of(
                  "Authorize",
                  203,
                  null,
                  "MFA requested on a cached read; refresh the login with an MfaHandler or through Connect",
                  challenge.requestId(),
                  null);
        };
    return awaitAccountsDetail(requestId, options, listener);
  }

  /** {@link #retrieveAsync(String, DetailOptions, PollListener)} without a listener. */
  public CompletableFuture<AccountsDetail> retrieveAsync(String loginId, DetailOptions options) {
    return retrieveAsync(loginId, options, PollListener.none());
  }

  /**
   * {@link #retrieve} on a virtual thread. Cancelling the future interrupts that thread, which
   * stops the current wait or HTTP exchange at once and sends no further request.
   */
  public CompletableFuture<AccountsDetail> retrieveAsync(
      String loginId, DetailOptions options, PollListener listener) {
    AuthorizeRequest.requireText(loginId, "loginId");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(listener, "listener");
    return InterruptingFuture.start(
        "flinks4j-retrieve", () -> retrieve(loginId, options, listener));
  }

  /** {@link #refresh(String, DetailOptions, MfaHandler, PollListener)} without a listener. */
  public RefreshResult refresh(String loginId, DetailOptions options, MfaHandler mfaHandler) {
    return refresh(loginId, options, mfaHandler, PollListener.none());
  }

  /**
   * Refreshes a login live at the bank, then retrieves the fresh data. On each 203 the handler gets
   * the challenges and answers them (each answer round goes out with a freshly minted token) or
   * declines; declining returns {@link RefreshResult.MfaRequired} with a Connect relaunch URL built
   * on a new token.
   *
   * @throws io.flinks4j.client.error.FlinksException on refusal (e.g. a wrong answer is a {@link
   *     io.flinks4j.client.error.UserActionRequiredException} with {@code
   *     INVALID_SECURITY_RESPONSE}), unreadable answers, exhausted retries or poll timeout
   */
  public RefreshResult refresh(
      String loginId, DetailOptions options, MfaHandler mfaHandler, PollListener listener) {
    AuthorizeRequest.requireText(loginId, "loginId");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(mfaHandler, "mfaHandler");
    Objects.requireNonNull(listener, "listener");
    AuthorizeResult result = authorize(AuthorizeRequest.live(loginId));
    for (int round = 1; ; round++) {
      switch (result) {
        case Authorized authorized -> {
          return new RefreshResult.Refreshed(
              awaitAccountsDetail(authorized.requestId(), options, listener));
        }
        case MfaChallenge challenge -> {
          Optional<Map<String, List<String>>> answers =
              round > MAX_MFA_ROUNDS ? Optional.empty() : mfaHandler.answer(challenge, round);
          if (answers == null || answers.isEmpty() || answers.get().isEmpty()) {
            log.info(
                "Refresh needs MFA the handler did not answer (round {}); returning a Connect relaunch",
                round);
            return new RefreshResult.MfaRequired(
                challenge.requestId(),
                challenge.challenges(),
                connectRelaunchUrl(challenge.requestId()));
          }
          result = authorize(AuthorizeRequest.mfaAnswers(challenge.requestId(), answers.get()));
        }
      }
    }
  }

  /**
   * Waits for the data of an authorised session: {@code /GetAccountsDetail}, then Async polls every
   * poll interval until 200 or the poll timeout (measured on the client's clock from the first
   * call).
   *
   * @throws PollTimeoutException when Flinks still answers 202 at the poll timeout
   */
  public AccountsDetail awaitAccountsDetail(
      String requestId, DetailOptions options, PollListener listener) {
    AuthorizeRequest.requireText(requestId, "requestId");
    DetailResponse ready =
        waiters
            .detail(requestId)
            .run(
                () -> getAccountsDetail(requestId, options),
                () -> getAccountsDetailAsync(requestId),
                (number, elapsed, response) ->
                    notify(listener, new PollAttempt(number, elapsed, response)));
    return ((DetailResponse.Ready) ready).detail();
  }

  /**
   * {@link #awaitAccountsDetail} on a virtual thread; cancelling the future stops the polling at
   * once.
   */
  public CompletableFuture<AccountsDetail> awaitAccountsDetailAsync(
      String requestId, DetailOptions options, PollListener listener) {
    AuthorizeRequest.requireText(requestId, "requestId");
    return Waiter.async(
        "GetAccountsDetailAsync", () -> awaitAccountsDetail(requestId, options, listener));
  }

  /**
   * Waits for the accounts of an authorised session, without transactions: {@code
   * /GetAccountsSummary}, then on 202 {@code /GetAccountsSummaryAsync} per the poll policy until
   * 200 or its timeout.
   *
   * @throws PollTimeoutException when Flinks still answers 202 at the poll timeout
   */
  public AccountsSummary awaitAccountsSummary(String requestId) {
    AuthorizeRequest.requireText(requestId, "requestId");
    SummaryResponse ready =
        waiters
            .summary(requestId)
            .run(
                () -> getAccountsSummary(requestId),
                () -> getAccountsSummaryAsync(requestId),
                Waiter.Listener.none());
    return ((SummaryResponse.Ready) ready).summary();
  }

  /**
   * {@link #awaitAccountsSummary} on a virtual thread; cancelling the future stops the polling at
   * once.
   */
  public CompletableFuture<AccountsSummary> awaitAccountsSummaryAsync(String requestId) {
    AuthorizeRequest.requireText(requestId, "requestId");
    return Waiter.async("GetAccountsSummaryAsync", () -> awaitAccountsSummary(requestId));
  }

  /**
   * A Flinks Connect URL that resumes the session {@code requestId} at its MFA step, with a freshly
   * minted token (the token of the original {@code /Authorize} is consumed).
   */
  public URI connectRelaunchUrl(String requestId) {
    AuthorizeRequest.requireText(requestId, "requestId");
    AuthorizeToken token = generateAuthorizeToken();
    String separator = connectUrl.contains("?") ? "&" : "?";
    return URI.create(
        connectUrl
            + separator
            + "requestId="
            + encode(requestId)
            + "&authorizeToken="
            + encode(token.value()));
  }

  /**
   * A Flinks Connect URL that starts a new connection with a freshly minted token, for an iframe
   * the customer signs in through; {@code launchParameters} (e.g. {@code tag}, {@code redirectUrl},
   * {@code innerRedirect}) are appended in their order.
   */
  public URI connectUrl(Map<String, String> launchParameters) {
    StringBuilder url =
        new StringBuilder(connectUrl)
            .append(connectUrl.contains("?") ? "&" : "?")
            .append("authorizeToken=")
            .append(encode(generateAuthorizeToken().value()));
    launchParameters.forEach(
        (name, value) -> url.append('&').append(encode(name)).append('=').append(encode(value)));
    return URI.create(url.toString());
  }

  /**
   * The Flinks Connect page this client launches (its origin is the one that posts Connect's
   * events).
   */
  public URI connectPage() {
    return URI.create(connectUrl);
  }

  // ------------------------------------------------------------------ low level

  /**
   * {@code POST /GenerateAuthorizeToken} with the secret key: a single-use token for one session.
   */
  public AuthorizeToken generateAuthorizeToken() {
    Transport.Response response =
        transport.call(
            "GenerateAuthorizeToken",
            "POST",
            "GenerateAuthorizeToken",
            null,
            null,
            attempt -> Map.of("flinks-auth-key", secretKey),
            List.of());
    ResponseEnvelope envelope = transport.parse(response, FlinksJson::parseEnvelope);
    rejectErrorCode(response, envelope);
    if (envelope.token() == null || envelope.token().isBlank()) {
      throw new UnreadableResponseException(
          "GenerateAuthorizeToken answered HTTP " + response.status() + " without a Token",
          response.status(),
          null,
          null);
    }
    return new AuthorizeToken(envelope.token());
  }

  /**
   * {@code POST /Authorize}. Every attempt, retries included, mints its own token, since a previous
   * one may already be consumed. MFA answers also go out with a fresh token: the current docs never
   * require the first token again, so no token is ever sent twice.
   *
   * @return the open session (200, or 202 while aggregation still runs) or the MFA challenges (203)
   */
  public AuthorizeResult authorize(AuthorizeRequest request) {
    Objects.requireNonNull(request, "request");
    byte[] body = json(request.body());
    List<String> secrets = new ArrayList<>();
    secrets.add(request.loginId);
    secrets.add(request.password);
    secrets.add(request.username);
    if (request.securityResponses != null) {
      request.securityResponses.values().forEach(secrets::addAll);
    }
    Transport.Response response =
        transport.call(
            "Authorize",
            "POST",
            "Authorize",
            body,
            request.requestId,
            attempt -> Map.of("flinks-auth-key", generateAuthorizeToken().value()),
            secrets);
    ResponseEnvelope envelope = transport.parse(response, FlinksJson::parseEnvelope);
    rejectErrorCode(response, envelope);
    String requestId = envelope.requestId() != null ? envelope.requestId() : request.requestId;
    if (requestId == null || requestId.isBlank()) {
      throw new UnreadableResponseException(
          "Authorize answered HTTP " + response.status() + " without a RequestId",
          response.status(),
          null,
          null);
    }
    boolean mfa =
        response.status() == 203 || Integer.valueOf(203).equals(envelope.httpStatusCode());
    if (mfa) {
      return new MfaChallenge(
          requestId, envelope.securityChallenges(), envelope.institution(), envelope.raw());
    }
    if (response.status() == 200 || response.status() == 201 || response.status() == 202) {
      return new Authorized(
          requestId,
          envelope.login(),
          envelope.institution(),
          envelope.institutionName(),
          envelope.institutionId(),
          envelope.links(),
          envelope.raw());
    }
    throw unexpected(response, envelope);
  }

  /** {@code POST /GetAccountsDetail} for an authorised session: the data (200) or pending (202). */
  public DetailResponse getAccountsDetail(String requestId, DetailOptions options) {
    AuthorizeRequest.requireText(requestId, "requestId");
    Objects.requireNonNull(options, "options");
    return detailResponse(
        transport.call(
            "GetAccountsDetail",
            "POST",
            "GetAccountsDetail",
            json(options.body(requestId)),
            requestId,
            this::apiKeyHeader,
            List.of()));
  }

  /**
   * {@code GET /GetAccountsDetailAsync/{requestId}}, only after a 202: the data (200, built with
   * the options given to {@link #getAccountsDetail}) or still pending (202).
   */
  public DetailResponse getAccountsDetailAsync(String requestId) {
    AuthorizeRequest.requireText(requestId, "requestId");
    return detailResponse(
        transport.call(
            "GetAccountsDetailAsync",
            "GET",
            "GetAccountsDetailAsync/" + encode(requestId),
            null,
            requestId,
            this::apiKeyHeader,
            List.of()));
  }

  /** {@code POST /GetAccountsSummary}: accounts without transactions (200) or pending (202). */
  public SummaryResponse getAccountsSummary(String requestId) {
    AuthorizeRequest.requireText(requestId, "requestId");
    return summaryResponse(
        transport.call(
            "GetAccountsSummary",
            "POST",
            "GetAccountsSummary",
            json(Map.of("RequestId", requestId)),
            requestId,
            this::apiKeyHeader,
            List.of()));
  }

  /**
   * {@code GET /GetAccountsSummaryAsync/{requestId}}, only after a 202 from {@link
   * #getAccountsSummary}.
   */
  public SummaryResponse getAccountsSummaryAsync(String requestId) {
    AuthorizeRequest.requireText(requestId, "requestId");
    return summaryResponse(
        transport.call(
            "GetAccountsSummaryAsync",
            "GET",
            "GetAccountsSummaryAsync/" + encode(requestId),
            null,
            requestId,
            this::apiKeyHeader,
            List.of()));
  }

  /**
   * {@code DELETE /DeleteCard/{loginId}}: deletes the login and all its data at Flinks.
   *
   * @throws io.flinks4j.client.error.TemporarilyUnavailableException with {@code CARD_IN_USE} while
   *     the login is still being processed
   */
  public void deleteCard(String loginId) {
    AuthorizeRequest.requireText(loginId, "loginId");
    Transport.Response response =
        transport.call(
            "DeleteCard",
            "DELETE",
            "DeleteCard/" + encode(loginId),
            null,
            null,
            this::apiKeyHeader,
            List.of(loginId));
    if (response.body().length > 0) {
      ResponseEnvelope envelope = transport.parse(response, FlinksJson::parseEnvelope);
      rejectErrorCode(response, envelope);
    }
  }

  /**
   * {@code POST /GetStatements} (Canada; needs {@code detailsAndStatementEnable=true} in Connect).
   *
   * @param numberOfStatements how many statements per account, or null for Flinks' default
   * @param accountsFilter only these AccountIds; empty for all
   */
  public Statements getStatements(
      String requestId,
      DetailOptions.NumberOfStatements numberOfStatements,
      List<String> accountsFilter) {
    AuthorizeRequest.requireText(requestId, "requestId");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("RequestId", requestId);
    if (numberOfStatements != null) {
      body.put("NumberOfStatements", numberOfStatements.value());
    }
    if (accountsFilter != null && !accountsFilter.isEmpty()) {
      body.put("AccountsFilter", List.copyOf(accountsFilter));
    }
    Transport.Response response =
        transport.call(
            "GetStatements",
            "POST",
            "GetStatements",
            json(body),
            requestId,
            this::apiKeyHeader,
            List.of());
    if (response.status() != 200) {
      throw unexpected(response, transport.parse(response, FlinksJson::parseEnvelope));
    }
    return transport.parse(response, FlinksJson::parseStatements);
  }

  /**
   * {@code GET /GetMFAQuestions/{loginId}} (Enhanced MFA, Canada): the security questions Flinks
   * stored for a login.
   *
   * @return the question texts, in Flinks' order
   */
  public List<String> getMfaQuestions(String loginId) {
    AuthorizeRequest.requireText(loginId, "loginId");
    Transport.Response response =
        transport.call(
            "GetMFAQuestions",
            "GET",
            "GetMFAQuestions/" + encode(loginId),
            null,
            null,
            this::apiKeyHeader,
            List.of(loginId));
    ResponseEnvelope envelope = transport.parse(response, FlinksJson::parseEnvelope);
    rejectErrorCode(response, envelope);
    List<String> questions = new ArrayList<>();
    com.fasterxml.jackson.databind.JsonNode node = envelope.extra().get("Questions");
    if (node != null) {
      node.forEach(q -> {
        String text = q.isTextual() ? q.asText() : q.path("Question").asText(null);
        if (text != null) {
          questions.add(text);
        }
      });
    }
    return List.copyOf(questions);
  }

  /**
   * {@code PATCH /AnswerMFAQuestions} (Enhanced MFA, Canada): stores answers Flinks will use at the
   * next live call (only simple questions; the answers are validated then, not now).
   *
   * @param answers question text, exactly as returned by {@link #getMfaQuestions}, to answer
   */
  public void answerMfaQuestions(String loginId, Map<String, String> answers) {
    AuthorizeRequest.requireText(loginId, "loginId");
    Objects.requireNonNull(answers, "answers");
    List<Map<String, String>> questions = new ArrayList<>();
    answers.forEach((question, answer) -> {
      Map<String, String> entry = new LinkedHashMap<>();
      entry.put("Question", question);
      entry.put("Answer", answer);
      questions.add(entry);
    });
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("LoginId", loginId);
    body.put("Questions", questions);
    List<String> secrets = new ArrayList<>(answers.values());
    secrets.add(loginId);
    Transport.Response response =
        transport.call(
            "AnswerMFAQuestions",
            "PATCH",
            "AnswerMFAQuestions",
            json(body),
            null,
            this::apiKeyHeader,
            secrets);
    if (response.body().length > 0) {
      rejectErrorCode(response, transport.parse(response, FlinksJson::parseEnvelope));
    }
  }

  /** Releases the HTTP client's connections and threads. */
  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "FlinksClient[baseUrl="
        + baseUrl
        + ", customerId="
        + customerId
        + ", pollPolicy="
        + waiters.policy()
        + "]";
  }

  // ------------------------------------------------------------------ internals

  private DetailResponse detailResponse(Transport.Response response) {
    if (response.status() == 200) {
      AccountsDetail detail = transport.parse(response, FlinksJson::parseAccountsDetail);
      if (!Integer.valueOf(202).equals(detail.httpStatusCode())) {
        return new DetailResponse.Ready(detail);
      }
    }
    ResponseEnvelope envelope = pendingEnvelope(response);
    Optional<AccountsDetail> partial =
        envelope.extra().containsKey("Accounts")
            ? Optional.of(transport.parse(response, FlinksJson::parseAccountsDetail))
            : Optional.empty();
    return new DetailResponse.Pending(
        sessionId(response, envelope), pendingCode(envelope), partial);
  }

  private SummaryResponse summaryResponse(Transport.Response response) {
    if (response.status() == 200) {
      AccountsSummary summary = transport.parse(response, FlinksJson::parseAccountsSummary);
      if (!Integer.valueOf(202).equals(summary.httpStatusCode())) {
        return new SummaryResponse.Ready(summary);
      }
    }
    ResponseEnvelope envelope = pendingEnvelope(response);
    return new SummaryResponse.Pending(sessionId(response, envelope), pendingCode(envelope));
  }

  /**
   * A data answer that is not a 200: a 202 "still processing" envelope, or a refusal thrown as
   * such.
   */
  private ResponseEnvelope pendingEnvelope(Transport.Response response) {
    ResponseEnvelope envelope = transport.parse(response, FlinksJson::parseEnvelope);
    rejectErrorCode(response, envelope);
    if (response.status() != 202 && !Integer.valueOf(202).equals(envelope.httpStatusCode())) {
      throw unexpected(response, envelope);
    }
    return envelope;
  }

  // A 202 without a FlinksCode is still "pending": the status alone says so.
  private static FlinksCode pendingCode(ResponseEnvelope envelope) {
    FlinksCode code = FlinksCode.ofNullable(envelope.flinksCode());
    return code == null ? FlinksCode.OPERATION_PENDING : code;
  }

  private static String sessionId(Transport.Response response, ResponseEnvelope envelope) {
    return envelope.requestId() != null ? envelope.requestId() : response.requestId();
  }

  /**
   * A 2xx whose body carries an error FlinksCode is still a refusal: the code decides, not the
   * status.
   */
  private void rejectErrorCode(Transport.Response response, ResponseEnvelope envelope) {
    FlinksCode code = FlinksCode.ofNullable(envelope.flinksCode());
    if (code != null && !code.isPending()) {
      int status =
          envelope.httpStatusCode() != null ? envelope.httpStatusCode() : response.status();
      throw FlinksApiException.of(
          response.operation(),
          status,
          code,
          transport.scrub(envelope.message(), response.secrets()),
          sessionId(response, envelope),
          null);
    }
  }

  private FlinksApiException unexpected(Transport.Response response, ResponseEnvelope envelope) {
    return FlinksApiException.of(
        response.operation(),
        response.status(),
        FlinksCode.ofNullable(envelope.flinksCode()),
        transport.scrub(envelope.message(), response.secrets()),
        sessionId(response, envelope),
        null);
  }

  private Map<String, String> apiKeyHeader(int attempt) {
    return apiKey == null ? Map.of() : Map.of("x-api-key", apiKey);
  }

  private static void notify(PollListener listener, PollAttempt attempt) {
    try {
      listener.onAttempt(attempt);
    } catch (RuntimeException e) {
      // progress display must not abort a retrieval
      log.warn("PollListener failed on attempt {}: {}", attempt.number(), e.toString());
    }
  }

  private static byte[] json(Object body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise request body", e);
    }
  }

  private static String encode(String pathOrQueryValue) {
    return URLEncoder.encode(pathOrQueryValue, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String stripTrailingSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * {@code https://x-api.private.fin.ag} → {@code https://x-iframe.private.fin.ag/v2/}; other hosts
   * + {@code /v2/}.
   */
  static String defaultConnectUrl(URI baseUrl) {
    String base = stripTrailingSlash(baseUrl.toString());
    String host = baseUrl.getHost();
    if (host != null && host.contains("-api.")) {
      base =
          base.replaceFirst(
              java.util.regex.Pattern.quote(host),
              java.util.regex.Matcher.quoteReplacement(host.replaceFirst("-api\\.", "-iframe.")));
    }
    return base + "/v2/";
  }

  /**
   * Configures a {@link FlinksClient}. Defaults are the documented Flinks values: poll every 10 s
   * for at most 30 minutes; the request timeout (4 min) exceeds Flinks' 210 s synchronous limit.
   */
  public static final class Builder {
    private URI baseUrl;
    private String customerId;
    private String secretKey;
    private String apiKey;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofMinutes(4);
    private PollPolicy pollPolicy = PollPolicy.defaults();
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private String connectUrl;
    private java.util.random.RandomGenerator random = new Random();

    private Builder() {}

    /**
     * Instance API root, e.g. {@code https://toolbox-api.private.fin.ag}; the client appends {@code
     * /v3/...}.
     */
    public Builder baseUrl(String baseUrl) {
      return baseUrl(URI.create(Objects.requireNonNull(baseUrl, "baseUrl")));
    }

    /** Instance API root as a URI. */
    public Builder baseUrl(URI baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      String scheme = baseUrl.getScheme();
      if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
        throw new IllegalArgumentException("baseUrl must be an http(s) URL");
      }
      this.baseUrl = baseUrl;
      return this;
    }

    /** The customer id (GUID) Flinks issued. */
    public Builder customerId(String customerId) {
      this.customerId = customerId;
      return this;
    }

    /** The secret key; sent only to {@code /GenerateAuthorizeToken}. */
    public Builder secretKey(String secretKey) {
      this.secretKey = secretKey;
      return this;
    }

    /**
     * The x-api-key for data endpoints; when null the header is not sent (instances where it is not
     * enabled).
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /** TCP connect timeout (default 10 s). */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /** Timeout of one HTTP exchange (default 4 min, above Flinks' 210 s synchronous limit). */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * Wait between Async polls after a 202 (default 10 s, as Flinks documents): the current poll
     * policy with a fixed interval.
     */
    public Builder pollInterval(Duration pollInterval) {
      this.pollPolicy = pollPolicy.withInterval(positive(pollInterval, "pollInterval"));
      return this;
    }

    /**
     * Total polling budget per retrieval (default 30 min, as Flinks documents): the current poll
     * policy with this timeout.
     */
    public Builder pollTimeout(Duration pollTimeout) {
      this.pollPolicy = pollPolicy.withTimeout(positive(pollTimeout, "pollTimeout"));
      return this;
    }

    /**
     * How Async endpoints are polled after a 202: interval or backoff, jitter, timeout, attempts
     * (default {@link PollPolicy#defaults()}); {@link #pollInterval} and {@link #pollTimeout}
     * called afterwards adjust it.
     */
    public Builder pollPolicy(PollPolicy pollPolicy) {
      this.pollPolicy = Objects.requireNonNull(pollPolicy, "pollPolicy");
      return this;
    }

    /** Which failures are retried and how (default {@link RetryPolicy#defaults()}). */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /** Shortcut for a default policy with {@code maxRetries + 1} attempts. */
    public Builder maxRetries(int maxRetries) {
      this.retryPolicy = retryPolicy.withMaxAttempts(maxRetries + 1);
      return this;
    }

    /** Clock for poll deadlines and {@code Retry-After} dates (inject a fake one in tests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How to wait between polls and retries (inject one that advances a fake clock in tests). */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Flinks Connect base for relaunch URLs; default derived from the base URL ({@code -api.} →
     * {@code -iframe.}, plus {@code /v2/}).
     */
    public Builder connectUrl(String connectUrl) {
      this.connectUrl = connectUrl;
      return this;
    }

    /** Source of retry jitter (seed it for reproducible tests). */
    public Builder random(java.util.random.RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Builds the client.
     *
     * @throws IllegalStateException when base URL, customer id or secret key is missing
     */
    public FlinksClient build() {
      if (baseUrl == null) {
        throw new IllegalStateException("baseUrl is required");
      }
      if (customerId == null || customerId.isBlank()) {
        throw new IllegalStateException("customerId is required");
      }
      if (secretKey == null || secretKey.isBlank()) {
        throw new IllegalStateException("secretKey is required");
      }
      return new FlinksClient(this);
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return d;
    }

    @Override
    public String toString() {
      return "FlinksClient.Builder[baseUrl=" + baseUrl + ", customerId=" + customerId + "]";
    }
  }

  /**
   * A future whose {@code cancel} interrupts the worker thread, so waits and HTTP exchanges stop at
   * once.
   */
  private static final class InterruptingFuture<T> extends CompletableFuture<T> {
    private volatile Thread worker;

    static <T> CompletableFuture<T> start(String name, Supplier<T> work) {
      InterruptingFuture<T> future = new InterruptingFuture<>();
      Thread thread =
          Thread.ofVirtual()
              .name(name)
              .unstarted(() -> {
                try {
                  future.complete(work.get());
                } catch (Throwable t) {
                  future.completeExceptionally(t);
                }
              });
      future.worker = thread;
      thread.start();
      return future;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      Thread thread = worker;
      if (cancelled && thread != null) {
        thread.interrupt();
      }
      return cancelled;
    }
  }
}
