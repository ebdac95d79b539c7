package io.flinks4j.sandbox.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure to inject into Flinks API answers, like WireMock's {@code Fault} or MockWebServer's
 * {@code SocketPolicy}: what goes wrong, where (endpoint and/or login), how often (probability with
 * a seed, so a run is reproducible) and how many times.
 *
 * @param endpoint Flinks endpoint name (e.g. {@code GetAccountsDetailAsync}), or null for all
 * @param loginId only requests about this login, or null for all
 * @param status HTTP status for {@link Kind#HTTP_ERROR}
 * @param latency delay before answering for {@link Kind#LATENCY}
 * @param probability chance of firing on a matching request, 0 to 1
 * @param seed seed of the probability draws; null for a random seed
 * @param times how many times it may fire, or null for no limit
 */
public record Fault(
    Kind kind,
    String endpoint,
    String loginId,
    int status,
    Duration latency,
    double probability,
    Long seed,
    Integer times) {

  /** What goes wrong. */
  public enum Kind {
    /** The answer comes late (then proceeds normally unless another fault fires). */
    LATENCY,
    /** A 5xx answer as a proxy or a crashed server gives it. */
    HTTP_ERROR,
    /** 401 with FlinksCode TOO_MANY_REQUESTS (Flinks throttles with 401, not 429). */
    TOO_MANY_REQUESTS,
    /** The connection is dropped without an answer. */
    CONNECTION_RESET,
    /** 200 with an empty body. */
    EMPTY_BODY,
    /** 200 with a truncated JSON body. */
    MALFORMED_BODY
  }

  public Fault {
    Objects.requireNonNull(kind, "kind");
    if (probability < 0 || probability > 1) {
      throw new IllegalArgumentException("probability must be between 0 and 1");
    }
    if (kind == Kind.HTTP_ERROR && (status < 500 || status > 599)) {
      throw new IllegalArgumentException("an HTTP error fault needs a 5xx status");
    }
    if (kind == Kind.LATENCY && (latency == null || latency.isNegative())) {
      throw new IllegalArgumentException("a latency fault needs a non-negative latency");
    }
    if (times != null && times < 1) {
      throw new IllegalArgumentException("times must be at least 1");
    }
  }

  public static Fault of(Kind kind) {
    return new Fault(kind, null, null, kind == Kind.HTTP_ERROR ? 503 : 0, null, 1.0, null, null);
  }

  public static Fault latency(Duration latency) {
    return new Fault(Kind.LATENCY, null, null, 0, latency, 1.0, null, null);
  }

  public static Fault httpError(int status) {
    return new Fault(Kind.HTTP_ERROR, null, null, status, null, 1.0, null, null);
  }

  public Fault onEndpoint(String name) {
    return new Fault(kind, name, loginId, status, latency, probability, seed, times);
  }

  public Fault forLogin(String id) {
    return new Fault(kind, endpoint, id, status, latency, probability, seed, times);
  }

  public Fault withProbability(double value, long seedValue) {
    return new Fault(kind, endpoint, loginId, status, latency, value, seedValue, times);
  }

  public Fault times(int count) {
    return new Fault(kind, endpoint, loginId, status, latency, probability, seed, count);
  }

  @Override
  public String toString() {
    return "Fault["
        + kind
        + (endpoint != null ? " on " + endpoint : "")
        + (loginId != null ? " for a login" : "")
        + ", probability="
        + probability
        + (times != null ? ", times=" + times : "")
        + "]";
  }
}
