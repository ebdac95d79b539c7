package io.flinks4j.sync.config;

/**
 * Thrown at startup when the configuration is unusable, with a message naming the key but never its
 * value.
 */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
