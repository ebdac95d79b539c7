package io.flinks4j.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Recipe for a login created at run time ({@link FlinksSandbox#createLogin}, {@code POST
 * /sandbox/logins}). Build one with {@link #named(String)} and the {@code with…} methods.
 *
 * @param loginId fixed GUID, or null to mint a random one
 * @param mfaRounds how many 203 rounds the three security questions are spread over (1 to 3); the
 *     text/call kinds always take two (the phone, then the code)
 * @param mfaType the kind of security challenge asked when {@code mfa} (see {@link MfaType})
 * @param transactionsPerYear target number of transactions over 365 days, all accounts (max
 *     100,000)
 * @param processingDelay time from /Authorize until data is ready, or null for the sandbox default
 * @param seed seed of the data generator, or null to derive it from the loginId
 */
public record LoginSpec(
    String loginId,
    String username,
    String password,
    String institution,
    boolean mfa,
    int mfaRounds,
    MfaType mfaType,
    Behaviour behaviour,
    int accounts,
    int transactionsPerYear,
    Duration processingDelay,
    Long seed) {

  public static final String DEFAULT_PASSWORD = "Everyday";
  public static final int MAX_TRANSACTIONS = 100_000;

  public LoginSpec {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(institution, "institution");
    Objects.requireNonNull(behaviour, "behaviour");
    Objects.requireNonNull(mfaType, "mfaType");
    if (username.isBlank()) {
      throw new IllegalArgumentException("username must not be blank");
    }
    if (mfaRounds < 1 || mfaRounds > 3) {
      throw new IllegalArgumentException("mfaRounds must be between 1 and 3");
    }
    if (accounts < 1 || accounts > 20) {
      throw new IllegalArgumentException("accounts must be between 1 and 20");
    }
    if (transactionsPerYear < 0 || transactionsPerYear > MAX_TRANSACTIONS) {
      throw new IllegalArgumentException(
          "transactionsPerYear must be between 0 and " + MAX_TRANSACTIONS);
    }
    if (processingDelay != null && processingDelay.isNegative()) {
      throw new IllegalArgumentException("processingDelay must not be negative");
    }
  }

  /** A normal FlinksCapital login without MFA: 4 accounts, about 2,000 transactions a year. */
  public static LoginSpec named(String username) {
    return new LoginSpec(
        null,
        username,
        DEFAULT_PASSWORD,
        "FlinksCapital",
        false,
        1,
        MfaType.QUESTION_AND_ANSWER,
        Behaviour.NORMAL,
        4,
        2_000,
        null,
        null);
  }

  public LoginSpec withLoginId(String id) {
    return new LoginSpec(
        id,
        username,
        password,
        institution,
        mfa,
        mfaRounds,
        mfaType,
        behaviour,
        accounts,
        transactionsPerYear,
        processingDelay,
        seed);
  }

  public LoginSpec withPassword(String value) {
    return new LoginSpec(
        loginId,
        username,
        value,
        institution,
        mfa,
        mfaRounds,
        mfaType,
        behaviour,
        accounts,
        transactionsPerYear,
        processingDelay,
        seed);
  }

  /** A login at another institution (a code of the sandbox's list, e.g. {@code ContosoBank}). */
  public LoginSpec withInstitution(String code) {
    return new LoginSpec(
        loginId,
        username,
        password,
        code,
        mfa,
        mfaRounds,
        mfaType,
        behaviour,
        accounts,
        transactionsPerYear,
        processingDelay,
        seed);
  }

  /** Asks the three documented security questions, spread over {@code rounds} 203 answers. */
  public LoginSpec withMfa(int rounds) {
    return new LoginSpec(
        loginId,
        username,
        password,
        institution,
        true,
        rounds,
        MfaType.QUESTION_AND_ANSWER,
        behaviour,
        accounts,
        transactionsPerYear,
        processingDelay,
        seed);
  }

  /**
   * Asks one kind of security challenge (the text/call kinds over two rounds: the phone, then the
   * code).
   */
  public LoginSpec withMfa(MfaType type) {
    return new LoginSpec(
        loginId,
        username,
        password,
        institution,
        true,
        type == MfaType.QUESTION_AND_ANSWER ? mfaRounds : 1,
        type,
        behaviour,
        accounts,
        transactionsPerYear,
        processingDelay,
        seed);
  }

  public LoginSpec withBehaviour(Behaviour value) {
    return new LoginSpec(
        loginId,
        username,
        password,
        institution,
        mfa,
        mfaRounds,
        mfaType,
        value,
        accounts,
        transactionsPerYear,
        processingDelay,
        seed);
  }

  public LoginSpec withAccounts(int value) {
    return new LoginSpec(
        loginId,
        username,
        password,
        institution,
        mfa,
        mfaRounds,
        mfaType,
        behaviour,
        value,
        transactionsPerYear,
        processingDelay,
        seed);
  }

  public LoginSpec withTransactionsPerYear(int value) {
    return new LoginSpec(
        loginId,
        username,
        password,
        institution,
        mfa,
        mfaRounds,
        mfaType,
        behaviour,
        accounts,
        value,
        processingDelay,
        seed);
  }

  public LoginSpec withProcessingDelay(Duration value) {
    return new LoginSpec(
        loginId,
        username,
        password,
        institution,
        mfa,
        mfaRounds,
        mfaType,
        behaviour,
        accounts,
        transactionsPerYear,
        value,
        seed);
  }

  public LoginSpec withSeed(long value) {
    return new LoginSpec(
        loginId,
        username,
        password,
        institution,
        mfa,
        mfaRounds,
        mfaType,
        behaviour,
        accounts,
        transactionsPerYear,
        processingDelay,
        value);
  }

  @Override
  public String toString() {
    return "LoginSpec[username="
        + username
        + ", institution="
        + institution
        + ", mfa="
        + (mfa ? mfaType.wireName() : "none")
        + ", behaviour="
        + behaviour
        + ", accounts="
        + accounts
        + ", transactionsPerYear="
        + transactionsPerYear
        + "]";
  }
}
