package io.flinks4j.bench.chaos;

import java.time.Duration;

/**
 * One chaos run's knobs. The defaults make every retrieval poll (a 20 s processing delay against a
 * 2 s poll interval) while an instance dies every 10 s, so kills land in every phase of a
 * retrieval.
 *
 * @param jar the shaded bench jar the sync instances run from
 * @param logins logins registered through {@code POST /v1/logins}
 * @param instances sync JVMs sharing the database
 * @param killEvery mean time between two SIGKILLs (each drawn from 0.8x to 1.2x of it)
 * @param cap wall-clock limit of the wait for every retrieval to end
 * @param refreshEvery every n-th login gets a live refresh once its first retrieval is ready
 * @param processingDelay how long the sandbox answers 202 before the data
 * @param pollInterval the engine's poll interval
 * @param seed seed of the fault draws and of the kills' timing and victims
 */
record ChaosSettings(
    String jar,
    int logins,
    int instances,
    Duration killEvery,
    Duration cap,
    int refreshEvery,
    Duration processingDelay,
    Duration pollInterval,
    long seed) {

  static final String USAGE = "ChaosBench <jar> [logins] [instances] [kill every s] [cap min]";

  ChaosSettings {
    if (logins < 1 || instances < 1 || killEvery.isNegative() || killEvery.isZero()) {
      throw new IllegalArgumentException(
          "logins and instances must be at least 1, the kill interval positive");
    }
  }

  /** {@code <jar> [logins=120] [instances=3] [kill every s=10] [cap min=20]}. */
  static ChaosSettings fromArgs(String[] args) {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: " + USAGE);
    }
    return new ChaosSettings(
        args[0],
        intArg(args, 1, 120),
        intArg(args, 2, 3),
        Duration.ofSeconds(intArg(args, 3, 10)),
        Duration.ofMinutes(intArg(args, 4, 20)),
        6,
        Duration.ofSeconds(20),
        Duration.ofSeconds(2),
        20261203L);
  }

  private static int intArg(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }
}
