package io.flinks4j.cli.options;

import io.flinks4j.client.FlinksClient;
import io.flinks4j.sync.config.SyncConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Where Flinks is and the credentials to use, shared by every command that talks to Flinks; each option falls back
 * to its {@code FLINKS_*} environment variable.
 */
public final class FlinksConnection {
  @Env(SyncConfig.FLINKS_BASE_URL)
  @Option(names = "--base-url", paramLabel = "URL",
      description = "Flinks instance API root, e.g. https://toolbox-api.private.fin.ag (env FLINKS_BASE_URL).")
  private String baseUrl;

  @Env(SyncConfig.FLINKS_CUSTOMER_ID)
  @Option(names = "--customer-id", paramLabel = "ID", description = "Flinks customer id (env FLINKS_CUSTOMER_ID).")
  private String customerId;

  @Env(SyncConfig.FLINKS_SECRET_KEY)
  @Option(names = "--secret-key", paramLabel = "KEY",
      description = "Flinks secret key, sent only to /GenerateAuthorizeToken (env FLINKS_SECRET_KEY).")
  private String secretKey;

  @Env(SyncConfig.FLINKS_API_KEY)
  @Option(names = "--api-key", paramLabel = "KEY",
      description = "Flinks x-api-key for data endpoints; omit on instances without it (env FLINKS_API_KEY).")
  private String apiKey;

  /**
   * A client builder for these settings.
   *
   * @throws UsageException when a required setting is missing or malformed
   */
  public FlinksClient.Builder clientBuilder(Duration pollInterval, Duration pollTimeout) {
    require(baseUrl, "--base-url", "FLINKS_BASE_URL");
    require(customerId, "--customer-id", "FLINKS_CUSTOMER_ID");
    require(secretKey, "--secret-key", "FLINKS_SECRET_KEY");
    try {
      FlinksClient.Builder builder = FlinksClient.builder()
          .baseUrl(baseUrl)
          .customerId(customerId)
          .secretKey(secretKey)
          .pollInterval(pollInterval)
          .pollTimeout(pollTimeout);
      if (apiKey != null && !apiKey.isBlank()) {
        builder.apiKey(apiKey);
      }
      return builder;
    } catch (IllegalArgumentException e) {
      throw new UsageException("Invalid value for --base-url: " + e.getMessage());
    }
  }

  /** The credentials given, to scrub from anything printed. */
  public Secrets secrets() {
    return Secrets.of(secretKey, apiKey);
  }

  private void require(String value, String option, String variable) {
    if (value == null || value.isBlank()) {
      throw new UsageException("Missing " + option + " (or environment variable " + variable + ")");
    }
  }
}
