package io.flinks4j.sandbox.data;

/** The account holder as the bank reports it (KYC data); {@code address} fields may be null. */
public record Holder(String name, Address address, String email, String phoneNumber) {

  /** A Canadian postal address. */
  public record Address(
      String civicAddress,
      String city,
      String province,
      String postalCode,
      String poBox,
      String country) {}
}
