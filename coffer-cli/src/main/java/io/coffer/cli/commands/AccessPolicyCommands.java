package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.cli.CofferCommand;
import io.coffer.cli.http.ArmClient;
import io.coffer.cli.http.UrlPaths;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code keyvault set-policy} and {@code delete-policy}: the vault's access policies. */
public final class AccessPolicyCommands {
  private AccessPolicyCommands() {}

  /** Whose policy: an object id, or a user found by principal name. */
  static final class Principal {
    @Option(names = "--object-id", paramLabel = "<guid>",
        description = "Object id of a user, or principal id of a managed identity.")
    String objectId;

    @Option(names = "--upn", paramLabel = "<name>", description = "User principal name of a user.")
    String upn;

    String resolve(java.util.function.Function<String, JsonNode> user) {
      return objectId != null ? objectId : user.apply(upn).path("id").asText();
    }
  }

  abstract static class PolicyCommand extends CofferCommand {
    @Mixin ExistingVault vault;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Principal principal;

    /** Sends one policy change and prints the vault as it now is, as az does. */
    JsonNode change(String kind, List<String> permissions) {
      ArmClient arm = arm();
      JsonNode current = vault.get(arm);
      String objectId = principal.resolve(
          upn -> graph().get("/v1.0/users/" + UrlPaths.segment(upn)));
      String operation = kind != null ? kind : hasPolicy(current, objectId) ? "replace" : "add";
      ObjectNode entry = JsonNodeFactory.instance.objectNode();
      String tenant = current.path("properties").path("tenantId").asText(sessions().require().tenantId());
      if (tenant != null) entry.put("tenantId", tenant);
      entry.put("objectId", objectId);
      ArrayNode keys = entry.putObject("permissions").putArray("keys");
      permissions.forEach(keys::add);
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.putObject("properties").putArray("accessPolicies").add(entry);
      arm.put(Vaults.id(current) + "/accessPolicies/" + operation, Vaults.API, body);
      return arm.get(Vaults.id(current), Vaults.API);
    }

    private static boolean hasPolicy(JsonNode vault, String objectId) {
      for (JsonNode p : vault.path("properties").path("accessPolicies")) {
        if (p.path("objectId").asText("").equalsIgnoreCase(objectId)) return true;
      }
      return false;
    }
  }

  @Command(name = "set-policy", description = {"Set the key permissions of a principal on a key vault.",
      "The listed permissions replace the principal's key permissions ('all' grants all 19)."},
      footerHeading = "%nExamples%n",
      footer = "  coffer keyvault set-policy -g myrg -n myvault --object-id $identityPrincipalID "
          + "--key-permissions get unwrapKey wrapKey")
  public static final class SetPolicy extends PolicyCommand {
    @Option(names = "--key-permissions", required = true, arity = "1..*", paramLabel = "<permission>",
        description = "Space-separated key permissions: all, " + "get, list, create, update, import, delete, "
            + "recover, backup, restore, purge, decrypt, encrypt, unwrapKey, wrapKey, verify, sign, rotate, "
            + "getrotationpolicy, setrotationpolicy.")
    List<String> keyPermissions;

    @Override
    protected JsonNode execute() {
      List<String> permissions = KeyPermissions.parse(keyPermissions);
      return change(null, permissions);
    }
  }

  @Command(name = "delete-policy", description = "Remove every permission of a principal on a key vault.",
      footerHeading = "%nExamples%n",
      footer = "  coffer keyvault delete-policy -g myrg -n myvault --object-id $identityPrincipalID")
  public static final class DeletePolicy extends PolicyCommand {
    @Override
    protected JsonNode execute() {
      return change("remove", List.of());
    }
  }
}
