package io.flinks4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.client.FlinksClient;
import io.flinks4j.sync.SyncService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class FlinksAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  FlinksAutoConfiguration.class, FlinksSyncAutoConfiguration.class));

  @Test
  void missing_credentials_stop_the_start_naming_every_missing_property() {
    runner
        .withPropertyValues("flinks.base-url=http://127.0.0.1:1")
        .run(context ->
            assertThat(context)
                .getFailure()
                .rootCause()
                .hasMessageContaining("flinks.customer-id, flinks.secret-key")
                .hasMessageNotContaining("flinks.base-url"));
  }

  @Test
  void an_applications_own_client_replaces_the_auto_configured_one() {
    runner
        .withUserConfiguration(OwnClient.class)
        .run(context ->
            assertThat(context)
                .hasSingleBean(FlinksClient.class)
                .getBean(FlinksClient.class)
                .isSameAs(context.getBean(OwnClient.class).client));
  }

  @Test
  void without_flinks4j_sync_on_the_class_path_the_engine_is_skipped_and_the_client_still_made() {
    runner
        .withClassLoader(new FilteredClassLoader(SyncService.class))
        .withPropertyValues(
            "flinks.base-url=http://127.0.0.1:1",
            "flinks.customer-id=c",
            "flinks.secret-key=s",
            "flinks.sync.enabled=true")
        .run(context ->
            assertThat(context)
                .hasNotFailed()
                .hasSingleBean(FlinksClient.class)
                .doesNotHaveBean("flinksSyncService"));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnClient {
    final FlinksClient client =
        FlinksClient.builder().baseUrl("http://127.0.0.1:1").customerId("c").secretKey("s").build();

    @Bean
    FlinksClient myFlinksClient() {
      return client;
    }
  }
}
