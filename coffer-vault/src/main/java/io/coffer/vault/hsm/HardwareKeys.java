package io.coffer.vault.hsm;

import java.security.KeyPair;
import java.security.PublicKey;

/**
 * Key pairs generated and kept in a PKCS#11 token (the RSA-HSM and EC-HSM keys of premium vaults).
 * The private part never leaves the token: callers hold an alias and ask the token to decrypt or
 * sign.
 */
public interface HardwareKeys {
  /** A key in the token: its alias and its public key (an RSAPublicKey or an ECPublicKey). */
  record HsmKey(String alias, PublicKey publicKey) {}

  /** Generates a non-extractable RSA key pair of that size inside the token. */
  HsmKey generateRsa(int bits) throws HsmException;

  /** Generates a non-extractable EC key pair on a curve named as the JCA does (e.g. secp256r1). */
  HsmKey generateEc(String curve) throws HsmException;

  /**
   * Puts an imported key pair (RSA 2048/3072/4096 or EC on the curves above) into the token, where
   * it becomes as non-extractable as a generated one; the caller drops its copy afterwards.
   */
  HsmKey importKeyPair(KeyPair pair) throws HsmException;

  /**
   * Decrypts with the private key of an RSA key. {@code algorithm} is a Key Vault name:
   * {@code RSA-OAEP} (SHA-1), {@code RSA-OAEP-256} (SHA-256, MGF1-SHA-256) or {@code RSA1_5}.
   */
  byte[] decrypt(String alias, String algorithm, byte[] ciphertext) throws HsmException;

  /**
   * Signs a digest already computed by the caller: RS256/384/512 or PS256/384/512 with an RSA key,
   * ES256/384/512 with an EC key (the signature is r || s, as Key Vault returns it).
   */
  byte[] sign(String alias, String algorithm, byte[] digest) throws HsmException;

  /** Removes the key pair from the token (purge). */
  void destroy(String alias) throws HsmException;
}
