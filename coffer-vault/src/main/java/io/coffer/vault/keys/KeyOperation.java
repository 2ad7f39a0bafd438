package io.coffer.vault.keys;

import java.util.List;
import java.util.Optional;

/** What a key version may be used for ({@code key_ops}). */
public enum KeyOperation {
  ENCRYPT("encrypt"), DECRYPT("decrypt"), SIGN("sign"), VERIFY("verify"), WRAP_KEY("wrapKey"),
  UNWRAP_KEY("unwrapKey");

  public static final List<KeyOperation> RSA_DEFAULT = List.of(values());
  public static final List<KeyOperation> EC_DEFAULT = List.of(SIGN, VERIFY);

  private final String wireName;

  KeyOperation(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Operations that create protected data (refused outside the nbf/exp window); the others only read it. */
  public boolean producesProtectedData() {
    return this == ENCRYPT || this == WRAP_KEY || this == SIGN;
  }

  public boolean allowedFor(KeyType type) {
    return type.isRsa() || this == SIGN || this == VERIFY;
  }

  public static Optional<KeyOperation> parse(String name) {
    for (KeyOperation o : values()) {
      if (o.wireName.equalsIgnoreCase(name)) return Optional.of(o);
    }
    return Optional.empty();
  }
}
