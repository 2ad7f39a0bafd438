package io.coffer.vault.keys;

import java.util.Optional;

/** Key Vault key types ({@code kty}). The {@code -HSM} types keep their private part in a hardware token. */
public enum KeyType {
  RSA("RSA", false, false), RSA_HSM("RSA-HSM", false, true), EC("EC", true, false), EC_HSM("EC-HSM", true, true);

  private final String wireName;
  private final boolean elliptic;
  private final boolean hardware;

  KeyType(String wireName, boolean elliptic, boolean hardware) {
    this.wireName = wireName;
    this.elliptic = elliptic;
    this.hardware = hardware;
  }

  public String wireName() {
    return wireName;
  }

  public boolean isRsa() {
    return !elliptic;
  }

  public boolean isEc() {
    return elliptic;
  }

  public boolean hardware() {
    return hardware;
  }

  public static Optional<KeyType> parse(String name) {
    for (KeyType t : values()) {
      if (t.wireName.equalsIgnoreCase(name)) return Optional.of(t);
    }
    return Optional.empty();
  }
}
