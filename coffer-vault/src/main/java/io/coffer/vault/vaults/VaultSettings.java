package io.coffer.vault.vaults;

import java.util.List;
import java.util.Map;

/**
 * Properties of a create or an update; a null field is "not given" (keep the current value, or
 * the default on create). {@code tenantId}, when given, must be the subscription's tenant.
 */
public record VaultSettings(String tenantId, Vault.Sku sku, Boolean rbacAuthorization, Boolean purgeProtection,
    Boolean softDelete, Integer retentionDays, List<AccessPolicy> accessPolicies, NetworkRuleSet networkAcls,
    Map<String, String> tags) {
  public static final VaultSettings NONE = new VaultSettings(null, null, null, null, null, null, null, null, null);
}
