package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.cli.CliException;
import io.coffer.cli.CommandGroup;
import io.coffer.cli.CofferCommand;
import io.coffer.cli.http.ArmClient;
import io.coffer.cli.http.UrlPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coffer role}: role-based access to vaults and keys, as {@code az role}. */
@Command(name = "role", description = "Manage role assignments (Key Vault roles on vaults and keys).",
    subcommands = {RoleCommands.Assignments.class, RoleCommands.Definitions.class})
public final class RoleCommands extends CommandGroup {
  static final String PROVIDER = "/providers/Microsoft.Authorization/roleAssignments";

  /** Whose principal type az may be told directly. */
  public enum PrincipalType { User, ServicePrincipal, Group, ForeignGroup }

  @Command(name = "assignment", description = "Manage role assignments.",
      subcommands = {Create.class, ListAssignments.class, Delete.class})
  public static final class Assignments extends CommandGroup {}

  @Command(name = "definition", description = "Show the roles that can be assigned.",
      subcommands = {ListDefinitions.class})
  public static final class Definitions extends CommandGroup {}

  static String scope(ArmClient arm, String scope) {
    if (scope == null) return arm.subscriptionPath();
    String s = scope.trim();
    while (s.endsWith("/") && s.length() > 1) s = s.substring(0, s.length() - 1);
    if (!s.toLowerCase().startsWith("/subscriptions/")) {
      throw new CliException("argument --scope: '" + scope + "' is not a resource id starting with /subscriptions/.",
          CliException.USAGE);
    }
    return s;
  }

  @Command(name = "create", description = "Grant a role to a user or managed identity at a scope.",
      footerHeading = "%nExamples%n",
      footer = "  coffer role assignment create --assignee $identityPrincipalID "
          + "--role \"Key Vault Crypto Service Encryption User\" --scope $keyvaultID")
  public static final class Create extends CofferCommand {
    @Option(names = "--assignee", paramLabel = "<assignee>",
        description = "User object id or principal name, or a managed identity's principal id or client id.")
    String assignee;

    @Option(names = "--assignee-object-id", paramLabel = "<guid>",
        description = "Object id of the principal, used as is (no directory lookup).")
    String assigneeObjectId;

    @Option(names = "--assignee-principal-type", paramLabel = "<type>",
        description = "With --assignee-object-id: ${COMPLETION-CANDIDATES}. Default: ServicePrincipal.")
    PrincipalType principalType;

    @Option(names = "--role", required = true, paramLabel = "<role>",
        description = "Role name (e.g. \"Key Vault Crypto User\") or id.")
    String role;

    @Option(names = "--scope", required = true, paramLabel = "<scope>",
        description = "Where the role applies: a subscription, resource group, vault or key id.")
    String scope;

    @Override
    protected JsonNode execute() {
      if ((assignee == null) == (assigneeObjectId == null)) {
        throw new CliException("Give exactly one of --assignee and --assignee-object-id.", CliException.USAGE);
      }
      ArmClient arm = arm();
      String at = RoleCommands.scope(arm, scope);
      Principals.Principal principal = assignee != null
          ? Principals.resolve(graph(), arm, assignee)
          : new Principals.Principal(assigneeObjectId,
              (principalType != null ? principalType : PrincipalType.ServicePrincipal).name());
      String roleId = RoleDefinitions.resolve(arm, role);
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      ObjectNode properties = body.putObject("properties");
      properties.put("roleDefinitionId", roleId);
      properties.put("principalId", principal.objectId());
      properties.put("principalType", principal.type());
      String path = at + PROVIDER + "/" + UUID.randomUUID();
      return ArmOutput.flatten(arm.put(path, RoleDefinitions.API, body));
    }
  }

  /** The assignments matching az's filters: assignee, role, and scope (exact, unless --all). */
  abstract static class Matching extends CofferCommand {
    @Option(names = "--assignee", paramLabel = "<assignee>",
        description = "User object id or principal name, or a managed identity's principal id or client id.")
    String assignee;

