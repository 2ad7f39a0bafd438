package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        AcrCredentialCommands.class, AcrRepositoryCommands.class})
public final class AcrCommands extends CommandGroup {

  /** The pricing tiers; customer-managed keys need Premium. */
  public enum Sku { Basic, Standard, Premium }

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
          "  coffer acr create -g myrg -n myregistry --sku Basic --admin-enabled true"})
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

    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      if (location != null) body.put("location", location);
      body.putObject("sku").put("name", sku.name());
      body.putObject("properties").put("adminUserEnabled", adminEnabled != null && adminEnabled);
      body.set("tags", Tags.parse(tags));
      return ArmOutput.flatten(arm.put(Registries.path(arm, group, name), Registries.API, body));
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

  @Command(name = "update", description = "Update a container registry.")
  public static final class Update extends RegistryCommand {
    @Mixin ExistingRegistry registry;

    @Option(names = "--admin-enabled", required = true, arity = "0..1", fallbackValue = "true",
        paramLabel = "<true|false>", description = "Enable or disable the admin user.")
    Boolean adminEnabled;

    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.putObject("properties").put("adminUserEnabled", adminEnabled);
      return ArmOutput.flatten(arm.patch(registry.path(arm), Registries.API, body));
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
}
