package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.cli.CommandGroup;
import io.coffer.cli.CofferCommand;
import io.coffer.cli.http.ArmClient;
import io.coffer.cli.http.UrlPaths;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coffer identity}: user-assigned managed identities, as {@code az identity}. Printed with
 * {@code properties} flattened (clientId, principalId, tenantId, clientSecretUrl at the top).
 */
@Command(name = "identity",
    description = "Manage user-assigned managed identities (principals that registries use to reach key vaults).",
    subcommands = {IdentityCommands.Create.class, IdentityCommands.Show.class, IdentityCommands.ListIdentities.class,
        IdentityCommands.Delete.class})
public final class IdentityCommands extends CommandGroup {
  static final String API = "2023-01-31";
  static final String TYPE = "Microsoft.ManagedIdentity/userAssignedIdentities";

  static String path(ArmClient arm, String group, String name) {
    return listPath(arm, group) + "/" + UrlPaths.segment(name);
  }

  static String listPath(ArmClient arm, String group) {
    return group == null
        ? arm.subscriptionPath() + "/providers/" + TYPE
        : arm.subscriptionPath() + "/resourceGroups/" + UrlPaths.segment(group) + "/providers/" + TYPE;
  }

  /** Every identity of the subscription, as the control plane returns them. */
  static List<JsonNode> all(ArmClient arm) {
    return arm.list(listPath(arm, null), API);
  }

  abstract static class NamedIdentity extends CofferCommand {
    @Option(names = {"--resource-group", "-g"}, required = true, paramLabel = "<group>",
        description = "Name of the resource group.")
    String group;

    @Option(names = {"--name", "-n"}, required = true, paramLabel = "<identity>",
        description = "Name of the identity.")
    String name;
  }

  @Command(name = "create", description = "Create a user-assigned managed identity.",
      footerHeading = "%nExamples%n", footer = "  coffer identity create -g myrg -n myidentity")
  public static final class Create extends NamedIdentity {
    @Option(names = {"--location", "-l"}, paramLabel = "<location>",
        description = "Location. Default: the location of the resource group.")
    String location;

    @Option(names = "--tags", arity = "0..*", paramLabel = "<key[=value]>",
        description = "Space-separated tags: key[=value] [key[=value] ...].")
    List<String> tags;

    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      String where = location != null ? location
          : arm.get(GroupCommands.path(arm, group), GroupCommands.API).path("location").asText(null);
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      if (where != null) body.put("location", where);
      body.set("tags", Tags.parse(tags));
      return ArmOutput.flatten(arm.put(path(arm, group, name), API, body));
    }
  }

  @Command(name = "show", description = "Show a managed identity.",
      footerHeading = "%nExamples%n",
      footer = "  identityPrincipalID=$(coffer identity show -g myrg -n myidentity --query principalId --output tsv)")
  public static final class Show extends NamedIdentity {
    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      return ArmOutput.flatten(arm.get(path(arm, group, name), API));
    }
  }

  @Command(name = "list", description = "List the managed identities of the subscription or of a resource group.")
  public static final class ListIdentities extends CofferCommand {
    @Option(names = {"--resource-group", "-g"}, paramLabel = "<group>",
        description = "Only the identities of this resource group.")
    String group;

    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      arm.list(listPath(arm, group), API).forEach(i -> out.add(ArmOutput.flatten(i)));
      return out;
    }
  }

  @Command(name = "delete", description = "Delete a managed identity.")
  public static final class Delete extends NamedIdentity {
    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      arm.delete(path(arm, group, name), API, true);
      return null;
    }
  }
}
