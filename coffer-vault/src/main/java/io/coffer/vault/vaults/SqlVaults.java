package io.coffer.vault.vaults;

import com.fasterxml.jackson.core.type.TypeReference;
import io.coffer.common.Json;
import io.coffer.storage.db.Database;
import io.coffer.storage.db.ReadCache;
import io.coffer.storage.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rows of {@code vaults}, {@code vault_access_policies} and {@code vault_ip_rules}. A vault is read
 * whole (policies and rules included); names match case-insensitively.
 *
 * <p>Every data-plane call looks its vault up by name, so lookups are served from memory; any
 * write of this class empties that cache once its transaction ends, so a changed policy or firewall
 * rule applies from the next call on.
 */
public final class SqlVaults implements VaultDirectory {
  private static final String COLUMNS = "SELECT id, name, subscription_id, group_name, location, tenant_id, sku, "
      + "rbac_authorization, purge_protection, retention_days, default_action, bypass, tags, created_at, created_by, "
      + "deleted_at FROM vaults ";
  private final Database db;
  private final ReadCache<String, Vault> lookups = new ReadCache<>(10_000);

  public SqlVaults(Database db) {
    this.db = db;
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  @Override
  public Optional<Vault> activeByName(String name) {
    return Optional.ofNullable(lookups.get(key(name), () -> db.read(c -> byName(c, name)).orElse(null)))
        .filter(v -> !v.deleted());
  }

  @Override
  public Optional<String> nameOf(String vaultId) {
    return db.read(c -> Sql.one(c, "SELECT name FROM vaults WHERE id = ?", rs -> rs.getString(1), vaultId));
  }

  /** The vault of that name, active or soft-deleted. */
  public Optional<Vault> byName(Connection c, String name) throws SQLException {
    Optional<Row> row = Sql.one(c, COLUMNS + "WHERE name_key = ?", SqlVaults::row, key(name));
    return row.isEmpty() ? Optional.empty() : Optional.of(complete(c, row.get()));
  }

  /** Active vaults of a subscription, or of one group in it. */
  public List<Vault> active(Connection c, String subscription, String groupOrNull) throws SQLException {
    String group = groupOrNull == null ? null : key(groupOrNull);
    List<Row> rows = Sql.query(c, COLUMNS + "WHERE subscription_id = ? AND deleted_at IS NULL "
        + "AND (? IS NULL OR resource_group = ?) ORDER BY name_key", SqlVaults::row, subscription, group, group);
    return completeAll(c, rows);
  }

  /** Soft-deleted vaults of a subscription (all subscriptions when null). */
  public List<Vault> deleted(Connection c, String subscriptionOrNull) throws SQLException {
    List<Row> rows = Sql.query(c, COLUMNS + "WHERE deleted_at IS NOT NULL AND (? IS NULL OR subscription_id = ?) "
        + "ORDER BY name_key", SqlVaults::row, subscriptionOrNull, subscriptionOrNull);
    return completeAll(c, rows);
  }

  public void insert(Connection c, Vault v) throws SQLException {
    db.afterTransaction(lookups::invalidate);
    Sql.update(c, "INSERT INTO vaults (id, name_key, name, subscription_id, resource_group, group_name, location, "
        + "tenant_id, sku, rbac_authorization, purge_protection, retention_days, default_action, bypass, tags, "
        + "created_at, created_by, deleted_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        v.id(), key(v.name()), v.name(), v.subscriptionId(), key(v.resourceGroup()), v.resourceGroup(), v.location(),
        v.tenantId(), v.sku().name(), v.rbacAuthorization(), v.purgeProtection(), v.retentionDays(),
        v.networkAcls().defaultAction().name(), v.networkAcls().bypass().name(), Json.string(v.tags()),
        v.createdAt(), v.createdBy(), v.deletedAt());
    writePolicies(c, v);
    writeIpRules(c, v);
  }

  /** Writes every mutable part of the vault: settings, deletion state, policies and ip rules. */
  public void update(Connection c, Vault v) throws SQLException {
    db.afterTransaction(lookups::invalidate);
    Sql.update(c, "UPDATE vaults SET sku = ?, rbac_authorization = ?, purge_protection = ?, default_action = ?, "
        + "bypass = ?, tags = ?, deleted_at = ? WHERE id = ?", v.sku().name(), v.rbacAuthorization(),
        v.purgeProtection(), v.networkAcls().defaultAction().name(), v.networkAcls().bypass().name(),
        Json.string(v.tags()), v.deletedAt(), v.id());
    Sql.update(c, "DELETE FROM vault_access_policies WHERE vault_id = ?", v.id());
    Sql.update(c, "DELETE FROM vault_ip_rules WHERE vault_id = ?", v.id());
    writePolicies(c, v);
    writeIpRules(c, v);
  }

  /** Removes the vault's rows (policies and ip rules go with it). */
  public void delete(Connection c, String vaultId) throws SQLException {
    db.afterTransaction(lookups::invalidate);
    Sql.update(c, "DELETE FROM vault_access_policies WHERE vault_id = ?", vaultId);
    Sql.update(c, "DELETE FROM vault_ip_rules WHERE vault_id = ?", vaultId);
    Sql.update(c, "DELETE FROM vaults WHERE id = ?", vaultId);
  }

  private static void writePolicies(Connection c, Vault v) throws SQLException {
    int position = 0;
    for (AccessPolicy p : v.accessPolicies()) {
      String permissions = Arrays.stream(KeyPermission.values()).filter(p.keys()::contains)
          .map(KeyPermission::wireName).collect(Collectors.joining(" "));
      Sql.update(c, "INSERT INTO vault_access_policies (vault_id, object_id, tenant_id, key_permissions, position) "
          + "VALUES (?,?,?,?,?)", v.id(), p.objectId(), p.tenantId(), permissions, position++);
    }
  }

  private static void writeIpRules(Connection c, Vault v) throws SQLException {
    int position = 0;
    for (String rule : v.networkAcls().ipRules()) {
      Sql.update(c, "INSERT INTO vault_ip_rules (vault_id, position, value) VALUES (?,?,?)", v.id(), position++, rule);
    }
  }

  /** A vaults row before its policies and rules are read. */
  private record Row(String id, String name, String subscription, String group, String location, String tenant,
      Vault.Sku sku, boolean rbac, boolean purgeProtection, int retentionDays, NetworkRuleSet.DefaultAction action,
      NetworkRuleSet.Bypass bypass, Map<String, String> tags, long createdAt, String createdBy, Long deletedAt) {}

  private static Row row(ResultSet rs) throws SQLException {
    Map<String, String> tags;
    try {
      tags = Json.MAPPER.readValue(rs.getString(13), new TypeReference<Map<String, String>>() {});
    } catch (Exception e) {
      tags = Map.of();
    }
    long deleted = rs.getLong(16);
    Long deletedAt = rs.wasNull() ? null : deleted;
    return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), Vault.Sku.valueOf(rs.getString(7)), rs.getBoolean(8), rs.getBoolean(9), rs.getInt(10),
        NetworkRuleSet.DefaultAction.valueOf(rs.getString(11)), NetworkRuleSet.Bypass.valueOf(rs.getString(12)), tags,
        rs.getLong(14), rs.getString(15), deletedAt);
  }

  private static List<Vault> completeAll(Connection c, List<Row> rows) throws SQLException {
    List<Vault> out = new ArrayList<>();
    for (Row r : rows) out.add(complete(c, r));
    return out;
  }

  private static Vault complete(Connection c, Row r) throws SQLException {
    List<AccessPolicy> policies = Sql.query(c, "SELECT tenant_id, object_id, key_permissions "
        + "FROM vault_access_policies WHERE vault_id = ? ORDER BY position", rs -> {
          Set<KeyPermission> keys = EnumSet.noneOf(KeyPermission.class);
          for (String name : rs.getString(3).split(" ")) KeyPermission.parse(name).ifPresent(keys::add);
          return new AccessPolicy(rs.getString(1), rs.getString(2), keys);
        }, r.id());
    List<String> rules = Sql.query(c, "SELECT value FROM vault_ip_rules WHERE vault_id = ? ORDER BY position",
        rs -> rs.getString(1), r.id());
    return new Vault(r.id(), r.name(), r.subscription(), r.group(), r.location(), r.tenant(), r.sku(), r.rbac(),
        r.purgeProtection(), r.retentionDays(), policies, new NetworkRuleSet(r.action(), r.bypass(), rules), r.tags(),
        r.createdAt(), r.createdBy(), r.deletedAt());
  }
}
