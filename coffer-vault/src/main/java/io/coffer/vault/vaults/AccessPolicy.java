package io.coffer.vault.vaults;

import java.util.Set;

/** One entry of a vault's access policies: what a principal (object id) may do with keys. */
public record AccessPolicy(String tenantId, String objectId, Set<KeyPermission> keys) {
  public AccessPolicy {
    keys = Set.copyOf(keys);
  }
}
