package io.coffer.identity.managed;

import io.coffer.identity.managed.ManagedIdentityException.Problem;
import io.coffer.identity.rbac.SqlRoleAssignments;
import io.coffer.storage.db.Database;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * User-assigned managed identities: create (or update tags), read, list, delete, and the lookups a
 * token request uses (client id, principal id, ARM id). The caller checks that the group exists.
 */
public final class ManagedIdentities {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}");
  private static final Pattern RESOURCE_ID = Pattern.compile(
      "/subscriptions/([^/]+)/resourcegroups/([^/]+)/providers/microsoft\\.managedidentity/userassignedidentities/([^/]+)/?",
      Pattern.CASE_INSENSITIVE);
  private final Database db;
  private final SqlManagedIdentities store;
  private final SqlRoleAssignments roleAssignments;
  private final Clock clock;

  public ManagedIdentities(Database db, SqlManagedIdentities store, SqlRoleAssignments roleAssignments, Clock clock) {
    this.db = db;
    this.store = store;
    this.roleAssignments = roleAssignments;
    this.clock = clock;
  }

  public record Upserted(ManagedIdentity identity, boolean created) {}

  /** Creates the identity with new principal and client ids, or replaces the tags of an existing one. */
  public Upserted put(String subscription, String group, String name, String location, Map<String, String> tags,
      String tenantId) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ManagedIdentityException(Problem.INVALID_NAME, "The identity name '" + name + "' is invalid: use 3 to "
          + "128 letters, digits, '-' and '_', starting with a letter or digit.");
    }
    return db.inTransaction(c -> {
      Optional<ManagedIdentity> existing = store.byName(c, subscription, group, name);
      if (existing.isPresent()) {
        ManagedIdentity e = existing.get();
        if (tags == null) return new Upserted(e, false);
        store.updateTags(c, e.id(), tags);
        return new Upserted(new ManagedIdentity(e.id(), e.subscriptionId(), e.resourceGroup(), e.name(), e.location(),
            tags, e.tenantId(), e.principalId(), e.clientId(), e.createdAt()), false);
      }
      ManagedIdentity m = new ManagedIdentity(UUID.randomUUID().toString(), subscription, group, name, location,
          tags == null ? Map.of() : tags, tenantId, UUID.randomUUID().toString(), UUID.randomUUID().toString(),
          clock.millis());
      store.insert(c, m);
      return new Upserted(m, true);
    });
  }

  public ManagedIdentity get(String subscription, String group, String name) {
    return db.read(c -> store.byName(c, subscription, group, name)).orElseThrow(() -> new ManagedIdentityException(
        Problem.NOT_FOUND, "The Resource '" + ManagedIdentity.TYPE + "/" + name + "' under resource group '" + group
            + "' was not found."));
  }

  public List<ManagedIdentity> list(String subscription, String groupOrNull) {
    return db.read(c -> store.list(c, subscription, groupOrNull));
  }

  /** Deletes the identity and the role assignments given to it; false when there was none. */
  public boolean delete(String subscription, String group, String name) {
    return db.inTransaction(c -> {
      Optional<ManagedIdentity> m = store.byName(c, subscription, group, name);
      if (m.isEmpty()) return false;
      roleAssignments.deleteForPrincipal(c, m.get().principalId());
      store.delete(c, m.get().id());
      return true;
    });
  }

  public Optional<ManagedIdentity> byPrincipalId(String principalId) {
    return principalId == null ? Optional.empty() : db.read(c -> store.byPrincipalId(c, principalId));
  }

  public Optional<ManagedIdentity> byClientId(String clientId) {
    return clientId == null ? Optional.empty() : db.read(c -> store.byClientId(c, clientId));
  }

  /** By ARM id ({@code mi_res_id}), matched case-insensitively. */
  public Optional<ManagedIdentity> byResourceId(String resourceId) {
    if (resourceId == null) return Optional.empty();
    Matcher m = RESOURCE_ID.matcher(resourceId.trim());
    if (!m.matches()) return Optional.empty();
    return db.read(c -> store.byName(c, m.group(1), m.group(2), m.group(3)))
        .filter(i -> i.subscriptionId().equalsIgnoreCase(m.group(1)));
  }
}
