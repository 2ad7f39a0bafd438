package io.coffer.vault.vaults;

import java.util.Locale;
import java.util.Optional;

/** The Key Vault key permissions, as named in access policies ({@code az keyvault set-policy --key-permissions}). */
public enum KeyPermission {
  GET("get"), LIST("list"), CREATE("create"), UPDATE("update"), IMPORT("import"), DELETE("delete"),
  RECOVER("recover"), BACKUP("backup"), RESTORE("restore"), PURGE("purge"), DECRYPT("decrypt"),
  ENCRYPT("encrypt"), UNWRAP_KEY("unwrapKey"), WRAP_KEY("wrapKey"), VERIFY("verify"), SIGN("sign"),
  ROTATE("rotate"), GET_ROTATION_POLICY("getrotationpolicy"), SET_ROTATION_POLICY("setrotationpolicy");

  private final String wireName;

  KeyPermission(String wireName) {
    this.wireName = wireName;
  }

  /** The name in policies and CLI flags, e.g. {@code unwrapKey}. */
  public String wireName() {
    return wireName;
  }

  /** Parses a permission name case-insensitively ({@code unwrapkey} and {@code unwrapKey} alike). */
  public static Optional<KeyPermission> parse(String name) {
    if (name == null) return Optional.empty();
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (KeyPermission p : values()) {
      if (p.wireName.toLowerCase(Locale.ROOT).equals(n)) return Optional.of(p);
    }
    return Optional.empty();
  }
}
