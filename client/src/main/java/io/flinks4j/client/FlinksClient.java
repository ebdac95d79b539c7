package io.flinks4j.client;

import io.flinks4j.client.AuthorizeResult.Authorized;
import io.flinks4j.client.AuthorizeResult.MfaChallenge;
import io.flinks4j.client.error.FlinksApiException;
import io.flinks4j.client.error.PollTimeoutException;
import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.client.model.AccountsSummary;
import io.flinks4j.client.polling.PollPolicy;
import io.flinks4j.client.polling.Waiter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point to the Flinks data-retrieval API: built once, immutable, thread-safe and cheap to
 * share.
 *
 * <p>High-level calls do the documented flow: {@link #retrieve} (token, cached {@code /Authorize},
 * {@code /GetAccountsDetail}, then polling the Async endpoint every poll interval until 200 or the
 * poll timeout) and {@link #refresh} (live {@code /Authorize} with MFA rounds). One-endpoint calls
 * are grouped by resource: {@link #authorize()}, {@link #accounts()}, {@link #statements()}, {@link
 * #logins()}, {@link #mfaQuestions()}. Every call retries per the {@link RetryPolicy}; refusals are
 * thrown as {@link io.flinks4j.client.error.FlinksException}.
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
  private static final int MAX_MFA_ROUNDS = 10;

  private final URI baseUrl;
  private final String customerId;
  private final String secretKey;
  private final String apiKey;
  private final DataWaiters waiters;
  private final String connectUrl;
  private final HttpClient http;
  private final ExecutorService ownExecutor;
  private final Transport transport;
  private final AuthorizeResource authorize;
  private final AccountsResource accounts;
  private final StatementsResource statements;
  private final LoginsResource logins;
  private final MfaQuestionsResource mfaQuestions;

  private FlinksClient(Builder b) {
    this.baseUrl = b.baseUrl;
    this.customerId = b.customerId;
    this.secretKey = b.secretKey;
    this.apiKey = b.apiKey;
    this.waiters = new DataWaiters(b.pollPolicy, b.clock, b.sleeper, b.random);
    this.connectUrl = b.connectUrl != null ? b.connectUrl : defaultConnectUrl(b.baseUrl);
    this.ownExecutor = b.executor == null ? Executors.newVirtualThreadPerTaskExecutor() : null;
    this.http =
        HttpClient.newBuilder()
            .executor(b.executor != null ? b.executor : ownExecutor)
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
            new Transport.Credentials(secretKey, apiKey),
            b.random);
    this.authorize = new AuthorizeResource(transport);
    this.accounts = new AccountsResource(transport);
    this.statements = new StatementsResource(transport);
    this.logins = new LoginsResource(transport);
    this.mfaQuestions = new MfaQuestionsResource(transport);
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
        switch (authorize.open(AuthorizeRequest.cached(loginId))) {
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
    return Waiter.async("retrieve", () -> retrieve(loginId, options, listener));
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
    AuthorizeResult result = authorize.open(AuthorizeRequest.live(loginId));
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
          result =
              authorize.open(AuthorizeRequest.mfaAnswers(challenge.requestId(), answers.get()));
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
                () -> accounts.detail(requestId, options),
                () -> accounts.detailAsync(requestId),
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
                () -> accounts.summary(requestId),
                () -> accounts.summaryAsync(requestId),
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
    AuthorizeToken token = authorize.generateToken();
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
            .append(encode(authorize.generateToken().value()));
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

  // ------------------------------------------------------------------ one endpoint per call

  /** Sessions: {@code /GenerateAuthorizeToken} and {@code /Authorize}. */
  public AuthorizeResource authorize() {
    return authorize;
  }

  /** {@code /GetAccountsDetail}, {@code /GetAccountsSummary} and their Async forms. */
  public AccountsResource accounts() {
    return accounts;
  }

  /** {@code /GetStatements}. */
  public StatementsResource statements() {
    return statements;
  }

  /** {@code /DeleteCard}. */
  public LoginsResource logins() {
    return logins;
  }

  /** {@code /GetMFAQuestions} and {@code /AnswerMFAQuestions} (Enhanced MFA). */
  public MfaQuestionsResource mfaQuestions() {
    return mfaQuestions;
  }

  /**
   * Releases the HTTP client's connections and threads (an executor given to the builder is left
   * running: it is the caller's).
   */
  @Override
  public void close() {
    http.close();
    if (ownExecutor != null) {
      ownExecutor.close();
    }
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

  private static void notify(PollListener listener, PollAttempt attempt) {
    try {
      listener.onAttempt(attempt);
    } catch (RuntimeException e) {
      // progress display must not abort a retrieval
      log.warn("PollListener failed on attempt {}: {}", attempt.number(), e.toString());
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
    private Executor executor;

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

    /**
     * Runs the HTTP client's internal tasks (reading an answer, completing an exchange); the
     * calling thread of {@link #retrieve} only waits for them. Default: a virtual thread per task,
     * closed with the client, where {@code java.net.http}'s own default is a cached pool of
     * platform threads that grows with the exchanges in flight. Give one to share it between
     * clients; {@link FlinksClient#close} does not shut it down.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
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
}
