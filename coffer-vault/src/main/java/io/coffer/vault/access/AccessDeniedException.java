package io.coffer.vault.access;

/** The vault refuses an operation: no permission (policy or role), or the firewall. */
public final class AccessDeniedException extends Exception {
  public enum Reason { NO_PERMISSION, FIREWALL }

  private final Reason reason;

  public AccessDeniedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
