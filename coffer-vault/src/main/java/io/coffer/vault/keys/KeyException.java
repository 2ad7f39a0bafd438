package io.coffer.vault.keys;

/**
 * A key operation refused for a reason the client should see. {@code keyVersion} names the version
 * the refusal concerns when one was resolved (the audit log records it).
 */
public final class KeyException extends RuntimeException {
  public enum Kind {
    /** No such key, version or deleted key. */
    NOT_FOUND,
    /** The name belongs to a soft-deleted key. */
    DELETED_NAME_CONFLICT,
    /** A restore names a key the vault already has. */
    ALREADY_EXISTS,
    /** Malformed or unsupported input. */
    BAD_PARAMETER,
    /** The key's state forbids it: disabled, outside nbf/exp, operation not in key_ops, purge protection. */
    NOT_ALLOWED,
    /** The hardware token failed. */
    HSM_UNAVAILABLE
  }

  private final Kind kind;
  private final String keyVersion;
  private final String keyName;

  public KeyException(Kind kind, String message) {
    this(kind, message, null, null);
  }

  public KeyException(Kind kind, String message, String keyVersion, Throwable cause) {
    this(kind, message, keyVersion, null, cause);
  }

  private KeyException(Kind kind, String message, String keyVersion, String keyName, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.keyVersion = keyVersion;
    this.keyName = keyName;
  }

  /** The same refusal, naming the key it concerns when the request did not (a restore). */
  public KeyException about(String name) {
    return new KeyException(kind, getMessage(), keyVersion, name, getCause());
  }

  public static KeyException badParameter(String message) {
    return new KeyException(Kind.BAD_PARAMETER, message);
  }

  public static KeyException notFound(String nameOrId) {
    return new KeyException(Kind.NOT_FOUND, "A key with (name/id) " + nameOrId + " was not found in this key vault. "
        + "If you recently deleted this key you may be able to recover it using the correct recovery command.");
  }

  public Kind kind() {
    return kind;
  }

  public String keyVersion() {
    return keyVersion;
  }

  public String keyName() {
    return keyName;
  }
}
