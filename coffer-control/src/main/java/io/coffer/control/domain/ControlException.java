package io.coffer.control.domain;

/** A control-plane request refused; {@code code} is the ARM error code users see. */
public final class ControlException extends RuntimeException {
  public enum Kind { BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT }

  private final Kind kind;
  private final String code;

  public ControlException(Kind kind, String code, String message) {
    super(message);
    this.kind = kind;
    this.code = code;
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }
}
