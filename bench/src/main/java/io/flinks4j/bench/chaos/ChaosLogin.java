package io.flinks4j.bench.chaos;

/**
 * A sandbox login of the run: its username names it in the report, its loginId (a credential at
 * Flinks) is only sent, never printed.
 */
record ChaosLogin(String username, String loginId) {

  @Override
  public String toString() {
    return username;
  }
}
