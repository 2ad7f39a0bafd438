package io.coffer.vault.access;

import io.coffer.vault.vaults.KeyPermission;
import io.coffer.vault.vaults.Vault;

/**
 * Decides whether a caller may perform a key operation in a vault: the firewall first, then the
 * vault's access policies, or its role assignments when the vault uses RBAC.
 */
public interface VaultAuthorizer {
  /**
   * @param keyName the key the operation is on, or null for vault-wide operations (list keys,
   *     list deleted keys); a role assigned at the key's scope applies only to that key
   */
  void authorize(Vault vault, Caller caller, KeyPermission operation, String keyName) throws AccessDeniedException;
}
