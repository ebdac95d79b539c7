package io.flinks4j.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flinks4j.sandbox.fault.Fault;
import io.flinks4j.sandbox.fault.Faults;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultMixTest {

  private static final int CALLS = 200_000;

  @Test
  void each_fault_hits_its_share_of_all_calls_although_the_sandbox_stops_at_the_first_failure() {
    Faults faults = new Faults();
    FaultMix.faults(7).forEach(faults::add);
    Map<Fault.Kind, Integer> hits = new EnumMap<>(Fault.Kind.class);
    for (int i = 0; i < CALLS; i++) {
      Faults.Decision decision = faults.decide("GetAccountsDetailAsync", null);
      if (decision.failure() != null) {
        hits.merge(decision.failure().kind(), 1, Integer::sum);
      }
      if (!decision.latency().isZero()) {
        hits.merge(Fault.Kind.LATENCY, 1, Integer::sum);
      }
    }

    for (FaultMix.Share share : FaultMix.shares()) {
      assertThat(hits.get(share.fault().kind()) / (double) CALLS)
          .as(share.fault().kind().name())
          .isCloseTo(share.share(), within(0.004));
    }
  }
}
