package io.coffer.registry.encryption;

import io.coffer.vault.kek.AccessTokenSource;
import io.coffer.vault.kek.KeyAccessException;
import io.coffer.vault.kek.KeyEncryptionKey;
import io.coffer.vault.kek.KeyEncryptionKeyResolver;
import io.coffer.vault.kek.VaultKeyClient;
import io.coffer.vault.kek.VaultKeyEncryptionKey;
import io.coffer.vault.kek.VaultKeyId;
import io.coffer.vault.system.SystemKeyStore;

/**
 * The key-encryption key a registry's key row names: a service-managed key of the system key store,
 * or a version of a customer key in a vault, reached with the tokens of the registry's identity.
 */
public final class KeyEncryptionKeys {
  private final KeyEncryptionKeyResolver systemKeys;
  private final VaultKeyClient vault;
  private final RegistryIdentityTokens tokens;

  /** @param vault and {@code tokens} null when this server has no vaults: only service-managed keys then */
  public KeyEncryptionKeys(KeyEncryptionKeyResolver systemKeys, VaultKeyClient vault, RegistryIdentityTokens tokens) {
    this.systemKeys = systemKeys;
    this.vault = vault;
    this.tokens = tokens;
  }

  KeyEncryptionKey of(String registryId, String kekId, KeyIdentity identity) throws KeyAccessException {
    if (kekId.startsWith(SystemKeyStore.KEY_ID_PREFIX) || identity == null) return systemKeys.resolve(kekId);
    VaultKeyId id = vaultKeyId(kekId).filter(VaultKeyId::versioned).orElseThrow(() -> new KeyAccessException(
        KeyAccessException.Cause.KEY_NOT_FOUND, "'" + kekId + "' is no key version of this server's vaults."));
    return new VaultKeyEncryptionKey(vault(), id, kekId, tokensFor(registryId, identity));
  }

  java.util.Optional<VaultKeyId> vaultKeyId(String keyId) {
    return vault == null ? java.util.Optional.empty() : VaultKeyId.parse(keyId, vault.domain());
  }

  AccessTokenSource tokensFor(String registryId, KeyIdentity identity) {
    return () -> tokens.token(registryId, identity, vault().resource());
  }

  VaultKeyClient vault() throws KeyAccessException {
    if (vault == null) {
      throw new KeyAccessException(KeyAccessException.Cause.UNREACHABLE, "This server has no key vaults.");
    }
    return vault;
  }
}
