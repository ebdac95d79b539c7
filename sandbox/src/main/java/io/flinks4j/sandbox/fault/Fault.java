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
    return Fault.builder()
        .kind(kind)
        .status(kind == Kind.HTTP_ERROR ? 503 : 0)
        .probability(1.0)
        .build();
  }

  public static Fault latency(Duration latency) {
    return Fault.builder().kind(Kind.LATENCY).latency(latency).probability(1.0).build();
  }

  public static Fault httpError(int status) {
    return Fault.builder().kind(Kind.HTTP_ERROR).status(status).probability(1.0).build();
  }

  public Fault onEndpoint(String name) {
    return toBuilder().endpoint(name).build();
  }

  public Fault forLogin(String id) {
    return toBuilder().loginId(id).build();
  }

  public Fault withProbability(double value, long seedValue) {
    return toBuilder().probability(value).seed(seedValue).build();
  }

  public Fault times(int count) {
    return toBuilder().times(count).build();
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

  /** A builder with every field unset (null, or the type's zero). */
  public static Builder builder() {
    return new Builder();
  }

  private Builder toBuilder() {
    return builder()
        .kind(kind)
        .endpoint(endpoint)
        .loginId(loginId)
        .status(status)
        .latency(latency)
        .probability(probability)
        .seed(seed)
        .times(times);
  }

  /** Sets the fields of a {@link Fault} by name, so two of the same type cannot be swapped. */
  public static final class Builder {
    private Kind kind;
    private String endpoint;
    private String loginId;
    private int status;
    private Duration latency;
    private double probability;
    private Long seed;
    private Integer times;

    private Builder() {}

    public Builder kind(Kind kind) {
      this.kind = kind;
      return this;
    }

    public Builder endpoint(String endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    public Builder loginId(String loginId) {
      this.loginId = loginId;
      return this;
    }

    public Builder status(int status) {
      this.status = status;
      return this;
    }

    public Builder latency(Duration latency) {
      this.latency = latency;
      return this;
    }

    public Builder probability(double probability) {
      this.probability = probability;
      return this;
    }

    public Builder seed(Long seed) {
      this.seed = seed;
      return this;
    }

    public Builder times(Integer times) {
      this.times = times;
      return this;
    }

    public Fault build() {
      return new Fault(kind, endpoint, loginId, status, latency, probability, seed, times);
    }
  }
}
