package io.coffer.registry.encryption;

/**
 * A customer key cannot be used as asked: the reason is typed so the control plane can answer
 * with the right status, and the message names the key, the identity and the cause.
 */
public final class CustomerKeyException extends Exception {
  public enum Reason { INVALID_KEY_ID, KEY_NOT_FOUND, UNSUPPORTED_KEY_TYPE, KEY_DISABLED, ACCESS_DENIED,
    IDENTITY_INACTIVE, VAULT_UNREACHABLE }

  private final Reason reason;

  public CustomerKeyException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public CustomerKeyException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
