package io.coffer.control.infrastructure;

import io.coffer.control.application.RoleAssignmentService;
import io.coffer.identity.rbac.RoleAssignment;
import io.coffer.vault.access.KeyDataAction;
import io.coffer.vault.access.KeyVaultRole;
import io.coffer.vault.vaults.KeyPermission;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** ARM JSON of role assignments and role definitions. */
final class AuthorizationJson {
  private AuthorizationJson() {}

  static Map<String, Object> assignment(RoleAssignment a) {
    String time = Instant.ofEpochMilli(a.createdAt()).toString();
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("condition", null);
    props.put("createdBy", a.createdBy());
    props.put("createdOn", time);
    props.put("principalId", a.principalId());
    props.put("principalType", a.principalType());
    props.put("roleDefinitionId", a.roleDefinitionId());
    props.put("scope", a.scope());
    props.put("updatedBy", a.createdBy());
    props.put("updatedOn", time);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("name", a.name());
    m.put("properties", props);
    m.put("type", "Microsoft.Authorization/roleAssignments");
    return m;
  }

  static Map<String, Object> definition(String subscription, KeyVaultRole role) {
    Map<String, Object> permissions = new LinkedHashMap<>();
    permissions.put("actions", List.of());
    permissions.put("notActions", List.of());
    permissions.put("dataActions", dataActions(role.permissions()));
    permissions.put("notDataActions", List.of());
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("assignableScopes", List.of("/"));
    props.put("description", role.description());
    props.put("permissions", List.of(permissions));
    props.put("roleName", role.roleName());
    props.put("type", "BuiltInRole");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", RoleAssignmentService.definitionId(subscription, role));
    m.put("name", role.id());
    m.put("properties", props);
    m.put("type", "Microsoft.Authorization/roleDefinitions");
    return m;
  }

  /** Key Vault's data action names for the permissions a role grants. */
  private static List<String> dataActions(Set<KeyPermission> permissions) {
    Set<String> out = new LinkedHashSet<>();
    for (KeyPermission p : KeyPermission.values()) {
      if (permissions.contains(p)) out.add(KeyDataAction.of(p));
    }
    return List.copyOf(out);
  }
}
