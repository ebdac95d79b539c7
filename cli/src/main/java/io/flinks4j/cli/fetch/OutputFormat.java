package io.flinks4j.cli.fetch;

/** How {@code fetch} prints the data it retrieved. */
public enum OutputFormat {
  /** Accounts with balances and transaction counts, for people. */
  TABLE,
  /** The parsed model as JSON (loginId and bank username masked). */
  JSON,
  /** The final 200 body exactly as Flinks sent it, byte for byte. */
  RAW
}
