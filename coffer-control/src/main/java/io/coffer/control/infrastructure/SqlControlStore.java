package io.coffer.control.infrastructure;

import com.fasterxml.jackson.core.type.TypeReference;
import io.coffer.common.Json;
import io.coffer.control.domain.RegistryResource;
import io.coffer.control.domain.ResourceGroup;
import io.coffer.storage.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Subscriptions, resource groups and registry rows. Names are matched case-insensitively, as in ARM. */
public final class SqlControlStore {
  public record Subscription(String id, String tenantId, String displayName) {}

  private static Map<String, String> tags(String json) {
    try {
      return Json.MAPPER.readValue(json, new TypeReference<Map<String, String>>() {});
    } catch (Exception e) {
      return Map.of();
    }
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  public List<Subscription> subscriptions(Connection c) throws SQLException {
    return Sql.query(c, "SELECT id, tenant_id, display_name FROM subscriptions ORDER BY created_at",
        rs -> new Subscription(rs.getString(1), rs.getString(2), rs.getString(3)));
  }

  public void insertSubscription(Connection c, Subscription s, long now) throws SQLException {
    Sql.update(c, "INSERT INTO subscriptions (id, tenant_id, display_name, created_at) VALUES (?,?,?,?)",
        s.id(), s.tenantId(), s.displayName(), now);
  }

  private static ResourceGroup group(ResultSet rs) throws SQLException {
    return new ResourceGroup(rs.getString(1), rs.getString(2), rs.getString(3), tags(rs.getString(4)));
  }

  public Optional<ResourceGroup> group(Connection c, String subscription, String name) throws SQLException {
    return Sql.one(c, "SELECT subscription_id, name, location, tags FROM resource_groups "
        + "WHERE subscription_id = ? AND name_key = ?", SqlControlStore::group, subscription, key(name));
  }

  public List<ResourceGroup> groups(Connection c, String subscription) throws SQLException {
    return Sql.query(c, "SELECT subscription_id, name, location, tags FROM resource_groups "
        + "WHERE subscription_id = ? ORDER BY name_key", SqlControlStore::group, subscription);
  }

  public void upsertGroup(Connection c, ResourceGroup g, long now) throws SQLException {
    if (Sql.update(c, "UPDATE resource_groups SET tags = ? WHERE subscription_id = ? AND name_key = ?",
        Json.string(g.tags()), g.subscriptionId(), key(g.name())) == 0) {
      Sql.update(c, "INSERT INTO resource_groups (subscription_id, name_key, name, location, tags, created_at) "
          + "VALUES (?,?,?,?,?,?)", g.subscriptionId(), key(g.name()), g.name(), g.location(),
          Json.string(g.tags()), now);
    }
  }

  public void deleteGroup(Connection c, String subscription, String name) throws SQLException {
    Sql.update(c, "DELETE FROM resource_groups WHERE subscription_id = ? AND name_key = ?", subscription, key(name));
  }

  private static final String REGISTRY_COLUMNS = "r.id, r.name, r.subscription_id, g.name, r.location, r.sku, "
      + "r.admin_user_enabled, r.anonymous_pull_enabled, r.tags, r.created_at, r.created_by";
  private static final String REGISTRY_FROM = " FROM registries r JOIN resource_groups g "
      + "ON g.subscription_id = r.subscription_id AND g.name_key = r.resource_group ";

  private static RegistryResource registry(ResultSet rs) throws SQLException {
    return new RegistryResource(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getBoolean(7), rs.getBoolean(8), tags(rs.getString(9)), rs.getLong(10), rs.getString(11));
  }

  public Optional<RegistryResource> registryByName(Connection c, String name) throws SQLException {
    return Sql.one(c, "SELECT " + REGISTRY_COLUMNS + REGISTRY_FROM + "WHERE r.name_key = ?",
        SqlControlStore::registry, key(name));
  }

  public Optional<RegistryResource> registryById(Connection c, String registryId) throws SQLException {
    return Sql.one(c, "SELECT " + REGISTRY_COLUMNS + REGISTRY_FROM + "WHERE r.id = ?", SqlControlStore::registry,
        registryId);
  }

  /** When the retention policy last changed ({@code retentionPolicy.lastUpdatedTime}); null if never. */
  public Long retentionUpdatedAt(Connection c, String registryId) throws SQLException {
    return Sql.one(c, "SELECT retention_updated_at FROM registries WHERE id = ?", rs -> {
      long v = rs.getLong(1);
      return rs.wasNull() ? null : v;
    }, registryId).orElse(null);
  }

  public void retentionUpdated(Connection c, String registryId, long at) throws SQLException {
    Sql.update(c, "UPDATE registries SET retention_updated_at = ? WHERE id = ?", at, registryId);
  }

  public List<RegistryResource> registries(Connection c, String subscription, String groupOrNull)
      throws SQLException {
    return Sql.query(c, "SELECT " + REGISTRY_COLUMNS + REGISTRY_FROM
        + "WHERE r.subscription_id = ? AND (? IS NULL OR r.resource_group = ?) ORDER BY r.name_key",
        SqlControlStore::registry, subscription, groupOrNull == null ? null : key(groupOrNull),
        groupOrNull == null ? null : key(groupOrNull));
  }

  public void insertRegistry(Connection c, RegistryResource r) throws SQLException {
    Sql.update(c, "INSERT INTO registries (id, name_key, name, subscription_id, resource_group, location, sku, "
        + "admin_user_enabled, anonymous_pull_enabled, tags, created_at, created_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        r.id(), key(r.name()), r.name(), r.subscriptionId(), key(r.resourceGroup()), r.location(), r.sku(),
        r.adminUserEnabled(), r.anonymousPullEnabled(), Json.string(r.tags()), r.createdAt(), r.createdBy());
  }

  public void updateRegistry(Connection c, RegistryResource r) throws SQLException {
    Sql.update(c, "UPDATE registries SET sku = ?, admin_user_enabled = ?, anonymous_pull_enabled = ?, tags = ? "
        + "WHERE id = ?", r.sku(), r.adminUserEnabled(), r.anonymousPullEnabled(), Json.string(r.tags()), r.id());
  }

  /** Removes the registry and every row that belongs to it. */
  public void deleteRegistry(Connection c, String registryId) throws SQLException {
    String repos = "(SELECT id FROM repositories WHERE registry_id = ?)";
    for (String table : new String[] {"tags", "manifest_refs", "manifests", "repository_blobs"}) {
      Sql.update(c, "DELETE FROM " + table + " WHERE repository_id IN " + repos, registryId);
    }
    for (String table : new String[] {"repositories", "blobs", "uploads", "registry_credentials", "registry_keys",
        "registry_user_identities", "registry_system_identities"}) {
      Sql.update(c, "DELETE FROM " + table + " WHERE registry_id = ?", registryId);
    }
    Sql.update(c, "DELETE FROM registries WHERE id = ?", registryId);
  }
}
