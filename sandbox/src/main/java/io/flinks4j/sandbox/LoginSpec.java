package io.flinks4j.sandbox;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

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
    Draft d = new Draft();
    d.username = username;
    d.password = DEFAULT_PASSWORD;
    d.institution = "FlinksCapital";
    d.mfaRounds = 1;
    d.mfaType = MfaType.QUESTION_AND_ANSWER;
    d.behaviour = Behaviour.NORMAL;
    d.accounts = 4;
    d.transactionsPerYear = 2_000;
    return d.build();
  }

  public LoginSpec withLoginId(String id) {
    return with(d -> d.loginId = id);
  }

  public LoginSpec withPassword(String value) {
    return with(d -> d.password = value);
  }

  /** A login at another institution (a code of the sandbox's list, e.g. {@code ContosoBank}). */
  public LoginSpec withInstitution(String code) {
    return with(d -> d.institution = code);
  }

  /** Asks the three documented security questions, spread over {@code rounds} 203 answers. */
  public LoginSpec withMfa(int rounds) {
    return with(d -> {
      d.mfa = true;
      d.mfaRounds = rounds;
      d.mfaType = MfaType.QUESTION_AND_ANSWER;
    });
  }

  /**
   * Asks one kind of security challenge (the text/call kinds over two rounds: the phone, then the
   * code).
   */
  public LoginSpec withMfa(MfaType type) {
    return with(d -> {
      d.mfa = true;
      d.mfaRounds = type == MfaType.QUESTION_AND_ANSWER ? mfaRounds : 1;
      d.mfaType = type;
    });
  }

  public LoginSpec withBehaviour(Behaviour value) {
    return with(d -> d.behaviour = value);
  }

  public LoginSpec withAccounts(int value) {
    return with(d -> d.accounts = value);
  }

  public LoginSpec withTransactionsPerYear(int value) {
    return with(d -> d.transactionsPerYear = value);
  }

  public LoginSpec withProcessingDelay(Duration value) {
    return with(d -> d.processingDelay = value);
  }

  public LoginSpec withSeed(long value) {
    return with(d -> d.seed = value);
  }

  /** A copy of this with {@code change} applied: the one place every field is passed on. */
  private LoginSpec with(Consumer<Draft> change) {
    Draft d = new Draft();
    d.loginId = loginId;
    d.username = username;
    d.password = password;
    d.institution = institution;
    d.mfa = mfa;
    d.mfaRounds = mfaRounds;
    d.mfaType = mfaType;
    d.behaviour = behaviour;
    d.accounts = accounts;
    d.transactionsPerYear = transactionsPerYear;
    d.processingDelay = processingDelay;
    d.seed = seed;
    change.accept(d);
    return d.build();
  }

  /** The fields of a spec being derived, set by name. */
  private static final class Draft {
    String loginId;
    String username;
    String password;
    String institution;
    boolean mfa;
    int mfaRounds;
    MfaType mfaType;
    Behaviour behaviour;
    int accounts;
    int transactionsPerYear;
    Duration processingDelay;
    Long seed;

    LoginSpec build() {
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
          seed);
    }
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
