package io.coffer.registry.encryption;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Customer-managed keys of registries. The vault is reached over its HTTP API with a token of the
 * registry's identity, so it must never be called inside a database transaction (the vault
 * writes its audit log to the same store): {@link #prepare} runs first, outside, and
 * {@link #store} records its result inside the registry's creation transaction.
 */
public interface RegistryEncryption {
  /** A new data key, wrapped by the customer key; holds no plaintext key. */
  interface PreparedKey {}

  /**
   * Checks the key (in this Coffer's vault domain, exists, RSA or RSA-HSM, enabled, the identity
   * may get, wrap and unwrap it) and wraps a new data key with it; {@code registryId} is the id the
   * registry will have (its identity must already be assigned for the token to be issued).
   */
  PreparedKey prepare(String registryId, CustomerKey key) throws CustomerKeyException;

  /** Stores the prepared key as the registry's data key, in the caller's transaction. */
  void store(Connection c, String registryId, PreparedKey key) throws SQLException;

  /**
   * Re-wraps the registry's data key under another key, version or identity (unwrap with the
   * current one, wrap with the new): no content is re-encrypted. A versionless key id turns
   * automatic rotation on, a versioned one off.
   */
  EncryptionStatus rotate(String registryId, CustomerKey key) throws CustomerKeyException;

  /** The registry's encryption as {@code encryption show} prints it. */
  EncryptionStatus status(String registryId);

  /**
   * For registries whose key id is versionless: re-wraps under the vault's latest version when it
   * changed. Run every {@code encryption.rotationPollInterval}; failures are recorded in the
   * status, never thrown.
   */
  void pollRotations();
}