    @Option(names = "--role", paramLabel = "<role>", description = "Role name or id.")
    String role;

    @Option(names = "--scope", paramLabel = "<scope>", description = "Scope of the assignments.")
    String scope;

    List<JsonNode> matching(ArmClient arm, boolean anyScope) {
      String principalId = assignee == null ? null : Principals.resolve(graph(), arm, assignee).objectId();
      String path = arm.subscriptionPath() + PROVIDER;
      if (principalId != null) {
        path += "?$filter=" + UrlPaths.query("principalId eq '" + principalId + "'").replace("+", "%20");
      }
      String roleGuid = role == null ? null : RoleDefinitions.guidOf(RoleDefinitions.resolve(arm, role));
      String at = scope == null && anyScope ? null : RoleCommands.scope(arm, scope);
      List<JsonNode> out = new ArrayList<>();
      for (JsonNode a : arm.list(path, RoleDefinitions.API)) {
        JsonNode p = a.path("properties");
        if (principalId != null && !p.path("principalId").asText("").equalsIgnoreCase(principalId)) continue;
        if (roleGuid != null && !RoleDefinitions.guidOf(p.path("roleDefinitionId").asText("")).equals(roleGuid)) continue;
        if (at != null && !p.path("scope").asText("").equalsIgnoreCase(at)) continue;
        out.add(a);
      }
      return out;
    }
  }

  @Command(name = "list", description = {"List role assignments.",
      "Without --scope, only those at the subscription scope; --all lists every scope."})
  public static final class ListAssignments extends Matching {
    @Option(names = "--all", description = "List assignments at every scope of the subscription.")
    boolean all;

    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      List<JsonNode> found = matching(arm, all);
      Map<String, String> roles = RoleDefinitions.names(arm);
      Map<String, String> principals = Principals.names(graph(), arm);
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (JsonNode a : found) {
        ObjectNode row = (ObjectNode) ArmOutput.flatten(a);
        row.put("principalName", principals.getOrDefault(row.path("principalId").asText("").toLowerCase(), ""));
        row.put("roleDefinitionName", roles.get(RoleDefinitions.guidOf(row.path("roleDefinitionId").asText(""))));
        out.add(row);
      }
      return out;
    }
  }

  @Command(name = "delete", description = "Delete role assignments, by --ids or by assignee, role and scope.")
  public static final class Delete extends Matching {
    @Option(names = "--ids", arity = "1..*", paramLabel = "<id>", description = "Full ids of role assignments.")
    List<String> ids;

    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      if (ids != null) {
        if (assignee != null || role != null || scope != null) {
          throw new CliException("argument --ids: not allowed with --assignee, --role or --scope.", CliException.USAGE);
        }
        for (String id : ids) arm.delete(RoleCommands.scope(arm, id), RoleDefinitions.API, true);
        return null;
      }
      if (assignee == null && role == null && scope == null) {
        throw new CliException("Give --ids, or at least one of --assignee, --role and --scope.", CliException.USAGE);
      }
      List<JsonNode> found = matching(arm, true);
      if (found.isEmpty()) throw new CliException("No matched assignments were found to delete");
      for (JsonNode a : found) arm.delete(a.path("id").asText(), RoleDefinitions.API, true);
      return null;
    }
  }

  @Command(name = "list", description = "List the role definitions (the Key Vault roles).")
  public static final class ListDefinitions extends CofferCommand {
    @Option(names = "--name", paramLabel = "<role>", description = "Only the role with this name or id.")
    String name;

    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      String only = name == null ? null : RoleDefinitions.guidOf(RoleDefinitions.resolve(arm, name));
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (JsonNode d : arm.list(RoleDefinitions.listPath(arm), RoleDefinitions.API)) {
        if (only == null || RoleDefinitions.guidOf(d.path("id").asText("")).equals(only)) {
          out.add(ArmOutput.flatten(d));
        }
      }
      return out;
    }
  }
}
