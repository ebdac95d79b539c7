package io.flinks4j.spring.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.client.FlinksClient;
import io.flinks4j.sync.SyncService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest
class SampleApplicationTest {

  @DynamicPropertySource
  static void flinks(DynamicPropertyRegistry registry) {
    Sandbox.properties(registry);
  }

  @Autowired BankAccounts accounts;
  @Autowired FlinksClient client;
  @Autowired ApplicationContext context;

  @Test
  void retrieves_a_login_through_the_injected_client() {
    String loginId = Sandbox.FLINKS.login("Greatday").loginId();

    assertThat(accounts.accountIds(loginId))
        .isNotEmpty()
        .hasSize(Sandbox.FLINKS.groundTruth(loginId).accounts());
  }

  @Test
  void the_client_follows_the_properties_and_the_engine_stays_off_unless_enabled() {
    assertThat(client.toString())
        .contains(Sandbox.FLINKS.baseUrl())
        .doesNotContain(Sandbox.FLINKS.secretKey());
    assertThat(context.getBeanNamesForType(SyncService.class)).isEmpty();
  }
}
