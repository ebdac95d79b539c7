package io.flinks4j.sync.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.client.model.FlinksJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Builds GetAccountsDetail bodies for tests and parses them exactly as the client does. */
public final class Payloads {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String loginId;
  private String lastRefresh = "2026-11-20T10:00:00.123456";
  private final List<ObjectNode> accounts = new ArrayList<>();

  private Payloads(String loginId) {
    this.loginId = loginId;
  }

  /** A payload for {@code loginId} with no accounts yet. */
  public static Payloads forLogin(String loginId) {
    return new Payloads(loginId);
  }

  /** A fixture body from {@code src/test/resources/fixtures}. */
  public static byte[] fixture(String name) {
    try (InputStream in = Payloads.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Payloads lastRefresh(String value) {
    this.lastRefresh = value;
    return this;
  }

  /** Adds an account with the given balance; returns its transactions array to fill. */
  public Account account(String accountId, BigDecimal available) {
    ObjectNode account = JSON.createObjectNode();
    account.putArray("Transactions");
    account.put("TransitNumber", "12345");
    account.put("InstitutionNumber", "777");
    account.put("OverdraftLimit", 100);
    account.put("Title", "Chequing " + accountId);
    account.put("AccountNumber", "7641238");
    account.putNull("LastFourDigits");
    ObjectNode balance = account.putObject("Balance");
    balance.put("Available", available);
    balance.put("Current", available.subtract(BigDecimal.TEN));
    balance.putNull("Limit");
    account.put("Category", "Operations");
    account.put("Type", "Chequing");
    account.put("Currency", "CAD");
    ObjectNode holder = account.putObject("Holder");
    holder.put("Name", "Ron Swanson");
    ObjectNode address = holder.putObject("Address");
    address.put("City", "Montreal");
    address.put("Country", "CA");
    holder.put("Email", "ron@example.com");
    holder.put("PhoneNumber", "5555555555");
    account.putNull("AccountType");
    account.put("Id", accountId);
    accounts.add(account);
    return new Account(account);
  }

  public byte[] bytes() {
    ObjectNode root = JSON.createObjectNode();
    root.put("HttpStatusCode", 200);
    ArrayNode list = root.putArray("Accounts");
    accounts.forEach(list::add);
    root.put("InstitutionName", "FlinksCapital");
    ObjectNode login = root.putObject("Login");
    login.put("Username", "Greatday");
    login.put("IsScheduledRefresh", false);
    login.put("LastRefresh", lastRefresh);
    login.put("Type", "Personal");
    login.put("Id", loginId);
    root.put("InstitutionId", 14);
    root.put("Institution", "FlinksCapital");
    root.put("RequestId", "22178382-31ee-485c-a750-c20929b6a344");
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public AccountsDetail parse() {
    return FlinksJson.parseAccountsDetail(bytes());
  }

  /** Fills an account of the payload. */
  public static final class Account {
    private final ObjectNode node;

    private Account(ObjectNode node) {
      this.node = node;
    }

    /** Adds a transaction; {@code id} may be null. */
    public Account transaction(
        String id, LocalDate date, String description, String debit, String credit) {
      ObjectNode tx = ((ArrayNode) node.get("Transactions")).addObject();
      tx.put("Date", date.toString());
      tx.putNull("Code");
      tx.put("Description", description);
      if (debit == null) {
        tx.putNull("Debit");
      } else {
        tx.put("Debit", new BigDecimal(debit));
      }
      if (credit == null) {
        tx.putNull("Credit");
      } else {
        tx.put("Credit", new BigDecimal(credit));
      }
      tx.put("Balance", new BigDecimal("1000.00"));
      if (id == null) {
        tx.putNull("Id");
      } else {
        tx.put("Id", id);
      }
      return this;
    }

    /**
     * Adds {@code count} transactions with ids {@code prefix-0..}, one per day back from {@code
     * newest}.
     */
    public Account transactions(String prefix, int count, LocalDate newest) {
      for (int i = 0; i < count; i++) {
        transaction(prefix + "-" + i, newest.minusDays(i % 365), "purchase " + i, "12.34", null);
      }
      return this;
    }

    /** Removes a field of the account (to model an omitted value). */
    public Account without(String field) {
      node.putNull(field);
      return this;
    }
  }
}
