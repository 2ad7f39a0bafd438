package io.coffer.control.application;

import io.coffer.control.domain.ControlException;
import io.coffer.control.domain.ControlException.Kind;
import io.coffer.identity.Principal;
import io.coffer.identity.rbac.RoleAssignment;
import io.coffer.identity.rbac.SqlRoleAssignments;
import io.coffer.storage.db.Database;
import io.coffer.vault.access.KeyVaultRole;
import io.coffer.vault.vaults.Vault;
import io.coffer.vault.vaults.VaultException;
import io.coffer.vault.vaults.VaultService;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code Microsoft.Authorization/roleAssignments} with the Key Vault roles, at the scopes a key
 * vault role can have: the subscription, a group, a vault, or a key of a vault.
 */
public final class RoleAssignmentService {
  private static final Pattern SCOPE = Pattern.compile("/subscriptions/([^/]+)(?:/resourcegroups/([^/]+)"
      + "(?:/providers/microsoft\\.keyvault/vaults/([^/]+)(?:/keys/([^/]+))?)?)?/?", Pattern.CASE_INSENSITIVE);
  private static final Pattern GUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern KEY_NAME = Pattern.compile("[0-9a-zA-Z-]{1,127}");
  private final Database db;
  private final SqlRoleAssignments store;
  private final ControlPlane control;
  private final VaultService vaults;
  private final PrincipalDirectory principals;
  private final Clock clock;

  public RoleAssignmentService(Database db, SqlRoleAssignments store, ControlPlane control, VaultService vaults,
      PrincipalDirectory principals, Clock clock) {
    this.db = db;
    this.store = store;
    this.control = control;
    this.vaults = vaults;
    this.principals = principals;
    this.clock = clock;
  }

  /**
   * The canonical form of a scope (names as the resources spell them); 404 when what it names does
   * not exist, 400 when it is no scope a Key Vault role can have.
   */
  public String scope(String scope) {
    Matcher m = SCOPE.matcher(scope);
    if (!m.matches()) {
      throw new ControlException(Kind.BAD_REQUEST, "InvalidScope", "The scope '" + scope + "' is not valid for a "
          + "Key Vault role: use a subscription, a resource group, a key vault or a key of a key vault.");
    }
    control.requireSubscription(m.group(1));
    String sub = control.subscriptions().stream().filter(s -> s.id().equalsIgnoreCase(m.group(1))).findFirst()
        .orElseThrow().id();
    if (m.group(2) == null) return "/subscriptions/" + sub;
    String group = control.group(sub, m.group(2)).name();
    if (m.group(3) == null) return "/subscriptions/" + sub + "/resourceGroups/" + group;
    Vault v;
    try {
      v = vaults.get(sub, group, m.group(3));
    } catch (VaultException e) {
      throw new ControlException(Kind.NOT_FOUND, "ResourceNotFound", e.getMessage());
    }
    if (m.group(4) == null) return v.resourceId();
    if (!KEY_NAME.matcher(m.group(4)).matches()) {
      throw new ControlException(Kind.BAD_REQUEST, "InvalidScope", "'" + m.group(4) + "' is not a valid key name.");
    }
    return v.resourceId() + "/keys/" + m.group(4);
  }

  public static String definitionId(String subscription, KeyVaultRole role) {
    return "/subscriptions/" + subscription + "/providers/Microsoft.Authorization/roleDefinitions/" + role.id();
  }

  /**
   * Gives {@code role} to a principal at a canonical {@code scope}. Putting the same assignment
   * (name, scope, role, principal) again returns it unchanged.
   */
  public RoleAssignment create(String subscription, String scope, String name, String roleDefinition,
      String principalId, String principalType, Principal caller) {
    if (name == null || !GUID.matcher(name).matches()) {
      throw new ControlException(Kind.BAD_REQUEST, "InvalidRoleAssignmentId", "The role assignment ID '" + name
          + "' is not valid. The role assignment ID must be a GUID.");
    }
    KeyVaultRole role = KeyVaultRole.find(roleDefinition).orElseThrow(() -> new ControlException(Kind.BAD_REQUEST,
        "RoleDefinitionDoesNotExist", "The specified role definition '" + roleDefinition + "' does not exist."));
    String actualType = principals.principalType(principalId).orElseThrow(() -> new ControlException(
        Kind.BAD_REQUEST, "PrincipalNotFound", "Principal " + principalId + " does not exist in the directory."));
    if (principalType != null && !principalType.equalsIgnoreCase(actualType)) {
      throw new ControlException(Kind.BAD_REQUEST, "PrincipalTypeNotSupported", "Principal " + principalId + " is a "
          + actualType + ", not a " + principalType + ".");
    }
    String definitionId = definitionId(subscription, role);
    String id = name.toLowerCase(Locale.ROOT);
    return db.inTransaction(c -> {
      Optional<RoleAssignment> same = store.byName(c, id);
      if (same.isPresent()) {
        RoleAssignment a = same.get();
        if (SqlRoleAssignments.within(a.scope(), scope) && SqlRoleAssignments.within(scope, a.scope())
            && a.roleDefinitionId().equals(definitionId) && a.principalId().equalsIgnoreCase(principalId)) {
          return a;
        }
        throw new ControlException(Kind.CONFLICT, "RoleAssignmentUpdateNotPermitted", "Tenant ID, application ID, "
            + "principal ID, and scope are not allowed to be updated; role assignment '" + id + "' exists already.");
      }
      if (store.find(c, scope, definitionId, principalId).isPresent()) {
        throw new ControlException(Kind.CONFLICT, "RoleAssignmentExists", "The role assignment already exists.");
      }
      RoleAssignment a = new RoleAssignment(id, scope, definitionId, principalId.toLowerCase(Locale.ROOT),
          actualType, clock.millis(), caller.id());
      store.insert(c, a);
      return a;
    });
  }

  public Optional<RoleAssignment> get(String scope, String name) {
    return db.read(c -> store.byName(c, name)).filter(a -> sameScope(a.scope(), scope));
  }

  /**
   * Assignments that concern a scope: those above it (inherited) and, unless {@code atScopeOnly},
   * those below it; optionally of one principal.
   */
  public List<RoleAssignment> list(String scope, String principalIdOrNull, boolean atScopeOnly) {
    return db.read(store::all).stream()
        .filter(a -> SqlRoleAssignments.within(scope, a.scope())
            || (!atScopeOnly && SqlRoleAssignments.within(a.scope(), scope)))
        .filter(a -> principalIdOrNull == null || a.principalId().equalsIgnoreCase(principalIdOrNull))
        .toList();
  }

  /** Deletes the assignment of that name at that scope; empty when there was none. */
  public Optional<RoleAssignment> delete(String scope, String name) {
    return db.inTransaction(c -> {
      Optional<RoleAssignment> a = store.byName(c, name).filter(x -> sameScope(x.scope(), scope));
      if (a.isPresent()) store.delete(c, a.get().name());
      return a;
    });
  }

  /** Role definitions (the Key Vault roles), all or those matching a role name (the seed's alias included). */
  public List<KeyVaultRole> definitions(String roleNameOrNull) {
    if (roleNameOrNull == null) return KeyVaultRole.all();
    return KeyVaultRole.find(roleNameOrNull)
        .filter(r -> !GUID.matcher(roleNameOrNull.trim()).matches() && !roleNameOrNull.contains("/"))
        .map(List::of).orElse(List.of());
  }

  private static boolean sameScope(String a, String b) {
    return SqlRoleAssignments.within(a, b) && SqlRoleAssignments.within(b, a);
  }
}
