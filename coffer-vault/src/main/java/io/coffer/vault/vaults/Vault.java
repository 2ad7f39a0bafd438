package io.coffer.vault.vaults;

import java.util.List;
import java.util.Map;

/**
 * A key vault ({@code Microsoft.KeyVault/vaults}). Soft delete is always on: a deleted vault keeps
 * its keys until {@code deletedAt + retentionDays}, unless purged earlier (refused under purge
 * protection). {@code id} is an internal id; {@code resourceId} the ARM id.
 */
public record Vault(String id, String name, String subscriptionId, String resourceGroup, String location,
    String tenantId, Sku sku, boolean rbacAuthorization, boolean purgeProtection, int retentionDays,
    List<AccessPolicy> accessPolicies, NetworkRuleSet networkAcls, Map<String, String> tags, long createdAt,
    String createdBy, Long deletedAt) {
  public enum Sku { STANDARD, PREMIUM }

  public Vault {
    accessPolicies = List.copyOf(accessPolicies);
    tags = Map.copyOf(tags);
  }

  public String resourceId() {
    return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
        + "/providers/Microsoft.KeyVault/vaults/" + name;
  }

  public boolean deleted() {
    return deletedAt != null;
  }
}
