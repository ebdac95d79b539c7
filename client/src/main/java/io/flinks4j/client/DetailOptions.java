package io.flinks4j.client;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every documented {@code /GetAccountsDetail} option, immutable. {@link #defaults()} asks for what
 * a lender usually needs: transactions (90 days), account identity, KYC and balances. Options left
 * unset are not sent, so Flinks applies its own default.
 *
 * @param withTransactions {@code WithTransactions}
 * @param withAccountIdentity {@code WithAccountIdentity}: transit, institution and account numbers
 * @param withKyc {@code WithKYC}: holder name, address, e-mail, phone
 * @param withBalance {@code WithBalance} ([old] in client libraries)
 * @param daysOfTransactions {@code DaysOfTransactions}, or null for Flinks' default
 * @param accountsFilter {@code AccountsFilter}: only these AccountIds; empty means all accounts
 * @param dateFrom {@code DateFrom} ([old]), or null
 * @param dateTo {@code DateTo} ([old]), or null
 * @param mostRecentCached {@code MostRecentCached} ([old]), or null to omit
 * @param withDetailsAndStatements {@code WithDetailsAndStatements} (PDF statements flag), or null
 *     to omit
 * @param numberOfStatements {@code NumberOfStatements}, or null to omit
 * @param refreshDelta {@code RefreshDelta} ([old]): only transactions after the given ones; empty
 *     to omit
 */
public record DetailOptions(
    Boolean withTransactions,
    Boolean withAccountIdentity,
    Boolean withKyc,
    Boolean withBalance,
    DaysOfTransactions daysOfTransactions,
    List<String> accountsFilter,
    LocalDate dateFrom,
    LocalDate dateTo,
    Boolean mostRecentCached,
    Boolean withDetailsAndStatements,
    NumberOfStatements numberOfStatements,
    List<RefreshDelta> refreshDelta) {

  private static final DetailOptions DEFAULTS = builder().build();

  public DetailOptions {
    accountsFilter = accountsFilter == null ? List.of() : List.copyOf(accountsFilter);
    refreshDelta = refreshDelta == null ? List.of() : List.copyOf(refreshDelta);
    if (dateFrom != null && dateTo != null && dateFrom.isAfter(dateTo)) {
      throw new IllegalArgumentException("dateFrom must not be after dateTo");
    }
  }

  /** Transactions (90 days), account identity, KYC and balances. */
  public static DetailOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.withTransactions = withTransactions;
    b.withAccountIdentity = withAccountIdentity;
    b.withKyc = withKyc;
    b.withBalance = withBalance;
    b.daysOfTransactions = daysOfTransactions;
    b.accountsFilter = accountsFilter;
    b.dateFrom = dateFrom;
    b.dateTo = dateTo;
    b.mostRecentCached = mostRecentCached;
    b.withDetailsAndStatements = withDetailsAndStatements;
    b.numberOfStatements = numberOfStatements;
    b.refreshDelta = refreshDelta;
    return b;
  }

  /** The request body for a session, PascalCase, unset options omitted. */
  Map<String, Object> body(String requestId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("RequestId", requestId);
    putIfSet(body, "WithTransactions", withTransactions);
    putIfSet(body, "WithAccountIdentity", withAccountIdentity);
    putIfSet(body, "WithKYC", withKyc);
    putIfSet(body, "WithBalance", withBalance);
    putIfSet(
        body, "DaysOfTransactions", daysOfTransactions == null ? null : daysOfTransactions.value());
    if (!accountsFilter.isEmpty()) {
      body.put("AccountsFilter", accountsFilter);
    }
    putIfSet(body, "DateFrom", dateFrom == null ? null : dateFrom.toString());
    putIfSet(body, "DateTo", dateTo == null ? null : dateTo.toString());
    putIfSet(body, "MostRecentCached", mostRecentCached);
    putIfSet(body, "WithDetailsAndStatements", withDetailsAndStatements);
    putIfSet(
        body, "NumberOfStatements", numberOfStatements == null ? null : numberOfStatements.value());
    if (!refreshDelta.isEmpty()) {
      body.put(
          "RefreshDelta",
          refreshDelta.stream()
              .map(d -> {
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("AccountId", d.accountId());
                entry.put("TransactionId", d.transactionId());
                return entry;
              })
              .toList());
    }
    return body;
  }

  private static void putIfSet(Map<String, Object> body, String key, Object value) {
    if (value != null) {
      body.put(key, value);
    }
  }

  /**
   * {@code DaysOfTransactions}: {@code Days90} or {@code Days365} ({@code Days360} in older
   * clients); open so other values pass through.
   *
   * @param value the wire value
   */
  public record DaysOfTransactions(@JsonValue String value) {
    public static final DaysOfTransactions DAYS_90 = new DaysOfTransactions("Days90");
    public static final DaysOfTransactions DAYS_365 = new DaysOfTransactions("Days365");

    /** The spelling older Flinks clients use. */
    public static final DaysOfTransactions DAYS_360 = new DaysOfTransactions("Days360");

    public DaysOfTransactions {
      AuthorizeRequest.requireText(value, "DaysOfTransactions");
    }

    /** {@code 90} → Days90, {@code 365} → Days365, {@code 360} → Days360. */
    public static DaysOfTransactions ofDays(int days) {
      return switch (days) {
        case 90 -> DAYS_90;
        case 365 -> DAYS_365;
        case 360 -> DAYS_360;
        default ->
            throw new IllegalArgumentException(
                "Flinks offers 90 or 365 days of transactions, not " + days);
      };
    }
  }

  /**
   * {@code NumberOfStatements}: {@code MostRecent}, {@code Months3} or {@code Months12}; open for
   * new values.
   *
   * @param value the wire value
   */
  public record NumberOfStatements(@JsonValue String value) {
    public static final NumberOfStatements MOST_RECENT = new NumberOfStatements("MostRecent");
    public static final NumberOfStatements MONTHS_3 = new NumberOfStatements("Months3");
    public static final NumberOfStatements MONTHS_12 = new NumberOfStatements("Months12");

    public NumberOfStatements {
      AuthorizeRequest.requireText(value, "NumberOfStatements");
    }
  }

  /**
   * One {@code RefreshDelta} entry: return only transactions of {@code accountId} after {@code
   * transactionId}.
   *
   * @param accountId the AccountId
   * @param transactionId the last transaction id already known
   */
  public record RefreshDelta(String accountId, String transactionId) {
    public RefreshDelta {
      AuthorizeRequest.requireText(accountId, "accountId");
      AuthorizeRequest.requireText(transactionId, "transactionId");
    }
  }

  /** Mutable builder for {@link DetailOptions}; starts from the defaults. */
  public static final class Builder {
    private Boolean withTransactions = true;
    private Boolean withAccountIdentity = true;
    private Boolean withKyc = true;
    private Boolean withBalance = true;
    private DaysOfTransactions daysOfTransactions = DaysOfTransactions.DAYS_90;
    private List<String> accountsFilter = List.of();
    private LocalDate dateFrom;
    private LocalDate dateTo;
    private Boolean mostRecentCached;
    private Boolean withDetailsAndStatements;
    private NumberOfStatements numberOfStatements;
    private List<RefreshDelta> refreshDelta = List.of();

    private Builder() {}

    public Builder withTransactions(Boolean v) {
      this.withTransactions = v;
      return this;
    }

    public Builder withAccountIdentity(Boolean v) {
      this.withAccountIdentity = v;
      return this;
    }

    public Builder withKyc(Boolean v) {
      this.withKyc = v;
      return this;
    }

    public Builder withBalance(Boolean v) {
      this.withBalance = v;
      return this;
    }

    public Builder daysOfTransactions(DaysOfTransactions v) {
      this.daysOfTransactions = v;
      return this;
    }

    /** {@code 90} or {@code 365} (also {@code 360}). */
    public Builder daysOfTransactions(int days) {
      this.daysOfTransactions = DaysOfTransactions.ofDays(days);
      return this;
    }

    public Builder accountsFilter(List<String> accountIds) {
      this.accountsFilter = Objects.requireNonNull(accountIds, "accountIds");
      return this;
    }

    public Builder dateFrom(LocalDate v) {
      this.dateFrom = v;
      return this;
    }

    public Builder dateTo(LocalDate v) {
      this.dateTo = v;
      return this;
    }

    public Builder mostRecentCached(Boolean v) {
      this.mostRecentCached = v;
      return this;
    }

    public Builder withDetailsAndStatements(Boolean v) {
      this.withDetailsAndStatements = v;
      return this;
    }

    public Builder numberOfStatements(NumberOfStatements v) {
      this.numberOfStatements = v;
      return this;
    }

    public Builder refreshDelta(List<RefreshDelta> v) {
      this.refreshDelta = Objects.requireNonNull(v, "refreshDelta");
      return this;
    }

    public DetailOptions build() {
      return new DetailOptions(
          withTransactions,
          withAccountIdentity,
          withKyc,
          withBalance,
          daysOfTransactions,
          accountsFilter,
          dateFrom,
          dateTo,
          mostRecentCached,
          withDetailsAndStatements,
          numberOfStatements,
          refreshDelta);
    }
  }
}
