package io.flinks4j.spring;

import io.flinks4j.client.FlinksClient;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A {@link FlinksClient} bean built from the {@code flinks.*} properties, shared by the whole
 * application (it is thread-safe) and closed with the context. An application's own {@code
 * FlinksClient} bean replaces it.
 */
@AutoConfiguration
@EnableConfigurationProperties(FlinksProperties.class)
public class FlinksAutoConfiguration {

  /**
   * The client.
   *
   * @throws IllegalStateException naming every missing required property
   */
  @Bean
  @ConditionalOnMissingBean
  public FlinksClient flinksClient(FlinksProperties properties) {
    List<String> missing = new ArrayList<>();
    if (properties.getBaseUrl() == null) {
      missing.add("flinks.base-url");
    }
    if (isBlank(properties.getCustomerId())) {
      missing.add("flinks.customer-id");
    }
    if (isBlank(properties.getSecretKey())) {
      missing.add("flinks.secret-key");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "flinks4j needs "
              + String.join(", ", missing)
              + " (set them in application.properties or the environment, e.g. FLINKS_BASE_URL)");
    }
    FlinksClient.Builder builder =
        FlinksClient.builder()
            .baseUrl(properties.getBaseUrl())
            .customerId(properties.getCustomerId())
            .secretKey(properties.getSecretKey())
            .connectTimeout(properties.getConnectTimeout())
            .requestTimeout(properties.getRequestTimeout())
            .pollInterval(properties.getPollInterval())
            .pollTimeout(properties.getPollTimeout())
            .maxRetries(properties.getMaxRetries());
    if (!isBlank(properties.getApiKey())) {
      builder.apiKey(properties.getApiKey());
    }
    if (!isBlank(properties.getConnectUrl())) {
      builder.connectUrl(properties.getConnectUrl());
    }
    return builder.build();
  }

  static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
