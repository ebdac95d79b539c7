package io.flinks4j.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * One bank transaction. Flinks sends debit and credit as separate nullable amounts and sometimes
 * both at once, so both are kept as sent and {@link #netAmount()} combines them.
 *
 * @param id Flinks transaction id (a random GUID, unique per transaction)
 * @param date posting date
 * @param description description as shown by the bank
 * @param debit money out, or null
 * @param credit money in, or null
 * @param balance account balance after the transaction, or null
 * @param code deprecated code, normally null
 * @param extra fields not modelled here (and values that could not be converted), kept as received
 */
public record Transaction(
    String id,
    @JsonSerialize(using = ToStringSerializer.class) LocalDate date,
    String description,
    BigDecimal debit,
    BigDecimal credit,
    BigDecimal balance,
    String code,
    Map<String, JsonNode> extra) {

  public Transaction {
    extra = Extras.of(extra);
  }

  /** {@code credit - debit}, treating a missing side as zero: positive means money in. */
  public BigDecimal netAmount() {
    BigDecimal in = credit == null ? BigDecimal.ZERO : credit;
    return debit == null ? in : in.subtract(debit);
  }

  /** A builder with every field unset (null, or the type's zero). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sets the fields of a {@link Transaction} by name, so two of the same type cannot be swapped.
   */
  public static final class Builder {
    private String id;
    private LocalDate date;
    private String description;
    private BigDecimal debit;
    private BigDecimal credit;
    private BigDecimal balance;
    private String code;
    private Map<String, JsonNode> extra;

    private Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder date(LocalDate date) {
      this.date = date;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder debit(BigDecimal debit) {
      this.debit = debit;
      return this;
    }

    public Builder credit(BigDecimal credit) {
      this.credit = credit;
      return this;
    }

    public Builder balance(BigDecimal balance) {
      this.balance = balance;
      return this;
    }

    public Builder code(String code) {
      this.code = code;
      return this;
    }

    public Builder extra(Map<String, JsonNode> extra) {
      this.extra = extra;
      return this;
    }

    public Transaction build() {
      return new Transaction(id, date, description, debit, credit, balance, code, extra);
    }
  }
}
