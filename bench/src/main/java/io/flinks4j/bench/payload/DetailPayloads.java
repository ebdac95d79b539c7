package io.flinks4j.bench.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Deterministic GetAccountsDetail 200 bodies of a chosen size or shape, so every benchmark measures
 * the same bytes run after run. The field mix follows the documented example ({@code
 * getaccountsdetail-200.json}): compact JSON, PascalCase keys, GUID ids, one of Debit/Credit null,
 * a running balance, holder with address on each account, Login and request metadata at the end.
 */
public final class DetailPayloads {

  /**
   * The day the newest transaction is booked on; fixed so payloads never depend on the wall clock.
   */
  public static final LocalDate AS_OF = LocalDate.of(2026, 11, 24);

  private static final JsonFactory JSON = new JsonFactory();
  private static final String[] DESCRIPTIONS = {
    "PAYROLL - Stripe Paycheck",
    "INTERAC E-TRANSFER TO J. TREMBLAY",
    "POS PURCHASE TIM HORTONS #4412",
    "PRE-AUTHORIZED DEBIT HYDRO QUEBEC",
    "ATM WITHDRAWAL 2291 RUE STE-CATHERINE",
    "NETFLIX.COM 866-579-7172",
    "MORTGAGE PAYMENT 00123",
    "POS PURCHASE METRO PLUS #0871",
    "TRANSFER FROM SAVINGS 7641238",
    "MONTHLY ACCOUNT FEE",
    "BELL CANADA PAD",
    "AMAZON.CA MKTPLACE PMTS",
    "INTEREST",
    "CHQ#00412",
    "UBER CANADA/UBERTRIP TORONTO",
    "SAQ 23055 MONTREAL",
    "RENT - E-TRANSFER AUTODEPOSIT",
    "CREDIT CARD PAYMENT VISA 4519",
    "COSTCO WHOLESALE W1282",
    "SPOTIFY P1A2B3C4D5"
  };
  private static final String[][] KINDS = {
    {"Chequing Account", "Operations", "Chequing"}, {"Savings Account", "Operations", "Savings"},
    {"Visa Infinite", "Credits", "CreditCard"}, {"Line of Credit", "Credits", "LineOfCredit"},
    {"TFSA", "Products", "TFSA"}
  };

  private DetailPayloads() {}

  /**
   * A body with {@code accounts} accounts of exactly {@code transactionsPerAccount} transactions
   * each.
   */
  public static byte[] withTransactions(int accounts, int transactionsPerAccount, long seed) {
    if (accounts < 1 || transactionsPerAccount < 0) {
      throw new IllegalArgumentException("need at least one account and no negative counts");
    }
    return write(
        accounts,
        seed,
        (long) accounts * transactionsPerAccount * 190 + 4096,
        (account, written) -> written < transactionsPerAccount);
  }

  /**
   * A body of about {@code bytes} bytes (within one transaction of it, at least the envelope), the
   * transactions spread evenly over {@code accounts} accounts.
   */
  public static byte[] ofSize(long bytes, int accounts, long seed) {
    if (accounts < 1 || bytes < 1 || bytes > Integer.MAX_VALUE - 1_000_000) {
      throw new IllegalArgumentException("size or account count out of range");
    }
    long envelope = 600;
    long perAccount = Math.max(0, bytes - envelope) / accounts;
    Sizer sizer = new Sizer(perAccount);
    return write(accounts, seed, bytes + 64 * 1024, sizer);
  }

  @FunctionalInterface
  private interface More {
    /** Whether account {@code account} gets another transaction after {@code written}. */
    boolean another(Position account, int written) throws IOException;
  }

  /** Where the generator is: lets a size target look at the bytes written so far. */
  private record Position(int index, long accountStart, Output out) {}

  private static final class Output {
    final ByteArrayOutputStream bytes;
    JsonGenerator g;

