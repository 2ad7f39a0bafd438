package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.cli.CliException;
import io.coffer.cli.CommandGroup;
import io.coffer.cli.CofferCommand;
import io.coffer.cli.http.ArmClient;
import io.coffer.cli.output.CommandTables;
import io.coffer.cli.output.TableTransformer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code coffer acr}: container registries, as {@code az acr}. */
@Command(name = "acr",
    description = "Manage private registries of container images and OCI artifacts.",
    subcommands = {AcrCommands.Create.class, AcrCommands.Show.class, AcrCommands.ListRegistries.class,
        AcrCommands.Update.class, AcrCommands.Delete.class, AcrCommands.GarbageCollect.class,
        AcrCredentialCommands.class, AcrRepositoryCommands.class, AcrIdentityCommands.class,
        AcrEncryptionCommands.class, AcrNetworkRuleCommands.class, AcrConfigCommands.class})
public final class AcrCommands extends CommandGroup {

  /** The pricing tiers; customer-managed keys need Premium. */
  public enum Sku { Basic, Standard, Premium }

  /** Whether addresses that no network rule names may reach the registry. */
  public enum DefaultAction { Allow, Deny }

  /** Base of the commands that print registries: az's table layout for them. */
  abstract static class RegistryCommand extends CofferCommand {
    @Override
    protected TableTransformer tableTransformer() {
      return CommandTables.REGISTRY;
    }
  }

  @Command(name = "create", description = "Create a container registry.",
      footerHeading = "%nExamples%n",
      footer = {"  coffer acr create -g myrg -n myregistry --sku Premium",
          "  coffer acr create -g myrg -n myregistry --sku Basic --admin-enabled true",
          "  coffer acr create -g myrg -n myregistry --sku Premium \\",
          "      --identity $identityID --key-encryption-key $keyID"})
  public static final class Create extends RegistryCommand {
    @Option(names = {"--resource-group", "-g"}, required = true, paramLabel = "<group>",
        description = "Name of the resource group.")
    String group;

    @Option(names = {"--name", "-n"}, required = true, paramLabel = "<registry>",
        description = "Name of the registry: 5-50 letters and digits, unique on the server.")
    String name;

    @Option(names = "--sku", required = true, paramLabel = "<sku>",
        description = "Pricing tier: ${COMPLETION-CANDIDATES}. Customer-managed keys need Premium.")
    Sku sku;

    @Option(names = {"--location", "-l"}, paramLabel = "<location>",
        description = "Location. Default: the location of the resource group.")
    String location;

    @Option(names = "--admin-enabled", arity = "0..1", fallbackValue = "true", paramLabel = "<true|false>",
        description = "Enable the admin user (user name and passwords for docker login). Default: false.")
    Boolean adminEnabled;

    @Option(names = "--tags", arity = "0..*", paramLabel = "<key[=value]>",
        description = "Space-separated tags: key[=value] [key[=value] ...].")
    List<String> tags;

    @Option(names = "--identity", paramLabel = "<identity>",
        description = "User-assigned identity that reads the customer-managed key: its resource id, its name in "
            + "the resource group, or its client or principal id. Needs --key-encryption-key.")
    String identity;

    @Option(names = "--key-encryption-key", paramLabel = "<key id>",
        description = "Key id of the customer-managed key that encrypts the registry. Without a version, the "
            + "registry follows the key's new versions by itself. Needs --identity and the Premium SKU.")
    String keyEncryptionKey;

    @Override
    protected JsonNode execute() {
      boolean cmk = !blank(keyEncryptionKey);
      if (blank(identity) == cmk) {
        throw new CliException("Usage error: --identity and --key-encryption-key must be both supplied",
            CliException.USAGE);
      }
      ArmClient arm = arm();
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      if (location != null) body.put("location", location);
      body.putObject("sku").put("name", sku.name());
      ObjectNode properties = body.putObject("properties");
      properties.put("adminUserEnabled", adminEnabled != null && adminEnabled);
      body.set("tags", Tags.parse(tags));
      if (cmk) customerKey(arm, body, properties);
      return ArmOutput.flatten(arm.put(Registries.path(arm, group, name), Registries.API, body));
    }

