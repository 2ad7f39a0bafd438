package io.coffer.identity.rbac;

/**
 * A role given to a principal at a scope ({@code Microsoft.Authorization/roleAssignments}). The
 * scope is an ARM id: a subscription, a resource group, a resource, or below a vault a key
 * ({@code …/vaults/{v}/keys/{k}}); it applies to everything under it.
 */
public record RoleAssignment(String name, String scope, String roleDefinitionId, String principalId,
    String principalType, long createdAt, String createdBy) {

  /** {@code {scope}/providers/Microsoft.Authorization/roleAssignments/{name}}. */
  public String id() {
    return scope + "/providers/Microsoft.Authorization/roleAssignments/" + name;
  }
}
