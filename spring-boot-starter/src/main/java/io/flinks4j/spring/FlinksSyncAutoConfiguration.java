package io.flinks4j.spring;

import io.flinks4j.sync.SyncService;
import io.flinks4j.sync.config.Settings;
import io.flinks4j.sync.config.SyncConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code flinks.sync.enabled=true} and flinks4j-sync on the class path: the sync engine as a
 * {@link SyncService} bean on the application's {@link DataSource} (its migrations run at start)
 * and {@link MeterRegistry}, stopped with the context; plus a {@code flinksSync} health contributor
 * when Spring Boot's health support is present.
 */
@AutoConfiguration(
    after = FlinksAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
    })
@ConditionalOnClass(SyncService.class)
@ConditionalOnProperty(prefix = "flinks.sync", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(FlinksProperties.class)
public class FlinksSyncAutoConfiguration {

  /**
   * The running engine. Without a MeterRegistry bean its meters are only on its own {@code
   * /metrics}.
   *
   * @throws io.flinks4j.sync.config.ConfigException for a missing or invalid setting, before the
   *     database is touched
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public SyncService flinksSyncService(
      FlinksProperties properties, DataSource dataSource, ObjectProvider<MeterRegistry> meters) {
    SyncConfig config = SyncConfig.from(Settings.of(SyncSettings.from(properties)));
    return SyncService.start(
        config, dataSource, meters.getIfAvailable(CompositeMeterRegistry::new));
  }

  /**
   * Only where the application has Spring Boot's health support (e.g. through the Actuator
   * starter).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  static class Health {

    // No @ConditionalOnBean(SyncService): a nested class is read before its outer class's beans are
    // defined; it only
    // applies when the outer class does, which defines (or finds) that bean.
    @Bean
    @ConditionalOnMissingBean(name = "flinksSyncHealthIndicator")
    FlinksSyncHealthIndicator flinksSyncHealthIndicator(SyncService service) {
      return new FlinksSyncHealthIndicator(service);
    }
  }
}
