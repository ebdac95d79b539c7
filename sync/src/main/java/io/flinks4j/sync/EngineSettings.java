package io.flinks4j.sync;

import io.flinks4j.client.polling.PollPolicy;
import io.flinks4j.sync.config.ConfigException;
import io.flinks4j.sync.config.Settings;
import io.flinks4j.sync.config.SyncConfig;
import io.flinks4j.sync.events.EventSettings;
import io.flinks4j.sync.retrieval.RetrievalSettings;
import io.flinks4j.sync.schedule.RefreshSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The engine's part of the configuration (pacing, refresh periods, outbound events, scheduler),
 * read from the same environment and file as the rest; every default is the documented Flinks value
 * or a production-safe one.
 *
 * @param retrieval poll interval and timeouts of retrievals
 * @param refresh scheduled cached reads and live refreshes
 * @param events outbound events to the lender's application
 * @param webhookRetries attempts and backoff of applying a received webhook before it is parked as
 *     a dead letter
 * @param rateLimit calls per second this instance makes to Flinks at most ({@code 0} = unlimited)
 * @param schedulerThreads retrieval steps run at once by this instance
 * @param schedulerPolling how often this instance looks for due steps
 * @param heartbeat scheduler heartbeat; a step of an instance silent for 6 heartbeats is taken over
 * @param sweepInterval how often lost tasks are re-created and the state gauges refreshed
 * @param instanceName name of this instance in the scheduler table
 * @param connectUrl Flinks Connect base for MFA relaunch URLs, when not derived from the API base
 * @param firstRetrievalDays days of transactions asked for in a login's first retrieval (90 or 365)
 * @param refreshDays days of transactions asked for afterwards (90 or 365)
 */
