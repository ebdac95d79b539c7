package io.flinks4j.sandbox.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DataGeneratorTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

  private static DataGenerator.Spec spec(
      long seed, int accounts, int volume, LocalDate... versions) {
    return new DataGenerator.Spec(seed, accounts, volume, TODAY.minusDays(364), List.of(versions));
  }

  @Test
  void same_seed_generates_identical_data() {
    Portfolio a = DataGenerator.generate(spec(42, 4, 2_000, TODAY));
    Portfolio b = DataGenerator.generate(spec(42, 4, 2_000, TODAY));
    assertThat(a).isEqualTo(b);
  }

  @Test
  void different_seeds_generate_different_data() {
    Portfolio a = DataGenerator.generate(spec(1, 4, 2_000, TODAY));
    Portfolio b = DataGenerator.generate(spec(2, 4, 2_000, TODAY));
    assertThat(a.accounts().getFirst().id()).isNotEqualTo(b.accounts().getFirst().id());
    assertThat(a.holder()).isNotEqualTo(b.holder());
  }

  @Test
  void every_running_balance_is_the_previous_balance_plus_the_amount() {
    Portfolio p = DataGenerator.generate(spec(7, 6, 5_000, TODAY));
    for (Account account : p.accounts()) {
      long balance = account.openingBalanceCents();
      for (Transaction t : account.transactions()) {
        balance += t.amountCents();
        assertThat(t.balanceCents()).as("balance after %s", t.id()).isEqualTo(balance);
      }
      assertThat(account.currentCents()).isEqualTo(balance);
    }
  }

  @Test
  void chequing_receives_biweekly_payroll_and_pays_rent_and_subscriptions_every_month() {
    Account chequing = DataGenerator.generate(spec(3, 4, 2_000, TODAY)).accounts().getFirst();
    List<Transaction> payroll =
        chequing.transactions().stream()
            .filter(t -> t.description().startsWith("PAYROLL"))
            .toList();
    assertThat(payroll).hasSizeBetween(25, 27).allMatch(t -> t.amountCents() > 0);
    assertThat(payroll.get(1).date().toEpochDay() - payroll.get(0).date().toEpochDay())
        .isEqualTo(14);
    assertThat(
            chequing.transactions().stream()
                .filter(t -> t.description().startsWith("PREAUTHORIZED DEBIT")))
        .hasSizeBetween(12, 13)
        .allMatch(t -> t.date().getDayOfMonth() == 1 && t.amountCents() < 0);
    assertThat(chequing.transactions().stream().filter(t -> t.description().equals("NETFLIX.COM")))
        .hasSizeBetween(12, 13)
        .allMatch(t -> t.amountCents() == -1699);
  }

  @Test
  void credit_card_payments_appear_on_both_accounts_with_the_same_amount() {
    Portfolio p = DataGenerator.generate(spec(5, 4, 2_000, TODAY));
    Account card = p.accounts().get(2);
    assertThat(card.kind()).isEqualTo(AccountKind.CREDIT_CARD);
    Set<String> fromChequing =
        p.accounts().getFirst().transactions().stream()
            .filter(t -> t.description().startsWith("ONLINE BANKING PAYMENT"))
            .map(t -> t.date() + "/" + (-t.amountCents()))
            .collect(Collectors.toSet());
    Set<String> onCard =
        card.transactions().stream()
            .filter(t -> t.description().equals("PAYMENT - THANK YOU"))
            .map(t -> t.date() + "/" + t.amountCents())
            .collect(Collectors.toSet());
    assertThat(onCard).isNotEmpty().isEqualTo(fromChequing);
  }

  @Test
  void accounts_cover_chequing_savings_credit_card_and_line_of_credit() {
    Portfolio p = DataGenerator.generate(spec(9, 4, 2_000, TODAY));
    assertThat(p.accounts())
        .extracting(Account::kind)
        .containsExactly(
            AccountKind.CHEQUING,
            AccountKind.SAVINGS,
            AccountKind.CREDIT_CARD,
            AccountKind.LINE_OF_CREDIT);
    assertThat(p.accounts())
        .allMatch(a -> a.accountNumber().length() == 7 && a.transitNumber().length() == 5);
    assertThat(p.holder().address().postalCode()).matches("[A-Z]\\d[A-Z] \\d[A-Z]\\d");
  }

  @Test
  void volume_is_close_to_the_target_up_to_one_hundred_thousand() {
    Portfolio p = DataGenerator.generate(spec(11, 4, 100_000, TODAY));
    int total = p.transactionCount(365);
    assertThat(total).isBetween(95_000, 102_000);
    assertThat(p.transactionCount(90)).isLessThan(total / 3);
  }

  @Test
  void a_refresh_appends_new_transactions_and_keeps_the_earlier_ones_unchanged() {
    Portfolio before = DataGenerator.generate(spec(13, 4, 2_000, TODAY));
    Portfolio sameDay = DataGenerator.generate(spec(13, 4, 2_000, TODAY, TODAY));
    Portfolio later = DataGenerator.generate(spec(13, 4, 2_000, TODAY, TODAY, TODAY.plusDays(3)));
    for (int i = 0; i < before.accounts().size(); i++) {
      List<Transaction> old = before.accounts().get(i).transactions();
      assertThat(sameDay.accounts().get(i).transactions())
          .startsWith(old.toArray(Transaction[]::new));
      assertThat(later.accounts().get(i).transactions())
          .startsWith(old.toArray(Transaction[]::new));
    }
    assertThat(sameDay.accounts().getFirst().transactions())
        .hasSizeGreaterThan(before.accounts().getFirst().transactions().size());
    assertThat(later.dataDate()).isEqualTo(TODAY.plusDays(3));
    assertThat(later.transactionCount(400)).isGreaterThan(sameDay.transactionCount(400));
  }

  @Test
  void transaction_ids_are_unique() {
    Portfolio p = DataGenerator.generate(spec(17, 5, 20_000, TODAY, TODAY.plusDays(1)));
    List<String> ids =
        p.accounts().stream().flatMap(a -> a.transactions().stream()).map(Transaction::id).toList();
    assertThat(ids).doesNotHaveDuplicates();
  }
}
