package io.coffer.registry.domain;

/** A registry operation refused for a reason the client should see. */
public final class RegistryException extends RuntimeException {
  private final ErrorKind kind;
  private final Object detail;

  public RegistryException(ErrorKind kind, String message) {
    this(kind, message, null);
  }

  public RegistryException(ErrorKind kind, String message, Object detail) {
    super(message);
    this.kind = kind;
    this.detail = detail;
  }

  public ErrorKind kind() {
    return kind;
  }

  public Object detail() {
    return detail;
  }
}
