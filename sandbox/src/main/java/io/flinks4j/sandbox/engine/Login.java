package io.flinks4j.sandbox.engine;

import io.flinks4j.sandbox.Behaviour;
import io.flinks4j.sandbox.GroundTruth;
import io.flinks4j.sandbox.MfaType;
import io.flinks4j.sandbox.SandboxLogin;
import io.flinks4j.sandbox.data.DataGenerator;
import io.flinks4j.sandbox.data.DetailOptions;
import io.flinks4j.sandbox.data.PayloadWriter;
import io.flinks4j.sandbox.data.Portfolio;
import io.flinks4j.sandbox.data.Revisions;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A saved connection at the emulated bank (what a Flinks loginId names): credentials, behaviour,
 * and the history of data versions. Version 0 is the aggregation at creation; each successful live
 * refresh adds one. Generated data and serialized payloads are cached per version.
 */
public final class Login {

  /** The definition of a login; immutable. */
  record Definition(
      String id,
      Institution institution,
      String username,
      String password,
      String language,
      Behaviour behaviour,
      List<MfaQuestion> mfaQuestions,
      int mfaRounds,
      int accounts,
      int transactionsPerYear,
      Duration processingDelay,
      long seed) {

    @Override
    public String toString() {
      return "Definition[" + institution.code() + "/" + username + ", behaviour=" + behaviour + "]";
    }

    /** A builder with every field unset (null, or the type's zero). */
    static Builder builder() {
      return new Builder();
    }

    /**
     * Sets the fields of a {@link Definition} by name, so two of the same type cannot be swapped.
     */
    static final class Builder {
      private String id;
      private Institution institution;
      private String username;
      private String password;
      private String language;
      private Behaviour behaviour;
      private List<MfaQuestion> mfaQuestions;
      private int mfaRounds;
      private int accounts;
      private int transactionsPerYear;
      private Duration processingDelay;
      private long seed;

      private Builder() {}

      Builder id(String id) {
        this.id = id;
        return this;
      }

      Builder institution(Institution institution) {
        this.institution = institution;
        return this;
      }

      Builder username(String username) {
        this.username = username;
        return this;
      }

      Builder password(String password) {
        this.password = password;
        return this;
      }

      Builder language(String language) {
        this.language = language;
        return this;
      }

      Builder behaviour(Behaviour behaviour) {
        this.behaviour = behaviour;
        return this;
      }

      Builder mfaQuestions(List<MfaQuestion> mfaQuestions) {
        this.mfaQuestions = mfaQuestions;
        return this;
      }

      Builder mfaRounds(int mfaRounds) {
        this.mfaRounds = mfaRounds;
        return this;
      }

      Builder accounts(int accounts) {
        this.accounts = accounts;
        return this;
      }

      Builder transactionsPerYear(int transactionsPerYear) {
        this.transactionsPerYear = transactionsPerYear;
        return this;
      }

      Builder processingDelay(Duration processingDelay) {
        this.processingDelay = processingDelay;
        return this;
      }

      Builder seed(long seed) {
        this.seed = seed;
        return this;
      }

      Definition build() {
        return new Definition(
            id,
            institution,
            username,
            password,
            language,
            behaviour,
            mfaQuestions,
            mfaRounds,
            accounts,
            transactionsPerYear,
            processingDelay,
            seed);
      }
    }
  }

  private final Definition definition;
  private final List<Instant> versions = new ArrayList<>();
  private final Map<Integer, Portfolio> portfolios = new HashMap<>();
  // Read-only direct buffers: one per (version, options), shared by every session that reads it,
  // written to sockets without a copy into native memory. Bounded like the portfolios: the current
  // and the previous version only.
  private final Map<PayloadKey, ByteBuffer> payloads = new ConcurrentHashMap<>();
  private boolean lastMfaFailed;
  private Map<String, String> savedAnswers = Map.of();

  private record PayloadKey(int version, DetailOptions options, boolean summary) {}

  Login(Definition definition, Instant createdAt) {
    this.definition = definition;
    this.versions.add(createdAt);
  }

  public String id() {
    return definition.id();
  }

  public Institution institution() {
    return definition.institution();
  }

  public String username() {
    return definition.username();
  }

  public String language() {
    return definition.language();
  }

  public Behaviour behaviour() {
    return definition.behaviour();
  }

  public boolean mfa() {
    return !definition.mfaQuestions().isEmpty();
  }

  /** The kind of challenge this login is asked first, or null without MFA. */
  public MfaType mfaType() {
    return mfa() ? definition.mfaQuestions().getFirst().type() : null;
  }

  public List<MfaQuestion> mfaQuestions() {
    return definition.mfaQuestions();
  }

