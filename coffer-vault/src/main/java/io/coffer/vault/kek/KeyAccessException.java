package io.coffer.vault.kek;

/**
 * A key-encryption key could not be used. The cause is typed so the registry can name it to the
 * user (revoked access, disabled key, unreachable vault) and content stays intact.
 */
public final class KeyAccessException extends Exception {
  public enum Cause { KEY_NOT_FOUND, ACCESS_DENIED, KEY_DISABLED, UNREACHABLE, INVALID_WRAPPED_KEY, IDENTITY_INACTIVE }

  private final Cause cause;

  public KeyAccessException(Cause cause, String message) {
    super(message);
    this.cause = cause;
  }

  public KeyAccessException(Cause cause, String message, Throwable t) {
    super(message, t);
    this.cause = cause;
  }

  public Cause reason() {
    return cause;
  }
}
