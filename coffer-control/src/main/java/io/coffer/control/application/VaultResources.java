package io.coffer.control.application;

import io.coffer.control.domain.ResourceGroup;
import io.coffer.control.infrastructure.SqlControlStore.Subscription;
import io.coffer.identity.Principal;
import io.coffer.vault.vaults.AccessPolicy;
import io.coffer.vault.vaults.DeletedVault;
import io.coffer.vault.vaults.Vault;
import io.coffer.vault.vaults.VaultService;
import io.coffer.vault.vaults.VaultSettings;
import java.util.List;

/**
 * Vaults as resources of a group: the group must exist (and lends its location to a new vault);
 * the vault rules themselves live in {@link VaultService}.
 */
public final class VaultResources {
  private final ControlPlane control;
  private final VaultService vaults;

  public VaultResources(ControlPlane control, VaultService vaults) {
    this.control = control;
    this.vaults = vaults;
  }

  public VaultService.Upserted put(Subscription s, String group, String name, String location, VaultSettings settings,
      Principal caller) {
    VaultService.validateName(name);
    ResourceGroup g = control.group(s.id(), group);
    boolean exists = vaults.list(s.id(), g.name()).stream().anyMatch(v -> v.name().equalsIgnoreCase(name));
    String where = location == null || location.isBlank() ? (exists ? null : g.location()) : location;
    return vaults.put(new VaultService.Placement(s.id(), s.tenantId(), g.name(), where), name, settings,
        new VaultService.Creator(caller.id(), caller.name()));
  }

  public Vault recover(String subscription, String group, String name) {
    control.group(subscription, group);
    return vaults.recover(subscription, group, name);
  }

  public Vault update(String subscription, String group, String name, VaultSettings settings) {
    control.group(subscription, group);
    return vaults.update(subscription, group, name, settings);
  }

  public Vault get(String subscription, String group, String name) {
    control.group(subscription, group);
    return vaults.get(subscription, group, name);
  }

  public List<Vault> list(String subscription, String groupOrNull) {
    if (groupOrNull != null) control.group(subscription, groupOrNull);
    return vaults.list(subscription, groupOrNull);
  }

  public boolean delete(String subscription, String group, String name) {
    control.group(subscription, group);
    return vaults.delete(subscription, group, name);
  }

  public Vault editPolicies(String subscription, String group, String name, VaultService.PolicyEdit edit,
      List<AccessPolicy> entries) {
    control.group(subscription, group);
    return vaults.editPolicies(subscription, group, name, edit, entries);
  }

  public List<DeletedVault> deleted(String subscription) {
    return vaults.deleted(subscription);
  }

  public DeletedVault deleted(String subscription, String location, String name) {
    return vaults.deleted(subscription, location, name);
  }

  public void purge(String subscription, String location, String name) {
    vaults.purge(subscription, location, name);
  }
}
