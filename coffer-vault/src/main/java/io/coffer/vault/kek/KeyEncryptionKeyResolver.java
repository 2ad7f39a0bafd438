package io.coffer.vault.kek;

/** Finds the key-encryption key named by a (versioned) key id. */
public interface KeyEncryptionKeyResolver {
  KeyEncryptionKey resolve(String keyId) throws KeyAccessException;
}
