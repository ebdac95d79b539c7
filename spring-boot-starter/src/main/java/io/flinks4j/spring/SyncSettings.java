package io.flinks4j.spring;

import io.flinks4j.sync.EngineSettings;
import io.flinks4j.sync.config.SyncConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code flinks.*} properties as the sync engine's settings ({@code FLINKS_*} and {@code
 * FLINKS4J_*} keys).
 */
final class SyncSettings {

  private SyncSettings() {}

  static Map<String, String> from(FlinksProperties properties) {
    FlinksProperties.Sync sync = properties.getSync();
    Map<String, String> settings = new LinkedHashMap<>();
    // Free-form keys first, so the typed properties below win over a duplicate spelled there.
    sync.getSettings().forEach((name, value) -> settings.put("flinks4j." + name, value));
    put(
        settings,
        SyncConfig.FLINKS_BASE_URL,
        properties.getBaseUrl() == null ? null : properties.getBaseUrl().toString());
    put(settings, SyncConfig.FLINKS_CUSTOMER_ID, properties.getCustomerId());
    put(settings, SyncConfig.FLINKS_SECRET_KEY, properties.getSecretKey());
    put(settings, SyncConfig.FLINKS_API_KEY, properties.getApiKey());
    put(settings, EngineSettings.CONNECT_URL, properties.getConnectUrl());
    put(settings, SyncConfig.WEBHOOK_KEY, properties.getWebhookKey());
    put(settings, EngineSettings.POLL_INTERVAL, millis(properties.getPollInterval()));
    put(settings, EngineSettings.POLL_TIMEOUT, millis(properties.getPollTimeout()));
    put(settings, SyncConfig.ENCRYPTION_KEY, sync.getEncryptionKey());
    put(
        settings,
        SyncConfig.API_KEYS,
        sync.getApiKeys().isEmpty() ? null : String.join(",", sync.getApiKeys()));
    put(settings, SyncConfig.HOST, sync.getHost());
    put(settings, SyncConfig.PORT, Integer.toString(sync.getPort()));
    return settings;
  }

  private static void put(Map<String, String> settings, String key, String value) {
    if (value != null && !value.isBlank()) {
      settings.put(key, value);
    }
  }

  private static String millis(Duration duration) {
    return duration == null ? null : duration.toMillis() + "ms";
  }
}
