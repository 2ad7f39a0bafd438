package io.coffer.control.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.control.application.RoleAssignmentService;
import io.coffer.control.domain.ControlException;
import io.coffer.control.domain.ControlException.Kind;
import io.coffer.identity.rbac.RoleAssignment;
import io.coffer.vault.access.KeyVaultRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {scope}/providers/Microsoft.Authorization/roleAssignments[/{guid}]} and
 * {@code .../roleDefinitions[/{guid}]}, at any scope a Key Vault role can have.
 */
final class AuthorizationRoutes {
  private static final Pattern PRINCIPAL_FILTER = Pattern.compile("principalId\\s+eq\\s+'([^']*)'",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern AT_SCOPE = Pattern.compile("atScope\\(\\)", Pattern.CASE_INSENSITIVE);
  private static final Pattern ROLE_NAME_FILTER = Pattern.compile("\\s*roleName\\s+eq\\s+'((?:[^']|'')*)'\\s*",
      Pattern.CASE_INSENSITIVE);
  private final RoleAssignmentService roles;

  AuthorizationRoutes(RoleAssignmentService roles) {
    this.roles = roles;
  }

  /**
   * @param scopePath the path between the subscription id and {@code /providers/Microsoft.Authorization}
   * @param rest the path after {@code Microsoft.Authorization}
   */
  void handle(ArmCall call, List<String> scopePath, List<String> rest) {
    StringBuilder raw = new StringBuilder("/subscriptions/").append(call.sub());
    for (String s : scopePath) raw.append('/').append(s);
    if (rest.isEmpty() || rest.size() > 2) throw call.notFound();
    String scope = roles.scope(raw.toString());
    String kind = rest.get(0);
    if (kind.equalsIgnoreCase("roleAssignments")) {
      if (rest.size() == 1 && call.method().equals("GET")) list(call, scope);
      else if (rest.size() == 2) assignment(call, scope, rest.get(1));
      else throw call.notFound();
    } else if (kind.equalsIgnoreCase("roleDefinitions") && call.method().equals("GET")) {
      if (rest.size() == 1) definitions(call);
      else definition(call, rest.get(1));
    } else {
      throw call.notFound();
    }
  }

  private void list(ArmCall call, String scope) {
    String filter = call.ctx().queryParam("$filter");
    String principal = null;
    boolean atScope = false;
    if (filter != null && !filter.isBlank()) {
      String rest = filter;
      Matcher m = PRINCIPAL_FILTER.matcher(rest);
      if (m.find()) {
        principal = m.group(1);
        rest = m.replaceFirst("");
      }
      Matcher a = AT_SCOPE.matcher(rest);
      if (a.find()) {
        atScope = true;
        rest = a.replaceFirst("");
      }
      if (!rest.replaceAll("(?i)\\band\\b", "").isBlank()) {
        throw new ControlException(Kind.BAD_REQUEST, "InvalidFilter", "The filter '" + filter + "' is not supported; "
            + "use principalId eq '{id}' and/or atScope().");
      }
    }
    List<Object> out = new ArrayList<>();
    for (RoleAssignment ra : roles.list(scope, principal, atScope)) out.add(AuthorizationJson.assignment(ra));
    call.json(200, Map.of("value", out));
  }

  private void assignment(ArmCall call, String scope, String name) {
    switch (call.method()) {
      case "GET" -> call.json(200, AuthorizationJson.assignment(roles.get(scope, name).orElseThrow(() ->
          new ControlException(Kind.NOT_FOUND, "RoleAssignmentNotFound", "The role assignment '" + name
              + "' is not found."))));
      case "PUT" -> {
        JsonNode p = call.body().path("properties");
        String roleDefinitionId = ArmCall.text(p, "roleDefinitionId");
        String principalId = ArmCall.text(p, "principalId");
        if (roleDefinitionId == null || principalId == null) {
          throw ArmCall.invalid("'properties.roleDefinitionId' and 'properties.principalId' are required.");
        }
        boolean existed = roles.get(scope, name).isPresent();
        RoleAssignment a = roles.create(call.sub(), scope, name, roleDefinitionId, principalId,
            ArmCall.text(p, "principalType"), call.caller());
        call.json(existed ? 200 : 201, AuthorizationJson.assignment(a));
      }
      case "DELETE" -> {
        var deleted = roles.delete(scope, name);
        if (deleted.isPresent()) call.json(200, AuthorizationJson.assignment(deleted.get()));
        else call.ctx().status(204);
      }
      default -> throw call.notFound();
    }
  }

  private void definitions(ArmCall call) {
    String filter = call.ctx().queryParam("$filter");
    String roleName = null;
    if (filter != null && !filter.isBlank()) {
      Matcher m = ROLE_NAME_FILTER.matcher(filter);
      if (!m.matches()) {
        throw new ControlException(Kind.BAD_REQUEST, "InvalidFilter", "The filter '" + filter + "' is not supported; "
            + "use roleName eq '{name}'.");
      }
      roleName = m.group(1).replace("''", "'");
    }
    List<Object> out = new ArrayList<>();
    for (KeyVaultRole r : roles.definitions(roleName)) out.add(AuthorizationJson.definition(call.sub(), r));
    call.json(200, Map.of("value", out));
  }

  private void definition(ArmCall call, String id) {
    KeyVaultRole role = KeyVaultRole.find(id).filter(r -> r.id().equalsIgnoreCase(id)).orElseThrow(() ->
        new ControlException(Kind.NOT_FOUND, "RoleDefinitionDoesNotExist", "The role definition '" + id
            + "' does not exist."));
    call.json(200, AuthorizationJson.definition(call.sub(), role));
  }
}
