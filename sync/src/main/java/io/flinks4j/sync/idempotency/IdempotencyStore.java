package io.flinks4j.sync.idempotency;

import io.flinks4j.sync.crypto.FieldCipher;
import io.flinks4j.sync.crypto.LoginIdProtector;
import io.flinks4j.sync.storage.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The remembered {@code Idempotency-Key}s of {@code /v1} writes, in the database so that every
 * instance sharing it sees the same keys: the table's primary key (API key name, key) decides which
 * of several requests with one key runs, and the others get its answer, or learn that it still runs
 * or that the key was used for another request.
 *
 * <p>Keys and request fingerprints are stored as keyed HMACs under the keyring's lookup keys and
 * answers sealed with its current key (an answer may carry a loginId or a relaunch URL). A key
 * first used before a key rotation is still found while its key stays in the ring ({@code flinks4j
 * rotate-key} re-seals kept answers, but cannot rewrite a hash without the key itself): keep an old
 * key at least the TTL after rotating. A key is remembered for the configured time from its first
 * use; {@link #purgeExpired()} drops older ones. Thread-safe.
 */
public final class IdempotencyStore {

  /**
   * A claim still in flight after this long is taken to be abandoned (its instance died
   * mid-request) and may be claimed again; far longer than any write route takes, Flinks calls and
   * their timeouts included.
   */
  static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);

  /** What a request with an {@code Idempotency-Key} is to do. */
  public sealed interface Claim {}

  /**
   * This request owns the key: run it, then {@link #complete} or {@link #release} with this claim.
   */
  public record Claimed(String token) implements Claim {}

  /** The key's first request is answered: send this answer again. */
  public record Replay(int status, String contentType, byte[] body) implements Claim {
    public Replay {
      body = body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }
  }

  /** The key's first request still runs. */
  public record InFlight() implements Claim {}

  /** The key was first used with another request (method, path or body). */
  public record Mismatch() implements Claim {}

  private final Database database;
  private final LoginIdProtector protector;
  private final Duration ttl;
  private final Clock clock;

  /**
   * @param protector the service's cipher and keyed hash (the loginId protector: one master key for
   *     all at rest)
   * @param ttl how long a key is remembered from its first use
   */
  public IdempotencyStore(
      Database database, LoginIdProtector protector, Duration ttl, Clock clock) {
    this.database = Objects.requireNonNull(database);
    this.protector = Objects.requireNonNull(protector);
    this.ttl = Objects.requireNonNull(ttl);
    this.clock = Objects.requireNonNull(clock);
  }

  /**
   * Claims {@code key} of the API key named {@code apiKeyName} for a request whose method, path and
   * body digest to {@code requestDigest}, or says what became of the key's first request.
   *
   * @throws io.flinks4j.sync.storage.StorageException when the database fails
   */
  public Claim claim(String apiKeyName, String key, String requestDigest) {
    List<String> keyHashes = keyed(key);
    List<String> requestHashes = keyed(requestDigest);
    String keyHash = keyHashes.getFirst();
    String requestHash = requestHashes.getFirst();
    // A stale row removed in one round leaves the key free for the next; a third round only loses a
    // race again.
    for (int round = 0; round < 3; round++) {
      Instant now = clock.instant();
      String token = UUID.randomUUID().toString();
      Optional<Claim> decided =
          database.inTransaction(c -> {
            for (int older = 1;
                older < keyHashes.size();
                older++) { // first used under a key rotated out since
              Optional<Claim> earlier =
                  decide(c, apiKeyName, keyHashes.get(older), requestHashes.get(older), now);
              if (earlier.isPresent()) {
                return earlier;
              }
            }
            if (insert(c, apiKeyName, keyHash, requestHash, token, now) == 1) {
              return Optional.of(new Claimed(token));
            }
            return decide(c, apiKeyName, keyHash, requestHash, now);
          });
      if (decided.isPresent()) {
        return decided.get();
      }
    }
    return new InFlight();
  }

  /** Stores the answer of a claimed request, replayed from now on. */
  public void complete(
      String apiKeyName, String key, Claimed claim, int status, String contentType, byte[] body) {
    String sealed = protector.cipher().seal(FieldCipher.Purpose.IDEMPOTENT_ANSWER, body);
    database.inTransaction(c -> {
      try (PreparedStatement ps =
          c.prepareStatement(
              "update idempotency_keys set response_status = ?,"
                  + " response_type = ?, response_body = ? where api_key_name = ? and key_hash = ? and claim_token = ?"
                  + " and response_status is null")) {
        ps.setInt(1, status);
        ps.setString(2, contentType);
        ps.setString(3, sealed);
        ps.setString(4, apiKeyName);
        ps.setString(5, keyed(key).getFirst());
        ps.setString(6, claim.token());
        return ps.executeUpdate();
      }
    });
  }

  /**
   * Forgets a claimed key whose request did not write anything, so that a retry with it runs again.
   */
  public void release(String apiKeyName, String key, Claimed claim) {
    database.inTransaction(c -> delete(c, apiKeyName, keyed(key).getFirst(), claim.token()));
  }

  /** Drops the keys remembered longer than the configured time; returns how many. */
  public int purgeExpired() {
    return database.inTransaction(c -> {
      try (PreparedStatement ps =
          c.prepareStatement("delete from idempotency_keys where expires_at <= ?")) {
        ps.setObject(1, clock.instant().atOffset(ZoneOffset.UTC));
        return ps.executeUpdate();
      }
    });
  }

  private int insert(
      Connection c,
      String apiKeyName,
      String keyHash,
      String requestHash,
      String token,
      Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into idempotency_keys (api_key_name, key_hash,"
                + " request_hash, claim_token, created_at, expires_at) values (?, ?, ?, ?, ?, ?) on conflict do nothing")) {
      ps.setString(1, apiKeyName);
      ps.setString(2, keyHash);
      ps.setString(3, requestHash);
      ps.setString(4, token);
      ps.setObject(5, now.atOffset(ZoneOffset.UTC));
      ps.setObject(6, now.plus(ttl).atOffset(ZoneOffset.UTC));
      return ps.executeUpdate();
    }
  }

  /**
   * The fate of a key another request holds; empty when its row was stale (now removed) or gone
   * meanwhile.
   */
  private Optional<Claim> decide(
      Connection c, String apiKeyName, String keyHash, String requestHash, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select request_hash, claim_token, created_at, expires_at,"
                + " response_status, response_type, response_body from idempotency_keys where api_key_name = ?"
                + " and key_hash = ?")) {
      ps.setString(1, apiKeyName);
      ps.setString(2, keyHash);
      try (ResultSet row = ps.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        Integer status = row.getObject("response_status", Integer.class);
        Instant created = row.getObject("created_at", OffsetDateTime.class).toInstant();
        Instant expires = row.getObject("expires_at", OffsetDateTime.class).toInstant();
        if (!now.isBefore(expires)
            || (status == null && !now.isBefore(created.plus(ABANDONED_AFTER)))) {
          delete(c, apiKeyName, keyHash, row.getString("claim_token"));
          return Optional.empty();
        }
        if (!row.getString("request_hash").equals(requestHash)) {
          return Optional.of(new Mismatch());
        }
        if (status == null) {
          return Optional.of(new InFlight());
        }
        byte[] body =
            protector
                .cipher()
                .open(FieldCipher.Purpose.IDEMPOTENT_ANSWER, row.getString("response_body"));
        return Optional.of(new Replay(status, row.getString("response_type"), body));
      }
    }
  }

  private static int delete(Connection c, String apiKeyName, String keyHash, String token)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "delete from idempotency_keys where api_key_name = ?"
                + " and key_hash = ? and claim_token = ?")) { // the token names one claim: a newer
      // one is left alone
      ps.setString(1, apiKeyName);
      ps.setString(2, keyHash);
      ps.setString(3, token);
      return ps.executeUpdate();
    }
  }

  /**
   * HMACs of the text's SHA-256 under every lookup key of the ring, the current one first (the same
   * order for every text, so a key's and its request's hashes pair up): the hex digest in between
   * keeps letter case significant (the HMAC folds it).
   */
  private List<String> keyed(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return protector.lookupHashes(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "IdempotencyStore[ttl=" + ttl + "]";
  }
}
