package io.flinks4j.sandbox.fault;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/** The active faults, consulted once per Flinks API request. */
public final class Faults {

  /**
   * What to do with one request: wait {@code latency}, then fail with {@code failure} (null =
   * proceed).
   */
  public record Decision(Duration latency, Fault failure) {
    static final Decision NONE = new Decision(Duration.ZERO, null);

    public boolean none() {
      return this == NONE;
    }
  }

  private final List<Active> active = new CopyOnWriteArrayList<>();

  private static final class Active {
    final Fault fault;
    final SplittableRandom random;
    int remaining;

    Active(Fault fault) {
      this.fault = fault;
      this.random =
          fault.seed() != null ? new SplittableRandom(fault.seed()) : new SplittableRandom();
      this.remaining = fault.times() != null ? fault.times() : Integer.MAX_VALUE;
    }

    synchronized boolean fires(String endpoint, String loginId) {
      if (remaining <= 0) {
        return false;
      }
      if (fault.endpoint() != null && !fault.endpoint().equalsIgnoreCase(endpoint)) {
        return false;
      }
      if (fault.loginId() != null
          && (loginId == null || !fault.loginId().equalsIgnoreCase(loginId))) {
        return false;
      }
      if (fault.probability() < 1.0 && random.nextDouble() >= fault.probability()) {
        return false;
      }
      remaining--;
      return true;
    }
  }

  public void add(Fault fault) {
    active.add(new Active(fault));
  }

  public void clear() {
    active.clear();
  }

  /** True when no fault is active: a request then needs no fault decision at all. */
  public boolean isEmpty() {
    return active.isEmpty();
  }

  public List<Fault> list() {
    return active.stream().map(a -> a.fault).toList();
  }

  /** Draws the faults for a request to {@code endpoint} about {@code loginIdOrNull}. */
  public Decision decide(String endpoint, String loginIdOrNull) {
    if (active.isEmpty()) {
      return Decision.NONE;
    }
    Duration latency = Duration.ZERO;
    Fault failure = null;
    String login = loginIdOrNull == null ? null : loginIdOrNull.toLowerCase(Locale.ROOT);
    for (Active a : active) {
      if (a.fault.kind() == Fault.Kind.LATENCY) {
        if (a.fires(endpoint, login)) {
          latency = latency.plus(a.fault.latency());
        }
      } else if (failure == null && a.fires(endpoint, login)) {
        failure = a.fault;
      }
    }
    return latency.isZero() && failure == null ? Decision.NONE : new Decision(latency, failure);
  }
}
