package io.flinks4j.bench.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinks4j.client.model.Account;
import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.client.model.FlinksJson;
import io.flinks4j.client.model.Transaction;
import org.junit.jupiter.api.Test;

class DetailPayloadsTest {

  @Test
  void withTransactions_gives_every_account_exactly_the_requested_transactions() {
    AccountsDetail detail =
        FlinksJson.parseAccountsDetail(DetailPayloads.withTransactions(3, 250, 7));

    assertThat(detail.accounts()).hasSize(3);
    assertThat(detail.accounts()).allSatisfy(a -> assertThat(a.transactions()).hasSize(250));
  }

  @Test
  void payload_uses_only_fields_the_client_models_with_values_of_the_documented_types() {
    AccountsDetail detail =
        FlinksJson.parseAccountsDetail(DetailPayloads.withTransactions(5, 100, 11));

    assertThat(detail.httpStatusCode()).isEqualTo(200);
    assertThat(detail.extra()).isEmpty();
    assertThat(detail.login().lastRefresh()).isNotNull();
    for (Account account : detail.accounts()) {
      assertThat(account.extra()).isEmpty();
      assertThat(account.balance().current()).isNotNull();
      assertThat(account.holder().address().city()).isEqualTo("TOR");
      for (Transaction t : account.transactions()) {
        assertThat(t.extra()).isEmpty();
        assertThat(t.date()).isNotNull();
        assertThat(t.id()).hasSize(36);
        assertThat(t.debit() == null).isNotEqualTo(t.credit() == null);
      }
    }
  }

  @Test
  void transaction_ids_are_unique_across_the_payload() {
    AccountsDetail detail =
        FlinksJson.parseAccountsDetail(DetailPayloads.withTransactions(4, 500, 3));

    assertThat(
            detail.accounts().stream().flatMap(a -> a.transactions().stream()).map(Transaction::id))
        .hasSize(2_000)
        .doesNotHaveDuplicates();
  }

  @Test
  void ofSize_lands_within_one_percent_of_the_target() {
    assertThat(DetailPayloads.ofSize(1_000_000, 4, 1).length).isBetween(990_000, 1_010_000);
    assertThat(DetailPayloads.ofSize(100_000, 3, 1).length).isBetween(99_000, 101_000);
  }

  @Test
  void the_same_seed_gives_the_same_bytes_and_another_seed_other_bytes() {
    byte[] first = DetailPayloads.ofSize(200_000, 2, 42);

    assertThat(DetailPayloads.ofSize(200_000, 2, 42)).isEqualTo(first);
    assertThat(DetailPayloads.ofSize(200_000, 2, 43)).isNotEqualTo(first);
  }

  @Test
  void rejects_a_payload_without_accounts() {
    assertThatThrownBy(() -> DetailPayloads.withTransactions(0, 10, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
