package io.flinks4j.sandbox;

import io.flinks4j.sandbox.api.ApiSettings;
import io.flinks4j.sandbox.api.AsyncPolls;
import io.flinks4j.sandbox.api.FlinksApi;
import io.flinks4j.sandbox.api.RequestJournal;
import io.flinks4j.sandbox.connect.ConnectPage;
import io.flinks4j.sandbox.control.ControlApi;
import io.flinks4j.sandbox.engine.Login;
import io.flinks4j.sandbox.engine.SandboxEngine;
import io.flinks4j.sandbox.fault.Fault;
import io.flinks4j.sandbox.fault.Faults;
import io.flinks4j.sandbox.webhook.WebhookDelivery;
import io.flinks4j.sandbox.webhook.WebhookDispatcher;
import io.flinks4j.sandbox.webhook.WebhookSettings;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A running Flinks sandbox: a local, stateful emulator of the Flinks API for tests, demos and load
 * tests. Start one with {@link #start()} or {@link #builder()}; it listens on 127.0.0.1 and serves
 * the Flinks API under {@code baseUrl() + "/v3/" + customerId() + "/BankingServices/"} and its
 * control API under {@code /sandbox/}. Close it to stop the server.
 */
public final class FlinksSandbox implements AutoCloseable {

  /** customerId of the public Flinks toolbox, the default here so toolbox code runs unchanged. */
  public static final String TOOLBOX_CUSTOMER_ID = "43387ca6-0391-4c82-857d-70d95f087ecb";

  /** Secret key of the public Flinks toolbox. */
  public static final String TOOLBOX_SECRET_KEY = "c4569c54-e167-4d34-8de6-f4113bc82414";

  /** x-api-key of the public Flinks toolbox. */
  public static final String TOOLBOX_API_KEY = "3d5266a8-b697-48d4-8de6-52e2e2662acc";

  /** Default webhook signing key (the toolbox has none: Flinks cannot send webhooks from it). */
  public static final String DEFAULT_WEBHOOK_KEY = "flinks4j-sandbox-webhook-key";

  private final Builder config;
  private final SandboxClock clock;
  private final SandboxEngine engine;
  private final Faults faults = new Faults();
  private final RequestJournal journal;
  private final WebhookDispatcher webhooks;
  private final ConnectPage connect;
  private final Javalin server;

  private FlinksSandbox(Builder config) {
    this.config = config;
    this.clock = new SandboxClock();
    this.journal = new RequestJournal(config.recordedRequests);
    this.engine =
        new SandboxEngine(
            clock,
            new SandboxEngine.Timing(
                config.processingDelay,
                config.tokenLifetime,
                config.sessionIdleTimeout,
                config.sessionProcessingTimeout));
    FlinksApi api =
        new FlinksApi(
            engine,
            new ApiSettings(
                config.customerId,
                config.secretKey,
                config.apiKey,
                config.authorizeToken,
                config.apiKeyRequirement),
            faults,
            journal);
    this.webhooks = new WebhookDispatcher(engine, clock, config.webhookSettings());
    ControlApi control = new ControlApi(this);
    this.connect = new ConnectPage(engine, config.authorizeToken);
    this.server =
        Javalin.create(javalin -> {
          javalin.startup.showJavalinBanner = false;
          javalin.startup.showOldJavalinVersionWarning = false;
          javalin.http.compressionStrategy = CompressionStrategy.NONE;
          javalin.http.maxRequestSize = FlinksApi.MAX_BODY_BYTES;
          javalin.concurrency.useVirtualThreads = true;
          javalin.jetty.host = config.host;
          javalin.jetty.port = config.port;
          javalin.jetty.modifyServer(jetty -> jetty.insertHandler(new AsyncPolls(api)));
          api.register(javalin.routes);
          control.register(javalin.routes);
          connect.register(javalin.routes);
        });
  }

  /** Starts a sandbox with every default on a free port. */
  public static FlinksSandbox start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  private FlinksSandbox startServer() {
    try {
      server.start();
    } catch (RuntimeException e) {
      webhooks.close();
      throw e;
    }
    return this;
  }

  // ---- where and how to reach it
  // -------------------------------------------------------------------

  /**
   * {@code http://127.0.0.1:PORT}: the instance API root; clients append {@code
   * /v3/{customerId}/BankingServices/}.
   */
  public String baseUrl() {
    return "http://" + (config.host.equals("0.0.0.0") ? "127.0.0.1" : config.host) + ":" + port();
  }

  /** The URL of the emulated Flinks Connect page ({@code baseUrl() + "/v2/"}). */
  public String connectUrl() {
    return baseUrl() + "/v2/";
  }

  /** {@code baseUrl() + "/v3/" + customerId() + "/BankingServices"}, without a trailing slash. */
  public String apiUrl() {
    return baseUrl() + "/v3/" + config.customerId + "/BankingServices";
  }

  public int port() {
    return server.port();
  }

  public String customerId() {
    return config.customerId;
  }

  public String secretKey() {
    return config.secretKey;
  }

  public String apiKey() {
    return config.apiKey;
  }

  public String webhookKey() {
    return webhooks.settings().key();
  }

  public SandboxClock clock() {
    return clock;
  }

  /**
   * The emulated back end, for code that plugs in beside the Flinks API (e.g. the Connect page).
   */
  public SandboxEngine engine() {
    return engine;
  }

  // ---- logins
  // --------------------------------------------------------------------------------------

  /** Every login, pre-seeded test users first. */
  public List<SandboxLogin> logins() {
    return engine.logins().stream().map(Login::describe).toList();
  }

  /** The login with this username (any case); test usernames are unique across institutions. */
  public SandboxLogin login(String username) {
    return engine.logins().stream()
        .filter(l -> l.username().equalsIgnoreCase(username) && l.language().equals("en"))
        .findFirst()
        .map(Login::describe)
        .orElseThrow(() -> new NoSuchElementException("no login with username " + username));
  }

  public SandboxLogin createLogin(LoginSpec spec) {
    return engine.createLogin(spec).describe();
  }

  /** What the emulated bank currently holds behind a login. */
  public GroundTruth groundTruth(String loginId) {
    return engine
        .login(loginId)
        .orElseThrow(() -> new NoSuchElementException("unknown loginId"))
        .groundTruth();
  }

  // ---- control
  // -------------------------------------------------------------------------------------

  /** Moves sandbox time forward: expiries, processing delays and webhook retries see the jump. */
  public void advanceClock(Duration amount) {
    clock.advance(amount);
  }

  /** Adds a fault to the Flinks API answers until {@link #clearFaults()} or {@link #reset()}. */
  public void addFault(Fault fault) {
    faults.add(Objects.requireNonNull(fault));
  }

  public void clearFaults() {
    faults.clear();
  }

  public List<Fault> faults() {
    return faults.list();
  }

  /** The most recent requests on the Flinks paths (10,000 unless built otherwise), oldest first. */
  public List<RecordedRequest> requests() {
    return journal.snapshot();
  }

  /** Where webhooks go and how they are delivered. */
  public WebhookSettings webhookSettings() {
    return webhooks.settings();
  }

  /** Changes webhook delivery, e.g. to point it at a receiver the test just started. */
  public void configureWebhooks(WebhookSettings settings) {
    webhooks.configure(Objects.requireNonNull(settings));
  }

  /** Every webhook delivery attempt so far, oldest first. */
  public List<WebhookDelivery> webhookDeliveries() {
    return webhooks.deliveries();
  }

  /**
   * Back to the state at start: pre-seeded logins only, no sessions, tokens, faults, records or
   * pending webhooks, webhook settings as built, clock at real time.
   */
  public void reset() {
    webhooks.clear();
    webhooks.configure(config.webhookSettings());
    faults.clear();
    journal.clear();
    clock.resetOffset();
    engine.reset();
    connect.reset();
  }

  /** Text for a console: where the sandbox listens, its credentials and its test logins. */
  public String banner() {
    StringBuilder sb = new StringBuilder();
    sb.append("Flinks sandbox listening on ").append(baseUrl()).append('\n');
    sb.append("  API base      ").append(apiUrl()).append("/\n");
    sb.append("  Connect       ").append(connectUrl()).append('\n');
    sb.append("  control API   ").append(baseUrl()).append("/sandbox/\n");
    sb.append("  customerId    ").append(customerId()).append('\n');
    sb.append("  secret key    ")
        .append(secretKey())
        .append("   (flinks-auth-key on /GenerateAuthorizeToken)\n");
    sb.append("  x-api-key     ").append(apiKey()).append('\n');
    sb.append("  webhook key   ").append(webhookKey()).append('\n');
    sb.append("  test logins (institution FlinksCapital unless named, password ")
        .append(LoginSpec.DEFAULT_PASSWORD)
        .append("):\n");
    for (SandboxLogin login : logins()) {
      sb.append(
          String.format(
              "    %-26s %s  %s%s%n",
              login.username(),
              login.loginId(),
              login.mfa() ? "MFA " + login.mfaType().wireName() : login.behaviour().name(),
              login.institution().equals("FlinksCapital") ? "" : "  at " + login.institution()));
    }
    return sb.toString();
  }

  @Override
  public void close() {
    server.stop();
    webhooks.close();
  }

  @Override
  public String toString() {
    return "FlinksSandbox[" + baseUrl() + "]";
  }

  /** Options of a sandbox; every default is the documented Flinks (toolbox) value. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private String customerId = TOOLBOX_CUSTOMER_ID;
    private String secretKey = TOOLBOX_SECRET_KEY;
    private String apiKey = TOOLBOX_API_KEY;
    private String webhookKey = DEFAULT_WEBHOOK_KEY;
    private final List<String> webhookUrls = new ArrayList<>();
    private boolean webhookKycFirst;
    private boolean webhookDeliverTwice;
    private int webhookAttempts = WebhookSettings.DEFAULT_ATTEMPTS;
    private Duration webhookRetryInterval = WebhookSettings.DEFAULT_RETRY_INTERVAL;
    private Requirement authorizeToken = Requirement.REQUIRED;
    private Requirement apiKeyRequirement = Requirement.REQUIRED;
    private Duration processingDelay = SandboxEngine.Timing.DEFAULT.processingDelay();
    private Duration tokenLifetime = SandboxEngine.Timing.DEFAULT.tokenLifetime();
    private Duration sessionIdleTimeout = SandboxEngine.Timing.DEFAULT.idleTimeout();
    private Duration sessionProcessingTimeout = SandboxEngine.Timing.DEFAULT.processingTimeout();
    private int recordedRequests = 10_000;

    private Builder() {}

    /** TCP port; 0 (the default) picks a free one. */
    public Builder port(int value) {
      if (value < 0 || value > 65535) {
        throw new IllegalArgumentException("port out of range");
      }
      this.port = value;
      return this;
    }

    /** Interface to bind; 127.0.0.1 by default, 0.0.0.0 to be reachable from other hosts. */
    public Builder host(String value) {
      this.host = Objects.requireNonNull(value);
      return this;
    }

    public Builder customerId(String value) {
      this.customerId = Objects.requireNonNull(value);
      return this;
    }

    public Builder secretKey(String value) {
      this.secretKey = Objects.requireNonNull(value);
      return this;
    }

    public Builder apiKey(String value) {
      this.apiKey = Objects.requireNonNull(value);
      return this;
    }

    /** Shared secret of the webhook signature ({@code flinks-authenticity-key}). */
    public Builder webhookKey(String value) {
      this.webhookKey = Objects.requireNonNull(value);
      return this;
    }

    /** Adds a URL that receives a webhook when a live aggregation completes. */
    public Builder webhookUrl(String value) {
      this.webhookUrls.add(Objects.requireNonNull(value));
      return this;
    }

    /** Sends the early {@code KYC} webhook before the {@code GetAccountsDetail} one. */
    public Builder webhookKycFirst(boolean value) {
      this.webhookKycFirst = value;
      return this;
    }

    /** Delivers every webhook twice, to test deduplication downstream. */
    public Builder webhookDeliverTwice(boolean value) {
      this.webhookDeliverTwice = value;
      return this;
    }

    /** Attempts per webhook and sandbox time between them (Flinks: 10, 30 minutes). */
    public Builder webhookRetries(int attempts, Duration interval) {
      this.webhookAttempts = attempts;
      this.webhookRetryInterval = Objects.requireNonNull(interval);
      return this;
    }

    private WebhookSettings webhookSettings() {
      return new WebhookSettings(
          webhookUrls,
          webhookKey,
          webhookKycFirst,
          webhookDeliverTwice,
          webhookAttempts,
          webhookRetryInterval);
    }

    /** Whether /Authorize needs an authorize token (required since October 2024). */
    public Builder authorizeToken(Requirement value) {
      this.authorizeToken = Objects.requireNonNull(value);
      return this;
    }

    /** Whether data endpoints need {@code x-api-key}. */
    public Builder apiKeyRequirement(Requirement value) {
      this.apiKeyRequirement = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Time from /Authorize until data is ready (202 before); 3 s by default, zero for instant 200s.
     */
    public Builder processingDelay(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("processingDelay must not be negative");
      }
      this.processingDelay = value;
      return this;
    }

    public Builder tokenLifetime(Duration value) {
      this.tokenLifetime = Objects.requireNonNull(value);
      return this;
    }

    public Builder sessionIdleTimeout(Duration value) {
      this.sessionIdleTimeout = Objects.requireNonNull(value);
      return this;
    }

    public Builder sessionProcessingTimeout(Duration value) {
      this.sessionProcessingTimeout = Objects.requireNonNull(value);
      return this;
    }

    /**
     * How many recent requests to keep for {@link #requests()}; 0 turns recording off (load tests).
     */
    public Builder recordedRequests(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("recordedRequests must not be negative");
      }
      this.recordedRequests = value;
      return this;
    }

    public FlinksSandbox start() {
      webhookSettings(); // fails fast on invalid webhook options, before a port is bound
      return new FlinksSandbox(copy()).startServer();
    }

    private Builder copy() {
      Builder b = new Builder();
      b.host = host;
      b.port = port;
      b.customerId = customerId;
      b.secretKey = secretKey;
      b.apiKey = apiKey;
      b.webhookKey = webhookKey;
      b.webhookUrls.addAll(webhookUrls);
      b.webhookKycFirst = webhookKycFirst;
      b.webhookDeliverTwice = webhookDeliverTwice;
      b.webhookAttempts = webhookAttempts;
      b.webhookRetryInterval = webhookRetryInterval;
      b.authorizeToken = authorizeToken;
      b.apiKeyRequirement = apiKeyRequirement;
      b.processingDelay = processingDelay;
      b.tokenLifetime = tokenLifetime;
      b.sessionIdleTimeout = sessionIdleTimeout;
      b.sessionProcessingTimeout = sessionProcessingTimeout;
      b.recordedRequests = recordedRequests;
      return b;
    }
  }
}
