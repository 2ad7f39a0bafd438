package io.coffer.control.infrastructure;

import io.coffer.control.domain.RegistryIdentity;
import io.coffer.control.domain.RegistryIdentity.SystemIdentity;
import io.coffer.control.domain.RegistryIdentity.UserIdentity;
import io.coffer.storage.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Rows of {@code registry_user_identities} and {@code registry_system_identities}. */
public final class SqlRegistryIdentities {
  /** A system-assigned identity and the registry it belongs to. */
  public record SystemIdentityOwner(String registryId, String principalId) {}

  public RegistryIdentity get(Connection c, String registryId) throws SQLException {
    SystemIdentity system = Sql.one(c, "SELECT principal_id, tenant_id FROM registry_system_identities "
        + "WHERE registry_id = ?", rs -> new SystemIdentity(rs.getString(1), rs.getString(2)), registryId).orElse(null);
    List<UserIdentity> users = Sql.query(c, "SELECT resource_id, principal_id, client_id FROM registry_user_identities "
        + "WHERE registry_id = ? ORDER BY assigned_at, principal_id",
        rs -> new UserIdentity(rs.getString(1), rs.getString(2), rs.getString(3)), registryId);
    return new RegistryIdentity(system, users);
  }

  /** Makes the stored identities of a registry exactly {@code identity}. */
  public void put(Connection c, String registryId, RegistryIdentity identity, long now) throws SQLException {
    RegistryIdentity current = get(c, registryId);
    if (identity.system() == null) {
      Sql.update(c, "DELETE FROM registry_system_identities WHERE registry_id = ?", registryId);
    } else if (current.system() == null) {
      Sql.update(c, "INSERT INTO registry_system_identities (registry_id, principal_id, tenant_id, created_at) "
          + "VALUES (?,?,?,?)", registryId, identity.system().principalId(), identity.system().tenantId(), now);
    }
    for (UserIdentity u : current.userAssigned()) {
      if (identity.userAssigned().stream().noneMatch(x -> x.principalId().equalsIgnoreCase(u.principalId()))) {
        Sql.update(c, "DELETE FROM registry_user_identities WHERE registry_id = ? AND principal_id = ?", registryId,
            u.principalId());
      }
    }
    for (UserIdentity u : identity.userAssigned()) {
      if (current.userAssigned().stream().noneMatch(x -> x.principalId().equalsIgnoreCase(u.principalId()))) {
        Sql.update(c, "INSERT INTO registry_user_identities (registry_id, principal_id, client_id, resource_id, "
            + "assigned_at) VALUES (?,?,?,?,?)", registryId, u.principalId().toLowerCase(Locale.ROOT),
            u.clientId().toLowerCase(Locale.ROOT), u.resourceId(), now);
      }
    }
  }

  public Optional<SystemIdentityOwner> systemIdentity(Connection c, String principalId) throws SQLException {
    return Sql.one(c, "SELECT registry_id, principal_id FROM registry_system_identities WHERE principal_id = ?",
        rs -> new SystemIdentityOwner(rs.getString(1), rs.getString(2)), principalId.toLowerCase(Locale.ROOT));
  }

  public void deleteAll(Connection c, String registryId) throws SQLException {
    Sql.update(c, "DELETE FROM registry_user_identities WHERE registry_id = ?", registryId);
    Sql.update(c, "DELETE FROM registry_system_identities WHERE registry_id = ?", registryId);
  }
}
