package io.flinks4j.spring;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code flinks.*} properties: the Flinks instance and credentials of the auto-configured
 * {@link io.flinks4j.client.FlinksClient}, and under {@code flinks.sync} the embedded sync engine.
 * Defaults are the documented Flinks values, the same as {@code FlinksClient.builder()}'s.
 */
@ConfigurationProperties(prefix = "flinks")
public class FlinksProperties {

  /**
   * Flinks instance API root, e.g. https://toolbox-api.private.fin.ag (the client appends /v3/...).
   */
  private URI baseUrl;

  /** Customer id (GUID) Flinks issued. */
  private String customerId;

  /** Secret key; mints authorize tokens. */
  private String secretKey;

  /** x-api-key for the data endpoints; leave empty where the instance does not require one. */
  private String apiKey;

  /**
   * Flinks Connect base for MFA relaunch URLs; default derived from the base URL (-api. becomes
   * -iframe.).
   */
  private String connectUrl;

  /** Shared secret Flinks signs webhooks with (checked by the sync engine's webhook route). */
  private String webhookKey;

  /** TCP connect timeout. */
  private Duration connectTimeout = Duration.ofSeconds(10);

  /** Timeout of one HTTP exchange; above Flinks' 210 s synchronous limit. */
  private Duration requestTimeout = Duration.ofMinutes(4);

  /** Wait between two Async polls after a 202 (client and sync engine). */
  private Duration pollInterval = Duration.ofSeconds(10);

  /** Total polling budget of one retrieval (client and sync engine). */
  private Duration pollTimeout = Duration.ofMinutes(30);

  /**
   * Retries of a failed call (408, 429, 5xx, network errors) by the client; the sync engine
   * schedules its own.
   */
  private int maxRetries = 3;

  private final Sync sync = new Sync();

  /** {@code flinks.sync.*}: the sync engine on the application's DataSource. */
  public static class Sync {

    /**
     * Runs the sync engine (retrievals, refresh schedule, webhooks, REST API) on the application's
     * DataSource.
     */
    private boolean enabled = false;

    /**
     * Base64 of 32 random bytes; encrypts loginIds at rest; the same on every instance. Required.
     */
    private String encryptionKey;

    /**
     * Bearer keys accepted by the engine's REST API, each name:scope:key or a plain key (24
     * characters or more).
     */
    private List<String> apiKeys = new ArrayList<>();

    /** Interface the engine's REST API (and Flinks webhook route) listens on. */
    private String host = "127.0.0.1";

    /** Port of the engine's REST API, beside the application's own server; 0 picks a free one. */
    private int port = 8081;

    /**
     * Any other sync setting, named as its FLINKS4J_ key in kebab case without the prefix: {@code
     * flinks.sync.settings.live-refresh=24h} is FLINKS4J_LIVE_REFRESH (sync/README.md lists them).
     * Unknown names stop the start with a suggestion.
     */
    private Map<String, String> settings = new LinkedHashMap<>();

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getEncryptionKey() {
      return encryptionKey;
    }

    public void setEncryptionKey(String encryptionKey) {
      this.encryptionKey = encryptionKey;
    }

    public List<String> getApiKeys() {
      return apiKeys;
    }

    public void setApiKeys(List<String> apiKeys) {
      this.apiKeys = apiKeys;
    }

    public String getHost() {
      return host;
    }

    public void setHost(String host) {
      this.host = host;
    }

    public int getPort() {
      return port;
    }

    public void setPort(int port) {
      this.port = port;
    }

    public Map<String, String> getSettings() {
      return settings;
    }

    public void setSettings(Map<String, String> settings) {
      this.settings = settings;
    }
  }

  public URI getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(URI baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String getCustomerId() {
    return customerId;
  }

  public void setCustomerId(String customerId) {
    this.customerId = customerId;
  }

  public String getSecretKey() {
    return secretKey;
  }

  public void setSecretKey(String secretKey) {
    this.secretKey = secretKey;
  }

  public String getApiKey() {
    return apiKey;
  }

  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  public String getConnectUrl() {
    return connectUrl;
  }

  public void setConnectUrl(String connectUrl) {
    this.connectUrl = connectUrl;
  }

  public String getWebhookKey() {
    return webhookKey;
  }

  public void setWebhookKey(String webhookKey) {
    this.webhookKey = webhookKey;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  public void setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  public Duration getPollInterval() {
    return pollInterval;
  }

  public void setPollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  public Duration getPollTimeout() {
    return pollTimeout;
  }

  public void setPollTimeout(Duration pollTimeout) {
    this.pollTimeout = pollTimeout;
  }

  public int getMaxRetries() {
    return maxRetries;
  }

  public void setMaxRetries(int maxRetries) {
    this.maxRetries = maxRetries;
  }

  public Sync getSync() {
    return sync;
  }

  /** Never the values: several are secrets. */
  @Override
  public String toString() {
    return "FlinksProperties[baseUrl=" + baseUrl + ", sync.enabled=" + sync.enabled + "]";
  }
}
