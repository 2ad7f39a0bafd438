package io.coffer.vault.access;

import io.coffer.vault.vaults.AccessPolicy;
import io.coffer.vault.vaults.NetworkRuleSet;
import io.coffer.vault.vaults.Vault;
import java.util.List;
import java.util.Map;

/** Vaults for authorizer tests. */
final class Vaults {
  static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  static final String SUBSCRIPTION = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";

  private Vaults() {}

  static Vault withPolicies(List<AccessPolicy> policies) {
    return vault(false, policies, NetworkRuleSet.OPEN);
  }

  static Vault rbac() {
    return vault(true, List.of(), NetworkRuleSet.OPEN);
  }

  static Vault withFirewall(NetworkRuleSet acls, List<AccessPolicy> policies) {
    return vault(false, policies, acls);
  }

  private static Vault vault(boolean rbac, List<AccessPolicy> policies, NetworkRuleSet acls) {
    return new Vault("id-1", "contoso-kv", SUBSCRIPTION, "rg-keys", "westeurope", TENANT, Vault.Sku.PREMIUM, rbac,
        true, 90, policies, acls, Map.of(), 1L, "admin", null);
  }
}
