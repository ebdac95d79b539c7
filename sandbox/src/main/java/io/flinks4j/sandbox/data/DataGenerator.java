package io.flinks4j.sandbox.data;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Deterministic generator of a login's bank data. Every value is derived from the seed and from the
 * day it belongs to (never from a shared random stream), so the same seed always yields the same
 * accounts, and a later data version only appends transactions: earlier ones keep their ids, dates
 * and balances.
 */
public final class DataGenerator {

  /**
   * What to generate.
   *
   * @param seed usually derived from the loginId
   * @param accounts number of accounts (1 or more)
   * @param transactionsPerYear target volume over 365 days, all accounts together
   * @param historyStart first day with transactions
   * @param versionDates the data date of each data version, oldest first; the first one is the
   *     initial aggregation, each later one a live refresh that adds the days since and a few
   *     same-day purchases
   */
  public record Spec(
      long seed,
      int accounts,
      int transactionsPerYear,
      LocalDate historyStart,
      List<LocalDate> versionDates) {
    public Spec {
      if (accounts < 1) {
        throw new IllegalArgumentException("a login needs at least one account");
      }
      if (transactionsPerYear < 0) {
        throw new IllegalArgumentException("transaction volume cannot be negative");
      }
      if (versionDates.isEmpty()) {
        throw new IllegalArgumentException("at least one data version is needed");
      }
      versionDates = List.copyOf(versionDates);
    }

    LocalDate dataDate() {
      return versionDates.getLast();
    }
  }

  private static final String INSTITUTION_NUMBER = "777";
  private static final int PRIMARY = 0;

  private DataGenerator() {}

  public static Portfolio generate(Spec spec) {
    Profile profile = new Profile(spec);
    List<AccountKind> kinds = kinds(spec.accounts());
    Account[] accounts = new Account[kinds.size()];
    // Credit accounts are paid from the primary chequing account: generate them first so the
    // payments
    // appear on both sides with the same amount and date.
    Map<LocalDate, List<Event>> transfersToPrimary = new HashMap<>();
    for (int i = 1; i < kinds.size(); i++) {
      accounts[i] = new AccountBuilder(spec, profile, i, kinds.get(i), transfersToPrimary).build();
    }
    accounts[PRIMARY] =
        new AccountBuilder(spec, profile, PRIMARY, kinds.get(PRIMARY), transfersToPrimary).build();
    return new Portfolio(profile.holder, List.of(accounts), spec.dataDate());
  }

