package io.flinks4j.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Postal address of an account holder as the bank reports it; every part may be null.
 *
 * @param civicAddress street address
 * @param city city
 * @param province province or state code
 * @param postalCode postal or ZIP code
 * @param poBox post-office box
 * @param country country code
 * @param extra fields not modelled here, kept as received
 */
public record Address(
    String civicAddress,
    String city,
    String province,
    String postalCode,
    String poBox,
    String country,
    Map<String, JsonNode> extra) {
  public Address {
    extra = Extras.of(extra);
  }

  /** A builder with every field unset (null, or the type's zero). */
  public static Builder builder() {
    return new Builder();
  }

  /** Sets the fields of a {@link Address} by name, so two of the same type cannot be swapped. */
  public static final class Builder {
    private String civicAddress;
    private String city;
    private String province;
    private String postalCode;
    private String poBox;
    private String country;
    private Map<String, JsonNode> extra;

    private Builder() {}

    public Builder civicAddress(String civicAddress) {
      this.civicAddress = civicAddress;
      return this;
    }

    public Builder city(String city) {
      this.city = city;
      return this;
    }

    public Builder province(String province) {
      this.province = province;
      return this;
    }

    public Builder postalCode(String postalCode) {
      this.postalCode = postalCode;
      return this;
    }

    public Builder poBox(String poBox) {
      this.poBox = poBox;
      return this;
    }

    public Builder country(String country) {
      this.country = country;
      return this;
    }

    public Builder extra(Map<String, JsonNode> extra) {
      this.extra = extra;
      return this;
    }

    public Address build() {
      return new Address(civicAddress, city, province, postalCode, poBox, country, extra);
    }
  }
}
