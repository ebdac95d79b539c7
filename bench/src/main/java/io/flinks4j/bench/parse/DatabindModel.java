package io.flinks4j.bench.parse;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Records shaped like the client model (same fields, same Java types), bound by plain Jackson
 * databind: what a team would write instead of flinks4j's streaming binder. Unknown fields are
 * ignored rather than kept, which favours the baseline.
 */
final class DatabindModel {

  private DatabindModel() {}

  static ObjectMapper mapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }

  record Detail(
      @JsonProperty("HttpStatusCode") Integer httpStatusCode,
      @JsonProperty("Accounts") List<Account> accounts,
      @JsonProperty("InstitutionName") String institutionName,
      @JsonProperty("Login") Login login,
      @JsonProperty("InstitutionId") Integer institutionId,
      @JsonProperty("Institution") String institution,
      @JsonProperty("RequestId") String requestId,
      @JsonProperty("Tag") String tag,
      @JsonProperty("ResponseType") String responseType) {}

  record Account(
      @JsonProperty("Id") String id,
      @JsonProperty("Title") String title,
      @JsonProperty("Type") String type,
      @JsonProperty("Category") String category,
      @JsonProperty("AccountType") String accountType,
      @JsonProperty("Currency") String currency,
      @JsonProperty("AccountNumber") String accountNumber,
      @JsonProperty("LastFourDigits") String lastFourDigits,
      @JsonProperty("TransitNumber") String transitNumber,
      @JsonProperty("InstitutionNumber") String institutionNumber,
      @JsonProperty("OverdraftLimit") BigDecimal overdraftLimit,
      @JsonProperty("Balance") Balance balance,
      @JsonProperty("Holder") Holder holder,
      @JsonProperty("Transactions") List<Transaction> transactions,
      @JsonProperty("EftEligibleRatio") BigDecimal eftEligibleRatio,
      @JsonProperty("ETransferEligibleRatio") BigDecimal eTransferEligibleRatio) {}

  record Transaction(
      @JsonProperty("Id") String id,
      @JsonProperty("Date") LocalDate date,
      @JsonProperty("Description") String description,
      @JsonProperty("Debit") BigDecimal debit,
      @JsonProperty("Credit") BigDecimal credit,
      @JsonProperty("Balance") BigDecimal balance,
      @JsonProperty("Code") String code) {}

  record Balance(
      @JsonProperty("Available") BigDecimal available,
      @JsonProperty("Current") BigDecimal current,
      @JsonProperty("Limit") BigDecimal limit) {}

  record Holder(
      @JsonProperty("Name") String name,
      @JsonProperty("Address") Address address,
      @JsonProperty("Email") String email,
      @JsonProperty("PhoneNumber") String phoneNumber) {}

  record Address(
      @JsonProperty("CivicAddress") String civicAddress,
      @JsonProperty("City") String city,
      @JsonProperty("Province") String province,
      @JsonProperty("PostalCode") String postalCode,
      @JsonProperty("POBox") String poBox,
      @JsonProperty("Country") String country) {}

  record Login(
      @JsonProperty("Id") String id,
      @JsonProperty("Username") String username,
      @JsonProperty("IsScheduledRefresh") Boolean isScheduledRefresh,
      @JsonProperty("LastRefresh") LocalDateTime lastRefresh,
      @JsonProperty("Type") String type) {}
}
