package io.coffer.identity.rbac;

import io.coffer.storage.db.Database;
import io.coffer.storage.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Rows of {@code role_assignments}. Scopes are stored as given by the caller (canonical ARM ids) and
 * compared by their lower-case form, since ARM ids are case-insensitive.
 */
public final class SqlRoleAssignments implements RoleAssignmentLookup {
  private static final String COLUMNS = "SELECT name, scope, role_definition_id, principal_id, principal_type, "
      + "created_at, created_by FROM role_assignments ";
  private final Database db;

  public SqlRoleAssignments(Database db) {
    this.db = db;
  }

  static String key(String scope) {
    String s = scope.toLowerCase(Locale.ROOT);
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** Whether {@code scope} is {@code ancestor} or lies below it (ARM ids, case-insensitive). */
  public static boolean within(String scope, String ancestor) {
    String s = key(scope);
    String a = key(ancestor);
    return s.equals(a) || s.startsWith(a + "/");
  }

  private static RoleAssignment row(ResultSet rs) throws SQLException {
    return new RoleAssignment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getLong(6), rs.getString(7));
  }

  @Override
  public List<RoleAssignment> forPrincipal(String principalId) {
    return db.read(c -> Sql.query(c, COLUMNS + "WHERE principal_id = ? ORDER BY created_at, name",
        SqlRoleAssignments::row, principalId.toLowerCase(Locale.ROOT)));
  }

  public Optional<RoleAssignment> byName(Connection c, String name) throws SQLException {
    return Sql.one(c, COLUMNS + "WHERE name = ?", SqlRoleAssignments::row, name.toLowerCase(Locale.ROOT));
  }

  /** The assignment of that role to that principal at exactly that scope. */
  public Optional<RoleAssignment> find(Connection c, String scope, String roleDefinitionId, String principalId)
      throws SQLException {
    return Sql.one(c, COLUMNS + "WHERE scope_key = ? AND role_definition_id = ? AND principal_id = ?",
        SqlRoleAssignments::row, key(scope), roleDefinitionId, principalId.toLowerCase(Locale.ROOT));
  }

  /** Every assignment at or below {@code scope}. */
  public List<RoleAssignment> atOrBelow(Connection c, String scope) throws SQLException {
    return all(c).stream().filter(a -> within(a.scope(), scope)).toList();
  }

  public List<RoleAssignment> all(Connection c) throws SQLException {
    return Sql.query(c, COLUMNS + "ORDER BY created_at, name", SqlRoleAssignments::row);
  }

  /** Inserts the assignment; ids are stored in lower case, as ARM returns GUIDs. */
  public void insert(Connection c, RoleAssignment a) throws SQLException {
    Sql.update(c, "INSERT INTO role_assignments (name, scope, scope_key, role_definition_id, principal_id, "
        + "principal_type, created_at, created_by) VALUES (?,?,?,?,?,?,?,?)", a.name().toLowerCase(Locale.ROOT),
        a.scope(), key(a.scope()), a.roleDefinitionId(), a.principalId().toLowerCase(Locale.ROOT), a.principalType(),
        a.createdAt(), a.createdBy());
  }

  public boolean delete(Connection c, String name) throws SQLException {
    return Sql.update(c, "DELETE FROM role_assignments WHERE name = ?", name.toLowerCase(Locale.ROOT)) > 0;
  }

  public void deleteForPrincipal(Connection c, String principalId) throws SQLException {
    Sql.update(c, "DELETE FROM role_assignments WHERE principal_id = ?", principalId.toLowerCase(Locale.ROOT));
  }

  /** Removes every assignment at or below {@code scope}, e.g. when the resource goes away for good. */
  public void deleteAtOrBelow(Connection c, String scope) throws SQLException {
    for (RoleAssignment a : atOrBelow(c, scope)) delete(c, a.name());
  }
}
