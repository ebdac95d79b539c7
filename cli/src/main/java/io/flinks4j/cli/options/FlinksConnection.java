package io.flinks4j.cli.options;

import io.flinks4j.client.FlinksClient;
import io.flinks4j.sync.config.SyncConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where Flinks is and the credentials to use, shared by every command that talks to Flinks; each
 * option falls back to its {@code FLINKS_*} environment variable.
 */
public final class FlinksConnection {
  @Env(SyncConfig.FLINKS_BASE_URL)
  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description =
          "Flinks instance API root, e.g. https://toolbox-api.private.fin.ag (env FLINKS_BASE_URL).")
  private String baseUrl;

  @Env(SyncConfig.FLINKS_CUSTOMER_ID)
  @Option(
      names = "--customer-id",
      paramLabel = "ID",
      description = "Flinks customer id (env FLINKS_CUSTOMER_ID).")
  private String customerId;

  @Env(SyncConfig.FLINKS_SECRET_KEY)
  @Option(
      names = "--secret-key",
      paramLabel = "KEY",
      description =
          "Flinks secret key, sent only to /GenerateAuthorizeToken (env FLINKS_SECRET_KEY).")
  private String secretKey;

  @Env(SyncConfig.FLINKS_API_KEY)
  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description =
          "Flinks x-api-key for data endpoints; omit on instances without it (env FLINKS_API_KEY).")
  private String apiKey;

  /**
   * The required settings that are missing, each as {@code "--option (or environment variable
   * NAME)"}, so a user learns all of them from one run.
   */
  public List<String> missing() {
    List<String> missing = new ArrayList<>();
    addIfMissing(missing, baseUrl, "--base-url", "FLINKS_BASE_URL");
    addIfMissing(missing, customerId, "--customer-id", "FLINKS_CUSTOMER_ID");
    addIfMissing(missing, secretKey, "--secret-key", "FLINKS_SECRET_KEY");
    return missing;
  }

  /** Whether an x-api-key was given (Flinks instances without one accept data calls without it). */
  public boolean hasApiKey() {
    return apiKey != null && !apiKey.isBlank();
  }

  /**
   * A client builder for these settings.
   *
   * @throws UsageException when a required setting is missing or malformed
   */
  public FlinksClient.Builder clientBuilder(Duration pollInterval, Duration pollTimeout) {
    List<String> missing = missing();
    if (!missing.isEmpty()) {
      throw new UsageException(missingMessage(missing));
    }
    try {
      FlinksClient.Builder builder =
          FlinksClient.builder()
              .baseUrl(baseUrl)
              .customerId(customerId)
              .secretKey(secretKey)
              .pollInterval(pollInterval)
              .pollTimeout(pollTimeout);
      if (hasApiKey()) {
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

  /** One message naming every missing setting, one per line. */
  public static String missingMessage(List<String> missing) {
    return "missing "
        + missing.size()
        + " required setting"
        + (missing.size() == 1 ? "" : "s")
        + ":\n  "
        + String.join("\n  ", missing);
  }

  private static void addIfMissing(
      List<String> missing, String value, String option, String variable) {
    if (value == null || value.isBlank()) {
      missing.add(option + " (or environment variable " + variable + ")");
    }
  }
}