    Output(long capacity) {
      this.bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, capacity));
    }

    long written() {
      return bytes.size() + g.getOutputBuffered();
    }
  }

  private static final class Sizer implements More {
    private final long perAccount;

    Sizer(long perAccount) {
      this.perAccount = perAccount;
    }

    @Override
    public boolean another(Position account, int written) {
      // ~700 bytes of account fields follow the transactions.
      return account.out().written() - account.accountStart() + 700 < perAccount;
    }
  }

  private static byte[] write(int accounts, long seed, long capacity, More more) {
    Output out = new Output(capacity);
    SplittableRandom random = new SplittableRandom(seed);
    try (JsonGenerator g = JSON.createGenerator(out.bytes)) {
      out.g = g;
      g.writeStartObject();
      g.writeNumberField("HttpStatusCode", 200);
      g.writeArrayFieldStart("Accounts");
      for (int a = 0; a < accounts; a++) {
        writeAccount(g, random, new Position(a, out.written(), out), more);
      }
      g.writeEndArray();
      g.writeStringField("InstitutionName", "FlinksCapital");
      g.writeObjectFieldStart("Login");
      g.writeStringField("Username", "bench_user_" + Long.toHexString(seed));
      g.writeBooleanField("IsScheduledRefresh", false);
      g.writeStringField("LastRefresh", AS_OF.atTime(17, 40, 54, 569_261_000).toString());
      g.writeStringField("Type", "Personal");
      g.writeStringField("Id", uuid(random));
      g.writeEndObject();
      g.writeNumberField("InstitutionId", 14);
      g.writeStringField("Institution", "FlinksCapital");
      g.writeStringField("RequestId", uuid(random));
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.bytes.toByteArray();
  }

  private static void writeAccount(
      JsonGenerator g, SplittableRandom random, Position position, More more) throws IOException {
    String[] kind = KINDS[position.index() % KINDS.length];
    boolean credit = kind[1].equals("Credits");
    long balanceCents = 500_000 + random.nextLong(2_000_000);
    g.writeStartObject();
    g.writeArrayFieldStart("Transactions");
    LocalDate date = AS_OF;
    int written = 0;
    while (more.another(position, written)) {
      if (random.nextInt(3) == 0) {
        date =
            date.minusDays(1); // about three transactions a day, newest first as Flinks sends them
      }
      long amount = 100 + random.nextLong(random.nextInt(10) == 0 ? 250_000 : 15_000);
      boolean moneyIn = random.nextInt(4) == 0;
      g.writeStartObject();
      g.writeStringField("Date", date.toString());
      if (random.nextInt(20) == 0) {
        g.writeStringField("Code", "DD");
      } else {
        g.writeNullField("Code");
      }
      g.writeStringField("Description", DESCRIPTIONS[random.nextInt(DESCRIPTIONS.length)]);
      writeMoneyOrNull(g, "Debit", moneyIn ? null : amount);
      writeMoneyOrNull(g, "Credit", moneyIn ? amount : null);
      writeMoneyOrNull(g, "Balance", balanceCents);
      g.writeStringField("Id", uuid(random));
      g.writeEndObject();
      balanceCents += moneyIn ? -amount : amount; // walking back in time
      written++;
    }
    g.writeEndArray();
    g.writeStringField("TransitNumber", String.format("%05d", random.nextInt(100_000)));
    g.writeStringField("InstitutionNumber", "777");
    writeMoneyOrNull(g, "OverdraftLimit", credit ? null : 50_000L);
    g.writeStringField("Title", kind[0]);
    g.writeStringField("AccountNumber", String.format("%07d", random.nextInt(10_000_000)));
    g.writeNullField("LastFourDigits");
    g.writeObjectFieldStart("Balance");
    writeMoneyOrNull(g, "Available", balanceCents + 30_000);
    writeMoneyOrNull(g, "Current", balanceCents);
    writeMoneyOrNull(g, "Limit", credit ? 1_000_000L : null);
    g.writeEndObject();
    g.writeStringField("Category", kind[1]);
    g.writeStringField("Type", kind[2]);
    g.writeStringField("Currency", "CAD");
    g.writeObjectFieldStart("Holder");
    g.writeStringField("Name", "Bench Holder");
    g.writeObjectFieldStart("Address");
    g.writeStringField("CivicAddress", "25 york street");
    g.writeStringField("City", "TOR");
    g.writeStringField("Province", "ON");
    g.writeStringField("PostalCode", "M5J 2V5");
    g.writeNullField("POBox");
    g.writeStringField("Country", "CA");
    g.writeEndObject();
    g.writeStringField("Email", "bench_holder@nomail.com");
    g.writeStringField("PhoneNumber", "9051234567");
    g.writeEndObject();
    g.writeStringField("AccountType", "Personal");
    g.writeStringField("Id", uuid(random));
    g.writeEndObject();
  }

  private static void writeMoneyOrNull(JsonGenerator g, String name, Long cents)
      throws IOException {
    if (cents == null) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, BigDecimal.valueOf(cents, 2));
    }
  }

  private static String uuid(SplittableRandom random) {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4, like Flinks's GUIDs
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low).toString();
  }
}
