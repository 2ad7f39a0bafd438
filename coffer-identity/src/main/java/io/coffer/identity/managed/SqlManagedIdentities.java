package io.coffer.identity.managed;

import com.fasterxml.jackson.core.type.TypeReference;
import io.coffer.common.Json;
import io.coffer.storage.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Rows of {@code managed_identities}. Group and identity names match case-insensitively, as in ARM. */
public final class SqlManagedIdentities {
  private static final String COLUMNS = "SELECT id, subscription_id, group_name, name, location, tags, tenant_id, "
      + "principal_id, client_id, created_at FROM managed_identities ";

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static ManagedIdentity row(ResultSet rs) throws SQLException {
    Map<String, String> tags;
    try {
      tags = Json.MAPPER.readValue(rs.getString(6), new TypeReference<Map<String, String>>() {});
    } catch (Exception e) {
      tags = Map.of();
    }
    return new ManagedIdentity(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        tags, rs.getString(7), rs.getString(8), rs.getString(9), rs.getLong(10));
  }

  public Optional<ManagedIdentity> byName(Connection c, String subscription, String group, String name)
      throws SQLException {
    return Sql.one(c, COLUMNS + "WHERE subscription_id = ? AND resource_group = ? AND name_key = ?",
        SqlManagedIdentities::row, subscription, key(group), key(name));
  }

  public List<ManagedIdentity> list(Connection c, String subscription, String groupOrNull) throws SQLException {
    String group = groupOrNull == null ? null : key(groupOrNull);
    return Sql.query(c, COLUMNS + "WHERE subscription_id = ? AND (? IS NULL OR resource_group = ?) "
        + "ORDER BY resource_group, name_key", SqlManagedIdentities::row, subscription, group, group);
  }

  public Optional<ManagedIdentity> byPrincipalId(Connection c, String principalId) throws SQLException {
    return Sql.one(c, COLUMNS + "WHERE principal_id = ?", SqlManagedIdentities::row, key(principalId));
  }

  public Optional<ManagedIdentity> byClientId(Connection c, String clientId) throws SQLException {
    return Sql.one(c, COLUMNS + "WHERE client_id = ?", SqlManagedIdentities::row, key(clientId));
  }

  public void insert(Connection c, ManagedIdentity m) throws SQLException {
    Sql.update(c, "INSERT INTO managed_identities (id, subscription_id, resource_group, group_name, name_key, name, "
        + "location, tags, tenant_id, principal_id, client_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        m.id(), m.subscriptionId(), key(m.resourceGroup()), m.resourceGroup(), key(m.name()), m.name(), m.location(),
        Json.string(m.tags()), m.tenantId(), m.principalId(), m.clientId(), m.createdAt());
  }

  public void updateTags(Connection c, String id, Map<String, String> tags) throws SQLException {
    Sql.update(c, "UPDATE managed_identities SET tags = ? WHERE id = ?", Json.string(tags), id);
  }

  public void delete(Connection c, String id) throws SQLException {
    Sql.update(c, "DELETE FROM managed_identities WHERE id = ?", id);
  }
}