  /**
   * The questions asked in MFA round {@code round} (0-based); empty when there are no more rounds.
   */
  public List<MfaQuestion> mfaRound(int round) {
    List<MfaQuestion> all = definition.mfaQuestions();
    int rounds = Math.min(definition.mfaRounds(), all.size());
    if (round >= rounds) {
      return List.of();
    }
    int per = (all.size() + rounds - 1) / rounds;
    return all.subList(Math.min(all.size(), round * per), Math.min(all.size(), (round + 1) * per));
  }

  boolean passwordMatches(String password) {
    return password != null && password.equalsIgnoreCase(definition.password());
  }

  Definition definition() {
    return definition;
  }

  public SandboxLogin describe() {
    return SandboxLogin.builder()
        .loginId(id())
        .institution(institution().code())
        .username(username())
        .password(definition.password())
        .mfa(mfa())
        .mfaType(mfaType())
        .behaviour(behaviour())
        .build();
  }

  /** This login's processing delay, or {@code fallback} when it has none of its own. */
  public Duration processingDelay(Duration fallback) {
    return definition.processingDelay() != null ? definition.processingDelay() : fallback;
  }

  public synchronized int dataVersion() {
    return versions.size() - 1;
  }

  public synchronized Instant lastRefresh() {
    return versions.getLast();
  }

  /** When data version {@code version} was aggregated. */
  public synchronized Instant refreshedAt(int version) {
    return versions.get(version);
  }

  /**
   * Records a successful live aggregation at {@code now}: a new data version with the days since.
   */
  synchronized int refresh(Instant now) {
    Instant previous = versions.getLast();
    versions.add(now.isBefore(previous) ? previous : now);
    lastMfaFailed = false;
    int version = versions.size() - 1;
    portfolios.keySet().removeIf(v -> v < version - 1);
    payloads.keySet().removeIf(k -> k.version() < version - 1);
    return version;
  }

  synchronized boolean lastMfaFailed() {
    return lastMfaFailed;
  }

  synchronized void markMfaFailed() {
    lastMfaFailed = true;
  }

  synchronized Map<String, String> savedAnswers() {
    return savedAnswers;
  }

  /** Stores Enhanced-MFA answers; they are checked at the next live call, not now. */
  public synchronized void saveAnswers(Map<String, String> answers) {
    Map<String, String> merged = new HashMap<>(savedAnswers);
    merged.putAll(answers);
    savedAnswers = Map.copyOf(merged);
  }

  /** The bank data as of {@code version}, generated on first use and then cached. */
  public synchronized Portfolio portfolio(int version) {
    return portfolios.computeIfAbsent(version, this::generate);
  }

  private Portfolio generate(int version) {
    List<LocalDate> dates = new ArrayList<>(version + 1);
    for (int v = 0; v <= version; v++) {
      dates.add(LocalDate.ofInstant(versions.get(v), ZoneOffset.UTC));
    }
    LocalDate start = dates.getFirst().minusDays(364);
    Portfolio generated =
        DataGenerator.generate(
            new DataGenerator.Spec(
                definition.seed(),
                definition.accounts(),
                definition.transactionsPerYear(),
                start,
                dates));
    return behaviour() == Behaviour.REVISES_TRANSACTIONS
        ? Revisions.apply(generated, definition.seed(), dates)
        : generated;
  }

  /** The serialized {@code Accounts} array for a detail call, cached per (version, options). */
  public ByteBuffer accountsDetailJson(int version, DetailOptions options) {
    PayloadKey key = new PayloadKey(version, options, false);
    ByteBuffer cached = payloads.get(key);
    if (cached == null) {
      cached = direct(PayloadWriter.accountsDetail(portfolio(version), options));
      ByteBuffer raced = payloads.putIfAbsent(key, cached);
      cached = raced != null ? raced : cached;
    }
    return cached.duplicate();
  }

  /** The serialized {@code Accounts} array for a summary call, cached per version. */
  public ByteBuffer accountsSummaryJson(int version) {
    return payloads
        .computeIfAbsent(
            new PayloadKey(version, DetailOptions.DEFAULT, true),
            k -> direct(PayloadWriter.accountsSummary(portfolio(version))))
        .duplicate();
  }

  private static ByteBuffer direct(byte[] bytes) {
    return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
  }

  public GroundTruth groundTruth() {
    int version = dataVersion();
    Portfolio p = portfolio(version);
    int total = p.accounts().stream().mapToInt(a -> a.transactions().size()).sum();
    return GroundTruth.builder()
        .loginId(id())
        .accounts(p.accounts().size())
        .dataVersion(version)
        .lastRefresh(refreshedAt(version))
        .dataDate(p.dataDate())
        .transactionsLast90Days(p.transactionCount(90))
        .transactionsLast365Days(p.transactionCount(365))
        .transactionsTotal(total)
        .modifiedTransactionIds(p.modifiedIds())
        .removedTransactionIds(p.removedIds())
        .build();
  }

  @Override
  public String toString() {
    return "Login[" + institution().code() + "/" + username() + ", behaviour=" + behaviour() + "]";
  }
}
