package io.coffer.vault.kek;

/**
 * One version of a customer key in a vault, used through the vault's HTTP API with the tokens of
 * one identity. Wraps with RSA-OAEP-256; the private key never leaves the vault.
 *
 * <p><b>Security guarantees:</b> only wrapped data keys travel; the data key crosses the wire only
 * inside TLS when the vault is served over https. <b>Restrictions:</b> every call reaches the
 * vault, so it must never run inside a database transaction of the same store.
 */
public final class VaultKeyEncryptionKey implements KeyEncryptionKey {
  private final VaultKeyClient client;
  private final VaultKeyId id;
  private final String kid;
  private final AccessTokenSource tokens;

  /** @param kid the versioned key id as the vault writes it; {@code id} must be versioned */
  public VaultKeyEncryptionKey(VaultKeyClient client, VaultKeyId id, String kid, AccessTokenSource tokens) {
    if (!id.versioned()) throw new IllegalArgumentException("a key-encryption key is one version: " + kid);
    this.client = client;
    this.id = id;
    this.kid = kid;
    this.tokens = tokens;
  }

  @Override
  public String keyId() {
    return kid;
  }

  @Override
  public byte[] wrap(byte[] dataKey) throws KeyAccessException {
    return client.wrap(id, dataKey, tokens).value();
  }

  @Override
  public byte[] unwrap(byte[] wrappedDataKey) throws KeyAccessException {
    return client.unwrap(id, wrappedDataKey, tokens);
  }

  @Override
  public String toString() {
    return "VaultKey[" + kid + "]";
  }
}
