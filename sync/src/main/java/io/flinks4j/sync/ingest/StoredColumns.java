package io.flinks4j.sync.ingest;

import io.flinks4j.client.model.Account;
import io.flinks4j.client.model.Address;
import io.flinks4j.client.model.Balance;
import io.flinks4j.client.model.Holder;
import io.flinks4j.sync.storage.Columns;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * The one mapping from the client's model to the stored columns: what of a transaction, an account,
 * a holder and a balance is stored, compared for "modified" and kept in history. Adding a field the
 * service stores is one line here (plus its migration); {@code StoredColumnsTest} fails when a
 * field of the client's {@code Transaction} or {@code Account} is read from the wire but neither
 * mapped here nor listed as deliberately not stored.
 */
public final class StoredColumns {

  private StoredColumns() {}

  /**
   * A transaction's content in {@code transactions} and {@code transaction_versions}; its key
   * ({@code flinks_transaction_id}) is the row's storage key, derived from the Flinks id.
   */
  static final Columns<TransactionWriter.Row> TRANSACTION =
      Columns.<TransactionWriter.Row>builder()
          .object("booked_on", LocalDate.class, TransactionWriter.Row::date)
          .text("description", r -> r.transaction().description())
          .amount("debit", r -> r.transaction().debit())
          .amount("credit", r -> r.transaction().credit())
          .amount("balance", r -> r.transaction().balance())
          .text("code", r -> r.transaction().code())
          .build();

  /** The mutable columns of {@code accounts}; its key ({@code flinks_account_id}) aside. */
  static final Columns<Account> ACCOUNT =
      Columns.<Account>builder()
          .text("title", Account::title)
          .text("account_number", Account::accountNumber)
          .text("last_four_digits", Account::lastFourDigits)
          .text("transit_number", Account::transitNumber)
          .text("institution_number", Account::institutionNumber)
          .text("category", a -> a.category() == null ? null : a.category().value())
          .text("kind", Account::type)
          .text("account_type", a -> a.accountType() == null ? null : a.accountType().value())
          .text("currency", Account::currency)
          .amount("overdraft_limit", Account::overdraftLimit)
          .build();

  /** The columns of {@code holders}, the address flattened. */
  static final Columns<Holder> HOLDER =
      Columns.<Holder>builder()
          .text("name", Holder::name)
          .text("civic_address", address(Address::civicAddress))
          .text("city", address(Address::city))
          .text("province", address(Address::province))
          .text("postal_code", address(Address::postalCode))
          .text("po_box", address(Address::poBox))
          .text("country", address(Address::country))
          .text("email", Holder::email)
          .text("phone_number", Holder::phoneNumber)
          .build();

  /** The amounts of a {@code balance_snapshots} row. */
  static final Columns<Balance> BALANCE =
      Columns.<Balance>builder()
          .amount("available", Balance::available)
          .amount("current_amount", Balance::current)
          .amount("limit_amount", Balance::limit)
          .build();

  /** The stored content columns of a transaction, in order (for the read side and its tests). */
  public static List<String> transactionColumns() {
    return TRANSACTION.columnNames();
  }

  /** The stored columns of an account, its key aside. */
  public static List<String> accountColumns() {
    return ACCOUNT.columnNames();
  }

  /** The stored columns of a holder. */
  public static List<String> holderColumns() {
    return HOLDER.columnNames();
  }

  private static Function<Holder, String> address(Function<Address, String> field) {
    return h -> h.address() == null ? null : field.apply(h.address());
  }
}
