package io.coffer.registry.encryption;

/**
 * A customer-managed key as a registry is given it: the key id as configured (versioned, or
 * versionless to follow the vault's latest version) and the identity that reaches the vault.
 */
public record CustomerKey(String keyIdentifier, KeyIdentity identity) {}
