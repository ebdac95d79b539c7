package io.flinks4j.sandbox.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * Serializes generated bank data into the Flinks wire format with Jackson's streaming API. The
 * sandbox defines this format itself (it never borrows the client's model), so client and sandbox
 * check each other.
 */
public final class PayloadWriter {

  private static final JsonFactory JSON = new JsonFactory();

  private PayloadWriter() {}

  /** The {@code Accounts} array of a {@code /GetAccountsDetail} 200, newest transactions first. */
  public static byte[] accountsDetail(Portfolio portfolio, DetailOptions options) {
    return write(
        estimate(portfolio, options),
        g -> {
          g.writeStartArray();
          for (Account account : portfolio.accounts()) {
            if (options.includes(account)) {
              writeDetailAccount(g, account, portfolio, options);
            }
          }
          g.writeEndArray();
        });
  }

  /** The {@code Accounts} array of a {@code /GetAccountsSummary} 200. */
  public static byte[] accountsSummary(Portfolio portfolio) {
    return write(
        1024,
        g -> {
          g.writeStartArray();
          for (Account account : portfolio.accounts()) {
            g.writeStartObject();
            boolean eft =
                account.kind() == AccountKind.CHEQUING || account.kind() == AccountKind.SAVINGS;
            g.writeNumberField(
                "EftEligibleRatio", eft ? BigDecimal.valueOf(95, 2) : BigDecimal.ZERO);
            g.writeNumberField(
                "ETransferEligibleRatio", eft ? BigDecimal.valueOf(90, 2) : BigDecimal.ZERO);
            writeAccountHead(g, account);
            writeBalance(g, account);
            writeKind(g, account);
            writeAccountTail(g, account, portfolio.holder(), true);
            g.writeEndObject();
          }
          g.writeEndArray();
        });
  }

  /** The holder object alone, as in the {@code Holders} array of a KYC webhook. */
  public static void writeHolder(JsonGenerator g, Holder holder) throws IOException {
    g.writeStartObject();
    g.writeStringField("Name", holder.name());
    Holder.Address a = holder.address();
    if (a == null) {
      g.writeNullField("Address");
    } else {
      g.writeObjectFieldStart("Address");
      g.writeStringField("CivicAddress", a.civicAddress());
      g.writeStringField("City", a.city());
      g.writeStringField("Province", a.province());
      g.writeStringField("PostalCode", a.postalCode());
      g.writeStringField("POBox", a.poBox());
      g.writeStringField("Country", a.country());
      g.writeEndObject();
    }
    g.writeStringField("Email", holder.email());
    g.writeStringField("PhoneNumber", holder.phoneNumber());
    g.writeEndObject();
  }

  private static void writeDetailAccount(
      JsonGenerator g, Account account, Portfolio portfolio, DetailOptions options)
      throws IOException {
    g.writeStartObject();
    g.writeArrayFieldStart("Transactions");
    if (options.withTransactions()) {
      List<Transaction> ts = account.transactions();
      String lastSeen = options.refreshDelta().get(account.id());
      int from = lastSeen == null ? -1 : indexOf(ts, lastSeen);
      for (int i = ts.size() - 1; i > from; i--) {
        Transaction t = ts.get(i);
        if (from >= 0 || options.includes(t.date(), portfolio.dataDate())) {
          writeTransaction(g, t);
        }
      }
    }
    g.writeEndArray();
    g.writeStringField(
        "TransitNumber", options.withAccountIdentity() ? account.transitNumber() : null);
    g.writeStringField(
        "InstitutionNumber", options.withAccountIdentity() ? account.institutionNumber() : null);
    g.writeNumberField("OverdraftLimit", money(account.overdraftLimitCents()));
    g.writeStringField("Title", account.title());
    g.writeStringField(
        "AccountNumber",
        options.withAccountIdentity()
            ? account.accountNumber()
            : "****" + account.lastFourDigits());
    g.writeStringField(
        "LastFourDigits", options.withAccountIdentity() ? null : account.lastFourDigits());
    if (options.withBalance()) {
      writeBalance(g, account);
    } else {
      g.writeNullField("Balance");
    }
    writeKind(g, account);
    writeAccountTail(g, account, portfolio.holder(), options.withKyc());
    g.writeEndObject();
  }

  /** Position of a transaction id, or -1 (then the delta is ignored and the window applies). */
  private static int indexOf(List<Transaction> transactions, String id) {
    for (int i = transactions.size() - 1; i >= 0; i--) {
      if (transactions.get(i).id().equalsIgnoreCase(id)) {
        return i;
      }
    }
    return -1;
  }

  private static void writeAccountHead(JsonGenerator g, Account account) throws IOException {
    g.writeStringField("Title", account.title());
    g.writeStringField("AccountNumber", account.accountNumber());
    g.writeStringField("LastFourDigits", account.lastFourDigits());
  }

  private static void writeAccountTail(
      JsonGenerator g, Account account, Holder holder, boolean withHolder) throws IOException {
    g.writeFieldName("Holder");
    if (withHolder) {
      writeHolder(g, holder);
    } else {
      g.writeNull();
    }
    g.writeStringField("AccountType", "Personal");
    g.writeStringField("Id", account.id());
  }

  private static void writeKind(JsonGenerator g, Account account) throws IOException {
    g.writeStringField("Category", account.kind().category());
    g.writeStringField("Type", account.kind().type());
    g.writeStringField("Currency", account.currency());
  }

  private static void writeBalance(JsonGenerator g, Account account) throws IOException {
    g.writeObjectFieldStart("Balance");
    g.writeNumberField("Available", money(account.availableCents()));
    g.writeNumberField("Current", money(account.currentCents()));
    if (account.creditLimitCents() == null) {
      g.writeNullField("Limit");
    } else {
      g.writeNumberField("Limit", money(account.creditLimitCents()));
    }
    g.writeEndObject();
  }

  private static void writeTransaction(JsonGenerator g, Transaction t) throws IOException {
    g.writeStartObject();
    g.writeStringField("Date", t.date().toString());
    g.writeNullField("Code");
    g.writeStringField("Description", t.description());
    if (t.amountCents() < 0) {
      g.writeNumberField("Debit", money(-t.amountCents()));
      g.writeNullField("Credit");
    } else {
      g.writeNullField("Debit");
      g.writeNumberField("Credit", money(t.amountCents()));
    }
    g.writeNumberField("Balance", money(t.balanceCents()));
    g.writeStringField("Id", t.id());
    g.writeEndObject();
  }

  static BigDecimal money(long cents) {
    return BigDecimal.valueOf(cents, 2);
  }

  private static int estimate(Portfolio portfolio, DetailOptions options) {
    if (!options.withTransactions()) {
      return 4096;
    }
    int n = portfolio.transactionCount(Math.min(options.days(), 400));
    return Math.min(64 << 20, 2048 + n * 200);
  }

  /** Body of a streaming write. */
  @FunctionalInterface
  public interface JsonWrite {
    void write(JsonGenerator g) throws IOException;
  }

  /** Runs {@code body} against a fresh generator and returns the bytes written. */
  public static byte[] write(int sizeHint, JsonWrite body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