    /** The identity block and the encryption that names that identity by its client id, as az sends them. */
    private void customerKey(ArmClient arm, ObjectNode body, ObjectNode properties) {
      IdentityReferences.UserIdentity user =
          new IdentityReferences(arm, group, MissingNode.getInstance()).read(identity.trim());
      ObjectNode identityBlock = body.putObject("identity").put("type", "UserAssigned");
      identityBlock.putObject("userAssignedIdentities").putObject(user.resourceId());
      ObjectNode encryption = properties.putObject("encryption").put("status", "enabled");
      encryption.putObject("keyVaultProperties")
          .put("identity", user.clientId())
          .put("keyIdentifier", keyEncryptionKey.trim());
    }
  }

  @Command(name = "show", description = "Get the details of a container registry.")
  public static final class Show extends RegistryCommand {
    @Mixin ExistingRegistry registry;

    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      return ArmOutput.flatten(arm.get(registry.path(arm), Registries.API));
    }
  }

  @Command(name = "list", description = "List the container registries of the subscription or of a resource group.")
  public static final class ListRegistries extends RegistryCommand {
    @Option(names = {"--resource-group", "-g"}, paramLabel = "<group>",
        description = "Only the registries of this resource group.")
    String group;

    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      arm.list(Registries.listPath(arm, group), Registries.API).forEach(r -> out.add(ArmOutput.flatten(r)));
      return out;
    }
  }

  @Command(name = "update", description = "Update a container registry.",
      footerHeading = "%nExamples%n",
      footer = {"  coffer acr update -n myregistry --admin-enabled true",
          "  coffer acr update -n myregistry --default-action Deny"})
  public static final class Update extends RegistryCommand {
    @Mixin ExistingRegistry registry;

    @Option(names = "--admin-enabled", arity = "0..1", fallbackValue = "true",
        paramLabel = "<true|false>", description = "Enable or disable the admin user.")
    Boolean adminEnabled;

    @Option(names = "--default-action", paramLabel = "<action>",
        description = "What happens to addresses that no network rule names: ${COMPLETION-CANDIDATES}. "
            + "Deny lets only the 'coffer acr network-rule' addresses reach the registry.")
    DefaultAction defaultAction;

    @Override
    protected JsonNode execute() {
      if (adminEnabled == null && defaultAction == null) {
        throw new CliException("usage error: specify at least one of --admin-enabled, --default-action",
            CliException.USAGE);
      }
      ArmClient arm = arm();
      String path = registry.path(arm);
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      ObjectNode properties = body.putObject("properties");
      if (adminEnabled != null) properties.put("adminUserEnabled", adminEnabled);
      if (defaultAction != null) {
        // The rules stay as they are: the whole set is sent with the new default.
        ObjectNode rules = AcrNetworkRuleCommands.current(arm.get(path, Registries.API));
        rules.put("defaultAction", defaultAction.name());
        properties.set("networkRuleSet", rules);
      }
      return ArmOutput.flatten(arm.patch(path, Registries.API, body));
    }
  }

  @Command(name = "delete", description = "Delete a container registry and all its content.")
  public static final class Delete extends CofferCommand {
    @Mixin ExistingRegistry registry;

    @Option(names = {"--yes", "-y"}, description = "Do not prompt for confirmation.")
    boolean yes;

    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      String path = registry.path(arm);
      confirm(yes, null);
      arm.delete(path, Registries.API, true);
      return null;
    }
  }

  @Command(name = "gc",
      description = {"Collect garbage in a container registry now.",
          "Removes blobs that no manifest references any more and reports what was freed."})
  public static final class GarbageCollect extends CofferCommand {
    @Mixin ExistingRegistry registry;

    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      return arm.post(registry.path(arm) + "/garbageCollect", Registries.API, null);
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
