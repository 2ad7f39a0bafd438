package io.coffer.vault.keys;

/** Where a key version's private part is: sealed in the database, or in the hardware token. */
public sealed interface KeyMaterial {
  /** PKCS#8 sealed under the vault's root key; opened only to compute. */
  record Sealed(byte[] ciphertext) implements KeyMaterial {
    @Override
    public String toString() {
      return "Sealed[" + ciphertext.length + " bytes]";
    }
  }

  /** The alias of a non-extractable key pair in the PKCS#11 token. */
  record Hardware(String alias) implements KeyMaterial {}
}