public record EngineSettings(
    RetrievalSettings retrieval,
    RefreshSettings refresh,
    EventSettings events,
    PollPolicy webhookRetries,
    double rateLimit,
    int schedulerThreads,
    Duration schedulerPolling,
    Duration heartbeat,
    Duration sweepInterval,
    Optional<String> instanceName,
    Optional<String> connectUrl,
    int firstRetrievalDays,
    int refreshDays) {

  /** Wait between two Async polls; default 10s. */
  public static final String POLL_INTERVAL = "FLINKS4J_POLL_INTERVAL";

  /** A retrieval gives up after (transient failures and polling included); default 30m. */
  public static final String POLL_TIMEOUT = "FLINKS4J_POLL_TIMEOUT";

  /** An unanswered MFA expires after; default 8m. */
  public static final String MFA_TIMEOUT = "FLINKS4J_MFA_TIMEOUT";

  /**
   * First backoff after a transient failure (doubles with each one in a row, half jitter); default
   * 10s.
   */
  public static final String RETRY_BASE = "FLINKS4J_RETRY_BASE";

  /** Longest backoff between two attempts of a retrieval; default 5m. */
  public static final String RETRY_CAP = "FLINKS4J_RETRY_CAP";

  /**
   * After retrievals of a login time out on transient failures, when it is retried on its own;
   * default 5m,15m,1h.
   */
  public static final String RECOVERY_DELAYS = "FLINKS4J_RECOVERY_DELAYS";

  /**
   * {@code poll} (default): poll every interval; {@code primary}: live retrievals wait for Flinks's
   * webhook.
   */
  public static final String WEBHOOKS = "FLINKS4J_WEBHOOKS";

  /**
   * With webhooks primary: fallback polls after the first 202 of a live retrieval; default
   * 1m,5m,15m.
   */
  public static final String WEBHOOK_FALLBACK_POLLS = "FLINKS4J_WEBHOOK_FALLBACK_POLLS";

  /** Period of scheduled cached reads per login; default 24h, 0 = off. */
  public static final String CACHED_REFRESH = "FLINKS4J_CACHED_REFRESH";

  /** Period of scheduled live refreshes per login; default 7d, 0 = off. */
  public static final String LIVE_REFRESH = "FLINKS4J_LIVE_REFRESH";

  /** How often due refreshes are looked for; default 30s. */
  public static final String REFRESH_TICK = "FLINKS4J_REFRESH_TICK";

  /** Calls per second to Flinks, per instance; default 20, 0 = unlimited. */
  public static final String RATE_LIMIT = "FLINKS4J_RATE_LIMIT";

  /** Lender endpoint for outbound events; unset = no events. */
  public static final String EVENTS_URL = "FLINKS4J_EVENTS_URL";

  /** HMAC secret for outbound events (required with an events URL). */
  public static final String EVENTS_SECRET = "FLINKS4J_EVENTS_SECRET";

  /** Delivery attempts per event; default 12. */
  public static final String EVENTS_MAX_ATTEMPTS = "FLINKS4J_EVENTS_MAX_ATTEMPTS";

  /**
   * First retry delay of an event delivery (doubles each time, half jitter, capped at 1h); default
   * 5s.
   */
  public static final String EVENTS_RETRY_BASE = "FLINKS4J_EVENTS_RETRY_BASE";

  /**
   * Attempts to apply a received webhook before it is parked as a dead letter (see
   * /v1/dead-letters); default 10.
   */
  public static final String WEBHOOK_MAX_ATTEMPTS = "FLINKS4J_WEBHOOK_MAX_ATTEMPTS";

  /**
   * First retry delay of a failed webhook apply (doubles each time, half jitter, capped at 1h);
   * default 5s.
   */
  public static final String WEBHOOK_RETRY_BASE = "FLINKS4J_WEBHOOK_RETRY_BASE";

  /**
   * Steps run at once by this instance (virtual threads, mostly waiting on Flinks); default 256.
   */
  public static final String SCHEDULER_THREADS = "FLINKS4J_SCHEDULER_THREADS";

  /** How often due steps are looked for (also how soon a new retrieval starts); default 100ms. */
  public static final String SCHEDULER_POLLING = "FLINKS4J_SCHEDULER_POLLING";

  /** Scheduler heartbeat; default 30s. */
  public static final String HEARTBEAT = "FLINKS4J_HEARTBEAT";

  /** Recovery sweep period; default 30s. */
  public static final String SWEEP_INTERVAL = "FLINKS4J_SWEEP_INTERVAL";

  /** This instance's name in the scheduler table; default host name + pid. */
  public static final String INSTANCE_NAME = "FLINKS4J_INSTANCE_NAME";

  /** Flinks Connect base for relaunch URLs; default derived from FLINKS_BASE_URL. */
  public static final String CONNECT_URL = "FLINKS_CONNECT_URL";

  /**
   * Days of transactions of a login's first retrieval, unless the login sets its own: 90 or 365;
   * default 365.
   */
  public static final String FIRST_RETRIEVAL_DAYS = "FLINKS4J_FIRST_RETRIEVAL_DAYS";

  /**
   * Days of transactions of a login's later retrievals, unless the login sets its own: 90 or 365;
   * default 90.
   */
  public static final String REFRESH_DAYS = "FLINKS4J_REFRESH_DAYS";

  /** Reads and validates the engine keys. @throws ConfigException naming the first bad key */
  public static EngineSettings from(Settings settings) {
    RetrievalSettings defaults = RetrievalSettings.defaults();
    Duration retryBase = positive(settings, RETRY_BASE, defaults.retryBase());
    Duration retryCap = positive(settings, RETRY_CAP, defaults.retryCap());
    if (retryCap.compareTo(retryBase) < 0) {
      throw new ConfigException(RETRY_CAP + " must not be shorter than " + RETRY_BASE);
    }
    RetrievalSettings retrieval =
        RetrievalSettings.builder()
            .pollInterval(positive(settings, POLL_INTERVAL, defaults.pollInterval()))
            .pollTimeout(positive(settings, POLL_TIMEOUT, defaults.pollTimeout()))
            .mfaTimeout(positive(settings, MFA_TIMEOUT, defaults.mfaTimeout()))
            .retryBase(retryBase)
            .retryCap(retryCap)
            .answerGrace(defaults.answerGrace())
            .recoveryDelays(durations(settings, RECOVERY_DELAYS, defaults.recoveryDelays()))
            .webhookFallbackPolls(webhookFallbackPolls(settings))
            .build();
    RefreshSettings refreshDefaults = RefreshSettings.defaults();
    RefreshSettings refresh =
        new RefreshSettings(
            settings.duration(CACHED_REFRESH, refreshDefaults.cachedPeriod()),
            settings.duration(LIVE_REFRESH, refreshDefaults.livePeriod()),
            positive(settings, REFRESH_TICK, refreshDefaults.tick()),
            refreshDefaults.batch());
    EventSettings events =
        settings
            .get(EVENTS_URL)
            .map(url ->
                EventSettings.to(
                        uri(url),
                        settings
                            .get(EVENTS_SECRET)
                            .orElseThrow(() ->
                                new ConfigException(
                                    EVENTS_SECRET + " is required with " + EVENTS_URL)))
                    .withRetries(
                        settings.integer(EVENTS_MAX_ATTEMPTS, 12, 1, 100),
                        positive(settings, EVENTS_RETRY_BASE, Duration.ofSeconds(5)),
                        Duration.ofHours(1)))
            .orElse(EventSettings.disabled());
    PollPolicy webhookRetries =
        PollPolicy.builder()
            .exponential(
                positive(settings, WEBHOOK_RETRY_BASE, Duration.ofSeconds(5)), Duration.ofHours(1))
            .jitter(0.5)
            .noTimeout()
            .maxAttempts(settings.integer(WEBHOOK_MAX_ATTEMPTS, 10, 1, 100))
            .build();
    return EngineSettings.builder()
        .retrieval(retrieval)
        .refresh(refresh)
        .events(events)
        .webhookRetries(webhookRetries)
        .rateLimit(settings.integer(RATE_LIMIT, 20, 0, 100_000))
        .schedulerThreads(settings.integer(SCHEDULER_THREADS, 256, 1, 10_000))
        .schedulerPolling(positive(settings, SCHEDULER_POLLING, Duration.ofMillis(100)))
        .heartbeat(positive(settings, HEARTBEAT, Duration.ofSeconds(30)))
        .sweepInterval(positive(settings, SWEEP_INTERVAL, Duration.ofSeconds(30)))
        .instanceName(settings.get(INSTANCE_NAME))
        .connectUrl(settings.get(CONNECT_URL))
        .firstRetrievalDays(days(settings, FIRST_RETRIEVAL_DAYS, 90))
        .refreshDays(days(settings, REFRESH_DAYS, 90))
        .build();
  }

  private static int days(Settings settings, String key, int fallback) {
    int days = settings.integer(key, fallback, 90, 365);
    if (days != 90 && days != 365) {
      throw new ConfigException(
          key + " must be 90 or 365 (the days of transactions Flinks offers)");
    }
    return days;
  }

  private static Duration positive(Settings settings, String key, Duration fallback) {
    Duration value = settings.duration(key, fallback);
    if (value.isZero()) {
      throw new ConfigException(key + " must be positive");
    }
    return value;
  }

  private static List<Duration> webhookFallbackPolls(Settings settings) {
    String mode = settings.get(WEBHOOKS, "poll");
    return switch (mode) {
      case "poll" -> List.of();
      case "primary" -> {
        if (settings.get(SyncConfig.WEBHOOK_KEY).isEmpty()) {
          throw new ConfigException(
              WEBHOOKS
                  + "=primary needs "
                  + SyncConfig.WEBHOOK_KEY
                  + " (and Flinks set up to deliver webhooks to /webhooks/flinks)");
        }
        List<Duration> polls =
            durations(
                settings,
                WEBHOOK_FALLBACK_POLLS,
                List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15)));
        if (polls.isEmpty()) {
          throw new ConfigException(
              WEBHOOK_FALLBACK_POLLS + " needs at least one poll, so a lost webhook is noticed");
        }
        yield polls;
      }
      default -> throw new ConfigException(WEBHOOKS + " must be poll or primary");
    };
  }

  /** Durations separated by commas ({@code 5m,15m,1h}); zeros dropped, so {@code 0} means none. */
  private static List<Duration> durations(Settings settings, String key, List<Duration> fallback) {
    if (settings.get(key).isEmpty()) {
      return fallback;
    }
    List<Duration> delays = new ArrayList<>();
    for (String item : settings.list(key)) {
      Duration delay;
      try {
        delay = Settings.parseDuration(item);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key + " must be durations separated by commas, e.g. 5m,15m,1h");
      }
      if (!delay.isZero()) {
        delays.add(delay);
      }
    }
    return delays;
  }

  private static URI uri(String raw) {
    try {
      URI uri = new URI(raw);
      if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
        throw new ConfigException(EVENTS_URL + " must be an http(s) URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(EVENTS_URL + " is not a valid URL");
    }
  }

  /** A builder with every field unset (null, or the type's zero). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sets the fields of a {@link EngineSettings} by name, so two of the same type cannot be swapped.
   */
  public static final class Builder {
    private RetrievalSettings retrieval;
    private RefreshSettings refresh;
    private EventSettings events;
    private PollPolicy webhookRetries;
    private double rateLimit;
    private int schedulerThreads;
    private Duration schedulerPolling;
    private Duration heartbeat;
    private Duration sweepInterval;
    private Optional<String> instanceName;
    private Optional<String> connectUrl;
    private int firstRetrievalDays;
    private int refreshDays;

    private Builder() {}

    public Builder retrieval(RetrievalSettings retrieval) {
      this.retrieval = retrieval;
      return this;
    }

    public Builder refresh(RefreshSettings refresh) {
      this.refresh = refresh;
      return this;
    }

    public Builder events(EventSettings events) {
      this.events = events;
      return this;
    }

    public Builder webhookRetries(PollPolicy webhookRetries) {
      this.webhookRetries = webhookRetries;
      return this;
    }

    public Builder rateLimit(double rateLimit) {
      this.rateLimit = rateLimit;
      return this;
    }

    public Builder schedulerThreads(int schedulerThreads) {
      this.schedulerThreads = schedulerThreads;
      return this;
    }

    public Builder schedulerPolling(Duration schedulerPolling) {
      this.schedulerPolling = schedulerPolling;
      return this;
    }

    public Builder heartbeat(Duration heartbeat) {
      this.heartbeat = heartbeat;
      return this;
    }

    public Builder sweepInterval(Duration sweepInterval) {
      this.sweepInterval = sweepInterval;
      return this;
    }

    public Builder instanceName(Optional<String> instanceName) {
      this.instanceName = instanceName;
      return this;
    }

    public Builder connectUrl(Optional<String> connectUrl) {
      this.connectUrl = connectUrl;
      return this;
    }

    public Builder firstRetrievalDays(int firstRetrievalDays) {
      this.firstRetrievalDays = firstRetrievalDays;
      return this;
    }

    public Builder refreshDays(int refreshDays) {
      this.refreshDays = refreshDays;
      return this;
    }

    public EngineSettings build() {
      return new EngineSettings(
          retrieval,
          refresh,
          events,
          webhookRetries,
          rateLimit,
          schedulerThreads,
          schedulerPolling,
          heartbeat,
          sweepInterval,
          instanceName,
          connectUrl,
          firstRetrievalDays,
          refreshDays);
    }
  }
}
