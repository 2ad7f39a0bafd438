package io.coffer.registry.encryption;

import io.coffer.vault.kek.KeyAccessException;

/**
 * Tokens of the identity a registry uses for its key, for the vault's resource. Only an identity
 * assigned to that registry (or the registry's own system-assigned identity) gets one; otherwise
 * {@link KeyAccessException} with cause {@code IDENTITY_INACTIVE}, so the registry names it.
 */
public interface RegistryIdentityTokens {
  String token(String registryId, KeyIdentity identity, String resource) throws KeyAccessException;
}
