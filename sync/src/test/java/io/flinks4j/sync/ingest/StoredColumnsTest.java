package io.flinks4j.sync.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.client.model.Account;
import io.flinks4j.client.model.Address;
import io.flinks4j.client.model.Balance;
import io.flinks4j.client.model.Holder;
import io.flinks4j.client.model.Transaction;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Fails when a field the client reads from the wire is never stored: each record component of the
 * client's model gets a distinct value, and that value must come out of the {@link StoredColumns}
 * mapping, unless the component is listed below with the reason it is not stored.
 */
class StoredColumnsTest {

  /** Components of {@link Transaction} deliberately not among its content columns. */
  private static final Map<String, String> TRANSACTION_NOT_STORED =
      Map.of(
          "id", "the row's key (flinks_transaction_id), derived in Ingester.transactionRows",
          "extra", "fields the client does not model: not stored");

  /** Components of {@link Account} deliberately not among its columns. */
  private static final Map<String, String> ACCOUNT_NOT_STORED =
      Map.of(
          "id", "the row's key (flinks_account_id), derived in Ingester.accountKey",
          "balance", "stored per retrieval in balance_snapshots: StoredColumns.BALANCE",
          "holder", "stored in holders: StoredColumns.HOLDER",
          "transactions", "stored in transactions: StoredColumns.TRANSACTION",
          "eftEligibleRatio", "GetAccountsSummary only; the service ingests GetAccountsDetail",
          "eTransferEligibleRatio",
              "GetAccountsSummary only; the service ingests GetAccountsDetail",
          "extra", "fields the client does not model: not stored");

  private static final Map<String, String> NOTHING_EXCLUDED = Map.of("extra", "not modelled");

  @Test
  void every_transaction_field_read_from_the_wire_is_stored() {
    Map<String, Object> sample = sample(Transaction.class, 1);
    Transaction transaction = construct(Transaction.class, sample);
    TransactionWriter.Row row =
        new TransactionWriter.Row(transaction.id(), transaction.date(), transaction);
    assertStored(
        sample,
        StoredColumns.TRANSACTION.values(row).asList(),
        TRANSACTION_NOT_STORED,
        "Transaction");
  }

  @Test
  void every_account_field_read_from_the_wire_is_stored() {
    Map<String, Object> sample = sample(Account.class, 100);
    Account account = construct(Account.class, sample);
    assertStored(
        sample, StoredColumns.ACCOUNT.values(account).asList(), ACCOUNT_NOT_STORED, "Account");
  }

  @Test
  void every_balance_and_holder_field_is_stored() {
    Map<String, Object> balance = sample(Balance.class, 200);
    assertStored(
        balance,
        StoredColumns.BALANCE.values(construct(Balance.class, balance)).asList(),
        NOTHING_EXCLUDED,
        "Balance");
    Map<String, Object> address = sample(Address.class, 300);
    Map<String, Object> holder = sample(Holder.class, 400);
    holder.put("address", construct(Address.class, address));
    List<Object> stored = StoredColumns.HOLDER.values(construct(Holder.class, holder)).asList();
    Map<String, String> holderExcluded = new LinkedHashMap<>(NOTHING_EXCLUDED);
    holderExcluded.put("address", "flattened: its fields are checked as Address");
    assertStored(holder, stored, holderExcluded, "Holder");
    assertStored(address, stored, NOTHING_EXCLUDED, "Address");
  }

  @Test
  void the_exclusion_lists_name_real_components() {
    assertThat(names(Transaction.class)).containsAll(TRANSACTION_NOT_STORED.keySet());
    assertThat(names(Account.class)).containsAll(ACCOUNT_NOT_STORED.keySet());
  }

  private static void assertStored(
      Map<String, Object> sample, List<Object> stored, Map<String, String> excluded, String type) {
    Set<Object> storedValues = new HashSet<>();
    for (Object value : stored) {
      storedValues.add(value instanceof BigDecimal d ? d.stripTrailingZeros() : value);
    }
    List<String> lost = new ArrayList<>();
    for (Map.Entry<String, Object> component : sample.entrySet()) {
      if (excluded.containsKey(component.getKey())) {
        continue;
      }
      Object value = component.getValue();
      Object expected =
          value instanceof BigDecimal d
              ? d.stripTrailingZeros()
              : value instanceof String || value instanceof LocalDate ? value : text(value);
      if (!storedValues.contains(expected)) {
        lost.add(component.getKey());
      }
    }
    assertThat(lost)
        .as(
            "%s fields read from the wire but not stored: map them in StoredColumns (and a migration)"
                + " or list them as not stored with the reason",
            type)
        .isEmpty();
  }

  /** A distinct value per component: text, amounts, dates, open values; null for nested records. */
  private static Map<String, Object> sample(Class<?> record, int seed) {
    Map<String, Object> values = new LinkedHashMap<>();
    int i = seed;
    for (RecordComponent c : record.getRecordComponents()) {
      Class<?> type = c.getType();
      i++;
      Object value;
      if (type == String.class) {
        value = "v" + i;
      } else if (type == BigDecimal.class) {
        value = BigDecimal.valueOf(i, 2);
      } else if (type == LocalDate.class) {
        value = LocalDate.of(2000, 1, 1).plusDays(i);
      } else if (type == Boolean.class || type == boolean.class) {
        value = Boolean.TRUE;
      } else if (type == Integer.class || type == int.class) {
        value = i;
      } else if (type == List.class) {
        value = List.of();
      } else if (type == Map.class) {
        value = Map.of();
      } else if (hasFactory(type)) {
        value = invoke(factory(type), "v" + i);
      } else {
        value = null; // a nested record: checked on its own
      }
      values.put(c.getName(), value);
    }
    return values;
  }

  private static String text(Object openValue) {
    // AccountCategory, AccountType: open values stored as their wire text
    try {
      return (String) openValue.getClass().getMethod("value").invoke(openValue);
    } catch (ReflectiveOperationException e) {
      return String.valueOf(openValue);
    }
  }

  private static boolean hasFactory(Class<?> type) {
    return factory(type) != null;
  }

  private static Method factory(Class<?> type) {
    try {
      return type.getMethod("of", String.class);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static Object invoke(Method factory, String arg) {
    try {
      return factory.invoke(null, arg);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Set<String> names(Class<?> record) {
    Set<String> names = new HashSet<>();
    for (RecordComponent c : record.getRecordComponents()) {
      names.add(c.getName());
    }
    return names;
  }

  private static <T> T construct(Class<T> record, Map<String, Object> values) {
    RecordComponent[] components = record.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      args[i] = values.get(components[i].getName());
    }
    try {
      Constructor<T> canonical = record.getDeclaredConstructor(types);
      return canonical.newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
