package io.coffer.vault.access;

import io.coffer.identity.rbac.RoleAssignment;
import io.coffer.identity.rbac.RoleAssignmentLookup;
import io.coffer.vault.vaults.AccessPolicy;
import io.coffer.vault.vaults.KeyPermission;
import io.coffer.vault.vaults.Vault;
import java.util.Locale;

/**
 * Key Vault's decision for one data-plane call: the firewall first, then either the vault's role
 * assignments (RBAC vaults) or its access policies. Messages keep Key Vault's wording, because
 * people search for them.
 */
public final class KeyVaultAuthorizer implements VaultAuthorizer {
  private static final String POLICY_HELP = "https://go.microsoft.com/fwlink/?linkid=2125287";

  private final RoleAssignmentLookup roleAssignments;

  public KeyVaultAuthorizer(RoleAssignmentLookup roleAssignments) {
    this.roleAssignments = roleAssignments;
  }

  @Override
  public void authorize(Vault vault, Caller caller, KeyPermission operation, String keyName)
      throws AccessDeniedException {
    VaultFirewall.check(vault, caller);
    if (vault.rbacAuthorization()) {
      authorizeByRole(vault, caller, operation, keyName);
    } else {
      authorizeByPolicy(vault, caller, operation);
    }
  }

  private void authorizeByRole(Vault vault, Caller caller, KeyPermission operation, String keyName)
      throws AccessDeniedException {
    String target = keyName == null ? vault.resourceId() : vault.resourceId() + "/keys/" + keyName;
    for (RoleAssignment assignment : roleAssignments.forPrincipal(caller.objectId())) {
      if (!covers(assignment.scope(), target)) continue;
      boolean grants = KeyVaultRole.find(assignment.roleDefinitionId())
          .map(role -> role.permissions().contains(operation))
          .orElse(false);
      if (grants) return;
    }
    throw new AccessDeniedException(AccessDeniedException.Reason.NO_PERMISSION,
        "Caller is not authorized to perform action on resource.\r\n"
            + "If role assignments, deny assignments or role definitions were changed recently, "
            + "please observe propagation time.\r\n"
            + "Caller: " + DenialText.caller(caller) + "\r\n"
            + "Action: '" + KeyDataAction.of(operation) + "'\r\n"
            + "Resource: '" + target.toLowerCase(Locale.ROOT) + "'\r\n"
            + "Assignment: (not found)\r\n"
            + "Vault: " + DenialText.vault(vault) + "\r\n");
  }

  /** A scope applies to itself and to everything below it (ARM ids compare case-insensitively). */
  static boolean covers(String scope, String target) {
    if (scope == null) return false;
    String s = stripTrailingSlash(scope).toLowerCase(Locale.ROOT);
    String t = stripTrailingSlash(target).toLowerCase(Locale.ROOT);
    return !s.isEmpty() && (t.equals(s) || t.startsWith(s + "/"));
  }

  private static String stripTrailingSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static void authorizeByPolicy(Vault vault, Caller caller, KeyPermission operation)
      throws AccessDeniedException {
    for (AccessPolicy policy : vault.accessPolicies()) {
      if (policy.objectId() != null && policy.objectId().equalsIgnoreCase(caller.objectId())
          && sameTenant(policy.tenantId(), vault.tenantId())
          && policy.keys().contains(operation)) {
        return;
      }
    }
    throw new AccessDeniedException(AccessDeniedException.Reason.NO_PERMISSION,
        "The user, group or application 'oid=" + caller.objectId() + "' does not have keys "
            + operation.wireName() + " permission on key vault '" + DenialText.vault(vault)
            + "'. For help resolving this issue, please see " + POLICY_HELP);
  }

  private static boolean sameTenant(String policyTenant, String vaultTenant) {
    return policyTenant == null || vaultTenant == null || policyTenant.equalsIgnoreCase(vaultTenant);
  }
}
