package io.coffer.vault.kek;

/**
 * A key that wraps and unwraps data keys and never reveals itself: the service-managed key of the
 * system key store, or (next) a customer key in a vault reached through an identity.
 *
 * <p><b>Security guarantees:</b> wrapped output is RSA-OAEP with SHA-256 (Key Vault's
 * {@code RSA-OAEP-256}); an implementation never logs or returns key material.
 */
public interface KeyEncryptionKey {
  /** The versioned identifier of the key that wraps; stored beside each wrapped data key. */
  String keyId();

  byte[] wrap(byte[] dataKey) throws KeyAccessException;

  byte[] unwrap(byte[] wrappedDataKey) throws KeyAccessException;
}
