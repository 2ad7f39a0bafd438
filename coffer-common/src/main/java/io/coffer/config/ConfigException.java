package io.coffer.config;

/** A configuration that cannot be used; the message says what to fix. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
