package io.flinks4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.client.DetailOptions;
import io.flinks4j.client.FlinksClient;
import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.sandbox.FlinksSandbox;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@FlinksSandboxTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinksSandboxTestTest {

  FlinksClient flinks;
  FlinksSandbox sandbox;

  @Test
  @Order(1)
  void the_injected_client_retrieves_a_sandbox_login() {
    String loginId = sandbox.login("Greatday").loginId();

    AccountsDetail detail = flinks.retrieve(loginId, DetailOptions.defaults());

    assertThat(detail.accounts()).hasSize(sandbox.groundTruth(loginId).accounts());
    assertThat(sandbox.requests()).isNotEmpty();
  }

  @Test
  void parameters_get_the_same_client_and_sandbox_as_the_fields(
      FlinksClient client, FlinksSandbox same) {
    assertThat(client).isSameAs(flinks);
    assertThat(same).isSameAs(sandbox);
    assertThat(client.toString()).contains(sandbox.baseUrl());
  }

  @Test
  @Order(2)
  void each_test_starts_on_a_reset_sandbox() {
    assertThat(sandbox.requests()).as("the first test's requests").isEmpty();
  }
}