  static List<AccountKind> kinds(int count) {
    AccountKind[] cycle = {
      AccountKind.CHEQUING, AccountKind.SAVINGS, AccountKind.CREDIT_CARD, AccountKind.LINE_OF_CREDIT
    };
    List<AccountKind> kinds = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      kinds.add(cycle[i % cycle.length]);
    }
    return kinds;
  }

  /** A transaction before its balance is known. */
  private record Event(String description, long amountCents) {}

  /** Login-wide facts: who the holder is, what they earn and pay every month. */
  private static final class Profile {
    final long seed;
    final Holder holder;
    final String employer;
    final String landlord;
    final long payCents;
    final long rentCents;
    final long payAnchorEpochDay;
    final List<Subscription> subscriptions;
    final long randomSpendPerMonthCents;
    final long cardSpendPerMonthCents;

    record Subscription(int dayOfMonth, String description, long cents) {}

    Profile(Spec spec) {
      this.seed = spec.seed();
      SplittableRandom r = rng(seed, 0x9e37);
      String first = pick(r, Names.FIRST);
      String last = pick(r, Names.LAST);
      Names.City city = pick(r, Names.CITIES);
      String postal = city.postalPrefix() + " " + r.nextInt(10) + letter(r) + r.nextInt(10);
      String civic = (10 + r.nextInt(2990)) + " " + pick(r, Names.STREETS);
      this.holder =
          new Holder(
              first + " " + last,
              new Holder.Address(civic, city.name(), city.province(), postal, null, "CA"),
              (first + "." + last + (r.nextInt(90) + 10)).toLowerCase() + "@example.com",
              city.areaCode() + digits(r, 7));
      this.employer = pick(r, Names.EMPLOYERS);
      this.landlord = pick(r, Names.LANDLORDS);
      this.payCents = 220_000 + r.nextLong(140_000);
      this.rentCents = 130_000 + r.nextLong(80_000);
      // Pay day: a Friday, every second week.
      LocalDate anchor = LocalDate.of(2024, 1, 5).plusWeeks(r.nextInt(2));
      this.payAnchorEpochDay = anchor.toEpochDay();
      this.subscriptions =
          List.of(
              new Subscription(3 + r.nextInt(5), "NETFLIX.COM", 1699),
              new Subscription(8 + r.nextInt(5), "SPOTIFY P0" + digits(r, 8), 1199),
              new Subscription(
                  12 + r.nextInt(5), pick(r, Names.PHONE_CARRIERS), 6500 + r.nextLong(3000)),
              new Subscription(
                  18 + r.nextInt(5), pick(r, Names.UTILITIES), 5500 + r.nextLong(6000)),
              new Subscription(24 + r.nextInt(4), "GOODLIFE FITNESS", 4999));
      long monthlyPay = payCents * 26 / 12;
      long fixed =
          rentCents + subscriptions.stream().mapToLong(Subscription::cents).sum() + 30_000 + 25_000;
      this.cardSpendPerMonthCents = monthlyPay / 5;
      this.randomSpendPerMonthCents =
          Math.max(20_000, monthlyPay * 93 / 100 - fixed - cardSpendPerMonthCents);
    }

    long savingsTransferCents(YearMonth month) {
      return 15_000 + rng(seed, 0x5a7e, month.getYear(), month.getMonthValue()).nextLong(25_000);
    }
  }

  /** Builds one account's history day by day. */
  private static final class AccountBuilder {
    private final Spec spec;
    private final Profile profile;
    private final int index;
    private final AccountKind kind;
    private final Map<LocalDate, List<Event>> transfersToPrimary;
    private final double dailyRate;
    private final long meanRandomCents;
    private final Map<LocalDate, List<Integer>> extraVersionsByDate = new HashMap<>();
    private final String title;

    AccountBuilder(
        Spec spec,
        Profile profile,
        int index,
        AccountKind kind,
        Map<LocalDate, List<Event>> transfersToPrimary) {
      this.spec = spec;
      this.profile = profile;
      this.index = index;
      this.kind = kind;
      this.transfersToPrimary = transfersToPrimary;
      this.title = title(rng(profile.seed, 0x717e, index));
      double share = share(index, spec.accounts());
      // About 150 scheduled transactions a year come on top of the random ones; keep the total near
      // target.
      long randomPerYear = Math.max(0, spec.transactionsPerYear() - 150L);
      // A line-of-credit draw also lands on chequing: half the rate gives the account's share in
      // transactions.
      this.dailyRate = randomPerYear * share / 365.0 / (kind == AccountKind.LINE_OF_CREDIT ? 2 : 1);
      double perMonth = Math.max(dailyRate * 30.4, 1.0);
      long budget =
          switch (kind) {
            case CHEQUING -> index == PRIMARY ? profile.randomSpendPerMonthCents : 40_000;
            case CREDIT_CARD -> profile.cardSpendPerMonthCents;
            case SAVINGS -> 8_000;
            case LINE_OF_CREDIT -> 30_000;
          };
      this.meanRandomCents = Math.max(25, (long) (budget / perMonth));
      if (index == PRIMARY) {
        for (int v = 1; v < spec.versionDates().size(); v++) {
          extraVersionsByDate
              .computeIfAbsent(spec.versionDates().get(v), d -> new ArrayList<>())
              .add(v);
        }
      }
    }

    private static double share(int index, int accounts) {
      double[] weights = new double[accounts];
      double total = 0;
      for (int i = 0; i < accounts; i++) {
        weights[i] =
            switch (i % 4) {
              case 0 -> i == PRIMARY ? 0.55 : 0.04;
              case 1 -> 0.04;
              case 2 -> 0.35;
              default -> 0.02;
            };
        total += weights[i];
      }
      return weights[index] / total;
    }

    Account build() {
      SplittableRandom r = rng(profile.seed, 0xacc0, index);
      String currency = index == 4 ? "USD" : "CAD";
      String transit = digits(r, 5);
      String number = (index == 0 ? "1" : String.valueOf(1 + r.nextInt(9))) + digits(r, 6);
      long overdraft = kind == AccountKind.CHEQUING && index == PRIMARY ? 50_000 : 0;
      Long creditLimit =
          switch (kind) {
            case CREDIT_CARD -> 500_000L + r.nextLong(10) * 100_000;
            case LINE_OF_CREDIT -> 1_000_000L + r.nextLong(5) * 500_000;
            default -> null;
          };
      long opening =
          switch (kind) {
            case CHEQUING -> 150_000 + r.nextLong(450_000);
            case SAVINGS -> 500_000 + r.nextLong(3_500_000);
            case CREDIT_CARD -> -(20_000 + r.nextLong(230_000));
            case LINE_OF_CREDIT -> -(100_000 + r.nextLong(400_000));
          };
      String id = uuid(profile.seed, 0x1d, index);

      List<Transaction> transactions = new ArrayList<>();
      long balance = opening;
      LocalDate end = spec.dataDate();
      for (LocalDate day = spec.historyStart(); !day.isAfter(end); day = day.plusDays(1)) {
        List<Event> events = regularEvents(day, balance);
        if (index == PRIMARY) {
          events.addAll(transfersToPrimary.getOrDefault(day, List.of()));
        }
        int seq = 0;
        for (Event e : events) {
          balance += e.amountCents();
          transactions.add(
              new Transaction(
                  day,
                  e.description(),
                  e.amountCents(),
                  balance,
                  uuid(profile.seed, index, day.toEpochDay(), seq++)));
        }
        for (int version : extraVersionsByDate.getOrDefault(day, List.of())) {
          SplittableRandom x = rng(profile.seed, 0xe7, version);
          int n = 1 + x.nextInt(3);
          for (int i = 0; i < n; i++) {
            long cents = -Math.max(100, (long) (meanRandomCents * (0.3 + 1.4 * x.nextDouble())));
            balance += cents;
            transactions.add(
                new Transaction(
                    day,
                    "INTERAC PURCHASE - " + pick(x, Names.MERCHANTS),
                    cents,
                    balance,
                    uuid(profile.seed, 0xe7, version, i)));
          }
        }
      }
      return Account.builder()
          .id(id)
          .kind(kind)
          .title(title)
          .currency(currency)
          .transitNumber(transit)
          .institutionNumber(INSTITUTION_NUMBER)
          .accountNumber(number)
          .overdraftLimitCents(overdraft)
          .creditLimitCents(creditLimit)
          .openingBalanceCents(opening)
          .transactions(List.copyOf(transactions))
          .build();
    }

    private String title(SplittableRandom r) {
      return switch (kind) {
        case CHEQUING ->
            index == 4
                ? "US Dollar Chequing"
                : pick(
                    r, new String[] {"Everyday Chequing", "Chequing Account", "No-Fee Chequing"});
        case SAVINGS -> index == 1 ? "High Interest Savings" : "TFSA Savings";
        case CREDIT_CARD ->
            pick(r, new String[] {"Visa Infinite", "Mastercard World Elite", "Cash Back Visa"});
        case LINE_OF_CREDIT -> "Personal Line of Credit";
      };
    }

    private List<Event> regularEvents(LocalDate day, long balanceBefore) {
      List<Event> events = new ArrayList<>(4);
      int dom = day.getDayOfMonth();
      YearMonth month = YearMonth.from(day);
      switch (kind) {
        case CHEQUING -> {
          if (index == PRIMARY) {
            if (Math.floorMod(day.toEpochDay() - profile.payAnchorEpochDay, 14) == 0) {
              events.add(new Event("PAYROLL DEP - " + profile.employer, profile.payCents));
            }
            if (dom == 1) {
              events.add(
                  new Event("PREAUTHORIZED DEBIT - " + profile.landlord, -profile.rentCents));
            }
            for (Profile.Subscription s : profile.subscriptions) {
              if (dom == s.dayOfMonth()) {
                events.add(new Event(s.description(), -s.cents()));
              }
            }
            if (dom == 15) {
              events.add(new Event("TRANSFER TO SAVINGS", -profile.savingsTransferCents(month)));
            }
          } else if (dom == 10) {
            events.add(new Event("INTERAC E-TRANSFER RECEIVED", 45_000));
          }
        }
        case SAVINGS -> {
          if (index == 1 && dom == 15) {
            events.add(new Event("TRANSFER FROM CHEQUING", profile.savingsTransferCents(month)));
          }
          if (day.equals(month.atEndOfMonth()) && balanceBefore > 0) {
            events.add(new Event("INTEREST", Math.max(1, balanceBefore * 2 / 100 / 12)));
          }
        }
        case CREDIT_CARD -> {
          if (dom == 22 && balanceBefore < 0) {
            long payment = -balanceBefore;
            events.add(new Event("PAYMENT - THANK YOU", payment));
            transferToPrimary(
                day, new Event("ONLINE BANKING PAYMENT - " + title.toUpperCase(), -payment));
          }
        }
        case LINE_OF_CREDIT -> {
          if (dom == 28 && balanceBefore < 0) {
            events.add(new Event("INTEREST CHARGE", -Math.max(1, -balanceBefore * 75 / 1000 / 12)));
          }
          if (dom == 5 && balanceBefore < 0) {
            long payment = Math.min(-balanceBefore, 25_000);
            events.add(new Event("PAYMENT RECEIVED", payment));
            transferToPrimary(day, new Event("LOAN PAYMENT - LINE OF CREDIT", -payment));
          }
        }
      }
      SplittableRandom r = rng(profile.seed, index, day.toEpochDay());
      // Busier Saturdays, quieter Sundays; the weekly mean stays at the daily rate.
      double weekday =
          switch (day.getDayOfWeek()) {
            case SATURDAY -> 1.3;
            case SUNDAY -> 0.7;
            default -> 1.0;
          };
      double lambda = dailyRate * weekday;
      int count = (int) lambda + (r.nextDouble() < lambda - (int) lambda ? 1 : 0);
      for (int i = 0; i < count; i++) {
        long cents = Math.max(25, (long) (meanRandomCents * (0.2 + 1.6 * r.nextDouble())));
        events.add(randomEvent(r, cents, day));
      }
      return events;
    }

    private Event randomEvent(SplittableRandom r, long cents, LocalDate day) {
      return switch (kind) {
        case CHEQUING ->
            r.nextInt(12) == 0
                ? new Event(
                    "ATM WITHDRAWAL - " + pick(r, Names.ATM_LOCATIONS),
                    -Math.max(2_000, cents / 2_000 * 2_000))
                : new Event("POS PURCHASE - " + pick(r, Names.MERCHANTS), -cents);
        case CREDIT_CARD -> new Event(pick(r, Names.CARD_MERCHANTS), -cents);
        case SAVINGS -> new Event("WITHDRAWAL", -cents);
        case LINE_OF_CREDIT -> {
          transferToPrimary(day, new Event("TRANSFER FROM LINE OF CREDIT", cents));
          yield new Event("ADVANCE TO CHEQUING", -cents);
        }
      };
    }

    private void transferToPrimary(LocalDate day, Event event) {
      transfersToPrimary.computeIfAbsent(day, d -> new ArrayList<>()).add(event);
    }
  }

  // ---- deterministic randomness
  // -------------------------------------------------------------------

  static SplittableRandom rng(long... parts) {
    return new SplittableRandom(mix(parts));
  }

  static long mix(long... parts) {
    long h = 0x243f6a8885a308d3L;
    for (long p : parts) {
      h = splitMix(h ^ p);
    }
    return h;
  }

  private static long splitMix(long z) {
    z += 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A version-4-shaped GUID derived from the parts, stable across runs. */
  static String uuid(long... parts) {
    long hi = mix(parts);
    long lo = splitMix(hi);
    hi = (hi & 0xffffffffffff0fffL) | 0x0000000000004000L;
    lo = (lo & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }

  private static <T> T pick(SplittableRandom r, T[] values) {
    return values[r.nextInt(values.length)];
  }

  private static String digits(SplittableRandom r, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('0' + r.nextInt(10)));
    }
    return sb.toString();
  }

  private static char letter(SplittableRandom r) {
    return "ABCEGHJKLMNPRSTVXY".charAt(r.nextInt(18));
  }
}
