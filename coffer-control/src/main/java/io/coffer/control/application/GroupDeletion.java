package io.coffer.control.application;

import io.coffer.control.domain.ResourceGroup;
import io.coffer.identity.managed.ManagedIdentities;
import io.coffer.identity.managed.ManagedIdentity;
import io.coffer.identity.rbac.RoleAssignment;
import io.coffer.identity.rbac.SqlRoleAssignments;
import io.coffer.storage.db.Database;
import io.coffer.vault.vaults.DeletedVault;
import io.coffer.vault.vaults.VaultService;
import java.util.List;

/**
 * Deleting a resource group deletes what is in it: vaults are soft-deleted (recoverable, their
 * role assignments kept until purge), identities and the group's other role assignments removed,
 * registries deleted with their content.
 */
public final class GroupDeletion {
  private final Database db;
  private final ControlPlane control;
  private final VaultService vaults;
  private final ManagedIdentities identities;
  private final SqlRoleAssignments roleAssignments;

  public GroupDeletion(Database db, ControlPlane control, VaultService vaults, ManagedIdentities identities,
      SqlRoleAssignments roleAssignments) {
    this.db = db;
    this.control = control;
    this.vaults = vaults;
    this.identities = identities;
    this.roleAssignments = roleAssignments;
  }

  /** False when there is no such group. */
  public boolean delete(String subscription, String name) {
    if (control.groups(subscription).stream().noneMatch(g -> g.name().equalsIgnoreCase(name))) return false;
    ResourceGroup group = control.group(subscription, name);
    vaults.deleteAllIn(subscription, group.name());
    for (ManagedIdentity m : identities.list(subscription, group.name())) {
      identities.delete(subscription, group.name(), m.name());
    }
    List<String> deletedVaults = vaults.deleted(subscription).stream().map(DeletedVault::vault)
        .filter(v -> v.resourceGroup().equalsIgnoreCase(group.name())).map(v -> v.resourceId()).toList();
    db.inTransaction(c -> {
      for (RoleAssignment a : roleAssignments.atOrBelow(c, group.id())) {
        if (deletedVaults.stream().noneMatch(v -> SqlRoleAssignments.within(a.scope(), v))) {
          roleAssignments.delete(c, a.name());
        }
      }
      return null;
    });
    return control.deleteGroup(subscription, name);
  }
}
