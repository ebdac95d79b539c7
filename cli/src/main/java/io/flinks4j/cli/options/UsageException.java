package io.flinks4j.cli.options;

/**
 * A command line or configuration that cannot work (missing credential, bad URL, port taken), found
 * after parsing; reported like a parse error, with exit code 2.
 */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
