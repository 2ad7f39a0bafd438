package io.coffer.vault.vaults;

import io.coffer.identity.rbac.SqlRoleAssignments;
import io.coffer.storage.db.Database;
import io.coffer.vault.access.IpRange;
import io.coffer.vault.vaults.VaultException.Problem;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rules of vaults as resources: names, soft delete (always on), retention, purge protection,
 * access policies and firewall rules, recovery and purge. The caller has checked that the
 * subscription and group exist; every refusal is a {@link VaultException} and changes nothing.
 */
public final class VaultService {
  public static final int DEFAULT_RETENTION_DAYS = 90;
  private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]");
  private final Database db;
  private final SqlVaults store;
  private final SqlRoleAssignments roleAssignments;
  private final List<VaultPurgeHook> purgeHooks;
  private final Clock clock;

  public VaultService(Database db, SqlVaults store, SqlRoleAssignments roleAssignments,
      List<VaultPurgeHook> purgeHooks, Clock clock) {
    this.db = db;
    this.store = store;
    this.roleAssignments = roleAssignments;
    this.purgeHooks = List.copyOf(purgeHooks);
    this.clock = clock;
  }

  public record Upserted(Vault vault, boolean created) {}

  /** Where a vault is being put: subscription, its tenant, group (as named when created) and location. */
  public record Placement(String subscriptionId, String tenantId, String resourceGroup, String location) {}

  /** Who creates a vault: its object id gets the full key access policy unless the vault uses RBAC. */
  public record Creator(String objectId, String name) {}

  public static void validateName(String name) {
    if (name == null || !NAME.matcher(name).matches() || name.contains("--")) {
      throw new VaultException(Problem.INVALID_NAME, "The vault name '" + name + "' is invalid. A vault's name must "
          + "be between 3-24 alphanumeric characters. The name must begin with a letter, end with a letter or digit, "
          + "and not contain consecutive hyphens.");
    }
  }

  /**
   * Creates the vault, or updates it when it already exists in this group (same rules as
   * {@link #update}). A name held by another vault, active or soft-deleted, is refused.
   */
  public Upserted put(Placement where, String name, VaultSettings s, Creator creator) {
    validateName(name);
    checkSettings(s, where.tenantId());
    return db.inTransaction(c -> {
      Optional<Vault> existing = store.byName(c, name);
      if (existing.isPresent()) {
        Vault e = existing.get();
        if (e.deleted()) {
          throw new VaultException(Problem.NAME_IN_USE, "The vault name '" + name + "' is already in use: a vault of "
              + "that name is in a deleted state. Recover it (createMode 'recover') or purge it first.");
        }
        if (!sameGroup(e, where.subscriptionId(), where.resourceGroup())) {
          throw new VaultException(Problem.NAME_IN_USE, "The vault name '" + name + "' is already in use.");
        }
        if (where.location() != null && !where.location().equalsIgnoreCase(e.location())) {
          throw new VaultException(Problem.LOCATION_CONFLICT, "The vault '" + name + "' already exists in location '"
              + e.location() + "'; its location cannot change to '" + where.location() + "'.");
        }
        Vault updated = apply(e, s);
        store.update(c, updated);
        return new Upserted(updated, false);
      }
      Vault v = create(where, name, s, creator);
      store.insert(c, v);
      return new Upserted(v, true);
    });
  }

  private Vault create(Placement where, String name, VaultSettings s, Creator creator) {
    boolean rbac = Boolean.TRUE.equals(s.rbacAuthorization());
    List<AccessPolicy> policies = new ArrayList<>(s.accessPolicies() == null ? List.of() : s.accessPolicies());
    if (!rbac) policies = addPermissions(policies, where.tenantId(), creator.objectId(),
        EnumSet.allOf(KeyPermission.class));
    return new Vault(UUID.randomUUID().toString(), name, where.subscriptionId(), where.resourceGroup(),
        where.location(), where.tenantId(), s.sku() == null ? Vault.Sku.STANDARD : s.sku(), rbac,
        Boolean.TRUE.equals(s.purgeProtection()),
        s.retentionDays() == null ? DEFAULT_RETENTION_DAYS : s.retentionDays(), policies,
        s.networkAcls() == null ? NetworkRuleSet.OPEN : canonical(s.networkAcls()), s.tags() == null ? Map.of() : s.tags(),
        clock.millis(), creator.name(), null);
  }

  /** Merges the given properties into an active vault (network rules and access policies replaced whole). */
  public Vault update(String subscription, String group, String name, VaultSettings s) {
    return db.inTransaction(c -> {
      Vault e = active(c, subscription, group, name);
      checkSettings(s, e.tenantId());
      Vault updated = apply(e, s);
      store.update(c, updated);
      return updated;
    });
  }

  private Vault apply(Vault e, VaultSettings s) {
    if (s.retentionDays() != null && s.retentionDays() != e.retentionDays()) {
      throw new VaultException(Problem.INVALID_PROPERTY, "The soft delete retention period of vault '" + e.name()
          + "' is " + e.retentionDays() + " days and cannot be changed after the vault is created.");
    }
    if (Boolean.FALSE.equals(s.purgeProtection()) && e.purgeProtection()) {
      throw new VaultException(Problem.INVALID_PROPERTY, "Purge protection is enabled on vault '" + e.name()
          + "'; enabling purge protection is irreversible and it cannot be turned off.");
    }
    return new Vault(e.id(), e.name(), e.subscriptionId(), e.resourceGroup(), e.location(), e.tenantId(),
        s.sku() == null ? e.sku() : s.sku(),
        s.rbacAuthorization() == null ? e.rbacAuthorization() : s.rbacAuthorization(),
        e.purgeProtection() || Boolean.TRUE.equals(s.purgeProtection()), e.retentionDays(),
        s.accessPolicies() == null ? e.accessPolicies() : s.accessPolicies(),
        s.networkAcls() == null ? e.networkAcls() : canonical(s.networkAcls()), s.tags() == null ? e.tags() : s.tags(),
        e.createdAt(), e.createdBy(), e.deletedAt());
  }

  /** Checks what does not depend on the vault's current state. */
  private static void checkSettings(VaultSettings s, String tenantId) {
    if (Boolean.FALSE.equals(s.softDelete())) {
      throw new VaultException(Problem.INVALID_PROPERTY, "Soft delete is always on: 'enableSoftDelete' cannot be "
          + "set to false.");
    }
    if (s.retentionDays() != null && (s.retentionDays() < 7 || s.retentionDays() > 90)) {
      throw new VaultException(Problem.INVALID_PROPERTY, "'softDeleteRetentionInDays' must be between 7 and 90; got "
          + s.retentionDays() + ".");
    }
    if (s.tenantId() != null && !s.tenantId().equalsIgnoreCase(tenantId)) {
      throw new VaultException(Problem.INVALID_PROPERTY, "The tenant '" + s.tenantId() + "' is not the tenant of "
          + "the subscription ('" + tenantId + "').");
    }
    if (s.accessPolicies() != null) {
      for (AccessPolicy p : s.accessPolicies()) {
        if (!p.tenantId().equalsIgnoreCase(tenantId)) {
          throw new VaultException(Problem.INVALID_PROPERTY, "The access policy for '" + p.objectId() + "' names "
              + "tenant '" + p.tenantId() + "', which is not the vault's tenant ('" + tenantId + "').");
        }
      }
    }
    if (s.networkAcls() != null) canonical(s.networkAcls());
  }

  /** The firewall rules in canonical form ({@code 1.2.3.4} becomes {@code 1.2.3.4/32}), duplicates dropped. */
  public static NetworkRuleSet canonical(NetworkRuleSet rules) {
    Set<String> out = new LinkedHashSet<>();
    for (String rule : rules.ipRules()) {
      try {
        out.add(IpRange.parse(rule).toString());
      } catch (IllegalArgumentException e) {
        throw new VaultException(Problem.INVALID_PROPERTY, "Invalid ipRules value: " + e.getMessage());
      }
    }
    return new NetworkRuleSet(rules.defaultAction(), rules.bypass(), List.copyOf(out));
  }

  public Vault get(String subscription, String group, String name) {
    return db.read(c -> active(c, subscription, group, name));
  }

  public List<Vault> list(String subscription, String groupOrNull) {
    return db.read(c -> store.active(c, subscription, groupOrNull));
  }

  private Vault active(Connection c, String subscription, String group, String name) throws SQLException {
    return store.byName(c, name).filter(v -> !v.deleted() && sameGroup(v, subscription, group))
        .orElseThrow(() -> new VaultException(Problem.NOT_FOUND, "The Resource 'Microsoft.KeyVault/vaults/" + name
            + "' under resource group '" + group + "' was not found."));
  }

  private static boolean sameGroup(Vault v, String subscription, String group) {
    return v.subscriptionId().equalsIgnoreCase(subscription) && v.resourceGroup().equalsIgnoreCase(group);
  }

  /** Access policy edits ({@code accessPolicies/add|replace|remove}), one entry per object id. */
  public enum PolicyEdit { ADD, REPLACE, REMOVE }

  public Vault editPolicies(String subscription, String group, String name, PolicyEdit edit,
      List<AccessPolicy> entries) {
    return db.inTransaction(c -> {
      Vault e = active(c, subscription, group, name);
      checkSettings(new VaultSettings(null, null, null, null, null, null, entries, null, null), e.tenantId());
      List<AccessPolicy> policies = new ArrayList<>(e.accessPolicies());
      for (AccessPolicy p : entries) {
        switch (edit) {
          case ADD -> policies = addPermissions(policies, p.tenantId(), p.objectId(), p.keys());
          case REPLACE -> {
            int i = indexOf(policies, p.objectId());
            if (i >= 0) policies.set(i, new AccessPolicy(p.tenantId(), policies.get(i).objectId(), p.keys()));
            else policies.add(p);
          }
          case REMOVE -> policies.removeIf(x -> x.objectId().equalsIgnoreCase(p.objectId()));
        }
      }
      Vault updated = new Vault(e.id(), e.name(), e.subscriptionId(), e.resourceGroup(), e.location(), e.tenantId(),
          e.sku(), e.rbacAuthorization(), e.purgeProtection(), e.retentionDays(), policies, e.networkAcls(), e.tags(),
          e.createdAt(), e.createdBy(), e.deletedAt());
      store.update(c, updated);
      return updated;
    });
  }

  private static List<AccessPolicy> addPermissions(List<AccessPolicy> policies, String tenantId, String objectId,
      Set<KeyPermission> keys) {
    List<AccessPolicy> out = new ArrayList<>(policies);
    int i = indexOf(out, objectId);
    if (i < 0) {
      out.add(new AccessPolicy(tenantId, objectId, keys));
    } else {
      Set<KeyPermission> union = EnumSet.noneOf(KeyPermission.class);
      union.addAll(out.get(i).keys());
      union.addAll(keys);
      out.set(i, new AccessPolicy(out.get(i).tenantId(), out.get(i).objectId(), union));
    }
    return out;
  }

  private static int indexOf(List<AccessPolicy> policies, String objectId) {
    for (int i = 0; i < policies.size(); i++) {
      if (policies.get(i).objectId().equalsIgnoreCase(objectId)) return i;
    }
    return -1;
  }

  /** Soft-deletes the vault: its keys stay until the retention ends; false when there was no such vault. */
  public boolean delete(String subscription, String group, String name) {
    return db.inTransaction(c -> {
      Optional<Vault> v = store.byName(c, name).filter(x -> !x.deleted() && sameGroup(x, subscription, group));
      if (v.isEmpty()) return false;
      store.update(c, withDeletedAt(v.get(), clock.millis()));
      return true;
    });
  }

  /** Soft-deletes every vault of a group (the group itself is being deleted). */
  public void deleteAllIn(String subscription, String group) {
    db.inTransaction(c -> {
      for (Vault v : store.active(c, subscription, group)) store.update(c, withDeletedAt(v, clock.millis()));
      return null;
    });
  }

  /** Brings a soft-deleted vault back, with its policies, rules and keys, into the group it was deleted from. */
  public Vault recover(String subscription, String group, String name) {
    validateName(name);
    return db.inTransaction(c -> {
      Optional<Vault> v = store.byName(c, name);
      if (v.isPresent() && !v.get().deleted()) {
        if (sameGroup(v.get(), subscription, group)) return v.get();
        throw new VaultException(Problem.NAME_IN_USE, "The vault name '" + name + "' is already in use.");
      }
      Vault d = v.filter(x -> x.subscriptionId().equalsIgnoreCase(subscription)).orElseThrow(() ->
          deletedNotFound(name));
      if (!d.resourceGroup().equalsIgnoreCase(group)) {
        throw new VaultException(Problem.INVALID_PROPERTY, "The deleted vault '" + name + "' belonged to resource "
            + "group '" + d.resourceGroup() + "'; recover it there.");
      }
      Vault recovered = withDeletedAt(d, null);
      store.update(c, recovered);
      return recovered;
    });
  }

  public List<DeletedVault> deleted(String subscription) {
    return db.read(c -> store.deleted(c, subscription)).stream().map(DeletedVault::new).toList();
  }

  public DeletedVault deleted(String subscription, String location, String name) {
    return db.read(c -> deleted(c, subscription, location, name));
  }

  private DeletedVault deleted(Connection c, String subscription, String location, String name) throws SQLException {
    return store.byName(c, name).filter(v -> v.deleted() && v.subscriptionId().equalsIgnoreCase(subscription)
        && v.location().equalsIgnoreCase(location)).map(DeletedVault::new)
        .orElseThrow(() -> deletedNotFound(name));
  }

  private static VaultException deletedNotFound(String name) {
    return new VaultException(Problem.DELETED_NOT_FOUND, "The deleted vault '" + name + "' was not found.");
  }

  /**
   * Removes a soft-deleted vault for good, with its keys and role assignments. Refused under purge
   * protection until the scheduled purge date.
   */
  public void purge(String subscription, String location, String name) {
    db.inTransaction(c -> {
      DeletedVault d = deleted(c, subscription, location, name);
      Instant now = clock.instant();
      if (d.vault().purgeProtection() && now.isBefore(d.scheduledPurgeDate())) {
        throw new VaultException(Problem.PURGE_PROTECTED, "Operation 'DeletedVaultPurge' is not allowed as purge "
            + "protection is enabled for vault '" + name + "'; it will be purged on " + d.scheduledPurgeDate() + ".");
      }
      remove(c, d.vault());
      return null;
    });
  }

  /** Purges every soft-deleted vault whose retention has ended; returns how many. Run by the server's schedule. */
  public int purgeExpired() {
    return db.inTransaction(c -> {
      Instant now = clock.instant();
      int purged = 0;
      for (Vault v : store.deleted(c, null)) {
        if (!now.isBefore(new DeletedVault(v).scheduledPurgeDate())) {
          remove(c, v);
          purged++;
        }
      }
      return purged;
    });
  }

  private void remove(Connection c, Vault v) throws SQLException {
    for (VaultPurgeHook hook : purgeHooks) hook.purging(c, v);
    roleAssignments.deleteAtOrBelow(c, v.resourceId());
    store.delete(c, v.id());
  }

  private static Vault withDeletedAt(Vault v, Long deletedAt) {
    return new Vault(v.id(), v.name(), v.subscriptionId(), v.resourceGroup(), v.location(), v.tenantId(), v.sku(),
        v.rbacAuthorization(), v.purgeProtection(), v.retentionDays(), v.accessPolicies(), v.networkAcls(), v.tags(),
        v.createdAt(), v.createdBy(), deletedAt);
  }
}
