package io.coffer.vault.hsm;

import java.security.interfaces.RSAPublicKey;

/**
 * RSA keys generated and kept in a PKCS#11 token (the RSA-HSM keys of premium vaults). The private
 * part never leaves the token: callers hold an alias and ask the token to decrypt or sign.
 */
public interface HardwareKeys {
  record HsmKey(String alias, RSAPublicKey publicKey) {}

  /** Generates a non-extractable RSA key pair of that size inside the token. */
  HsmKey generateRsa(int bits) throws HsmException;

  /**
   * Decrypts with the private key. {@code algorithm} is a Key Vault name: {@code RSA-OAEP}
   * (SHA-1), {@code RSA-OAEP-256} (SHA-256, MGF1-SHA-256) or {@code RSA1_5}.
   */
  byte[] decrypt(String alias, String algorithm, byte[] ciphertext) throws HsmException;

  /** Signs a digest already computed by the caller; {@code algorithm} is RS256/384/512 or PS256/384/512. */
  byte[] sign(String alias, String algorithm, byte[] digest) throws HsmException;

  /** Removes the key pair from the token (purge). */
  void destroy(String alias) throws HsmException;
}
