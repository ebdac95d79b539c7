package io.flinks4j.sandbox.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The corrections a bank makes to recent history at a live refresh ({@code
 * Behaviour.REVISES_TRANSACTIONS}): per account and refresh, one transaction of the 29 days before
 * the previous data date gets a new description (a pending purchase posted under the merchant's
 * full name) and another vanishes (a pending one that never posted). Deterministic from the seed
 * and the refresh number; the balances the bank reported after them stay as they were.
 */
public final class Revisions {

  /**
   * Days before the previous data date a revised transaction may lie: inside every window Flinks
   * serves.
   */
  static final int DAYS = 29;

  private Revisions() {}

  /**
   * {@code portfolio} with the revisions of refreshes 1 to the last of {@code versionDates}
   * applied.
   */
  public static Portfolio apply(Portfolio portfolio, long seed, List<LocalDate> versionDates) {
    List<Account> accounts = new ArrayList<>(portfolio.accounts());
    List<String> modified = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    Set<String> touched = new HashSet<>();
    for (int refresh = 1; refresh < versionDates.size(); refresh++) {
      LocalDate previous = versionDates.get(refresh - 1);
      for (int index = 0; index < accounts.size(); index++) {
        Account account = accounts.get(index);
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < account.transactions().size(); i++) {
          Transaction t = account.transactions().get(i);
          if (t.date().isBefore(previous)
              && !t.date().isBefore(previous.minusDays(DAYS))
              && !touched.contains(t.id())) {
            candidates.add(i);
          }
        }
        if (candidates.size() < 2) {
          continue;
        }
        SplittableRandom random = DataGenerator.rng(seed, 0x4e71, refresh, index);
        int changed = candidates.remove(random.nextInt(candidates.size()));
        int gone = candidates.get(random.nextInt(candidates.size()));
        List<Transaction> transactions = new ArrayList<>(account.transactions());
        Transaction before = transactions.get(changed);
        transactions.set(
            changed,
            new Transaction(
                before.date(),
                before.description() + " - POSTED",
                before.amountCents(),
                before.balanceCents(),
                before.id()));
        modified.add(before.id());
        removed.add(transactions.get(gone).id());
        touched.add(before.id());
        touched.add(transactions.get(gone).id());
        transactions.remove(gone);
        accounts.set(index, account.toBuilder().transactions(List.copyOf(transactions)).build());
      }
    }
    return new Portfolio(
        portfolio.holder(), List.copyOf(accounts), portfolio.dataDate(), modified, removed);
  }
}
