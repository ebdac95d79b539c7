package io.flinks4j.bench.chaos;

import io.flinks4j.sandbox.fault.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The faults of a chaos run: about a quarter of all Flinks calls fail (12% 503, 5%
 * TOO_MANY_REQUESTS, 5% connection resets, 2% truncated 200 bodies) and 8% answer 1.5 s late.
 *
 * <p>The sandbox draws the failing faults in the order they were added and stops at the first that
 * fires, so each is given its share divided by what the earlier ones leave: the shares then hold
 * for all calls, not for the calls the earlier faults spared. Latency is drawn on its own and then
 * lets the call proceed (or fail).
 */
final class FaultMix {

  /** A fault and the share of all Flinks calls it should hit. */
  record Share(Fault fault, double share) {}

  private static final Duration LATENCY = Duration.ofMillis(1500);

  private FaultMix() {}

  static List<Share> shares() {
    return List.of(
        new Share(Fault.httpError(503), 0.12),
        new Share(Fault.of(Fault.Kind.TOO_MANY_REQUESTS), 0.05),
        new Share(Fault.of(Fault.Kind.CONNECTION_RESET), 0.05),
        new Share(Fault.of(Fault.Kind.MALFORMED_BODY), 0.02),
        new Share(Fault.latency(LATENCY), 0.08));
  }

  /** The faults to add to the sandbox, in this order, each seeded from {@code seed}. */
  static List<Fault> faults(long seed) {
    List<Fault> faults = new ArrayList<>();
    double spared = 1.0;
    for (Share s : shares()) {
      long faultSeed = seed + faults.size();
      if (s.fault().kind() == Fault.Kind.LATENCY) {
        faults.add(s.fault().withProbability(s.share(), faultSeed));
      } else {
        faults.add(s.fault().withProbability(s.share() / spared, faultSeed));
        spared -= s.share();
      }
    }
    return faults;
  }

  /** {@code 12% HTTP_ERROR 503, 5% TOO_MANY_REQUESTS, ...} for the report. */
  static String describe() {
    return shares().stream()
        .map(s ->
            String.format(
                Locale.ROOT,
                "%.0f%% %s%s",
                s.share() * 100,
                s.fault().kind(),
                switch (s.fault().kind()) {
                  case HTTP_ERROR -> " " + s.fault().status();
                  case LATENCY -> " " + s.fault().latency().toMillis() + " ms";
                  default -> "";
                }))
        .collect(Collectors.joining(", "));
  }
}
