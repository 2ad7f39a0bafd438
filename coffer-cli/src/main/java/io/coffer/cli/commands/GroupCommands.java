package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.cli.CommandGroup;
import io.coffer.cli.CofferCommand;
import io.coffer.cli.http.ArmClient;
import io.coffer.cli.http.UrlPaths;
import io.coffer.cli.output.CommandTables;
import io.coffer.cli.output.TableTransformer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coffer group}: resource groups, as {@code az group}. */
@Command(name = "group",
    description = "Manage resource groups.",
    subcommands = {GroupCommands.Create.class, GroupCommands.Show.class, GroupCommands.ListGroups.class,
        GroupCommands.Delete.class, GroupCommands.Exists.class})
public final class GroupCommands extends CommandGroup {
  static final String API = "2022-09-01";

  static String path(ArmClient arm, String name) {
    return arm.subscriptionPath() + "/resourcegroups/" + UrlPaths.segment(name);
  }

  @Command(name = "create", description = "Create a new resource group, or update an existing one.",
      footerHeading = "%nExamples%n",
      footer = "  coffer group create -n myrg -l westeurope --tags team=platform env=prod")
  public static final class Create extends CofferCommand {
    @Option(names = {"--name", "-n", "--resource-group", "-g"}, required = true, paramLabel = "<name>",
        description = "Name of the new resource group.")
    String name;

    @Option(names = {"--location", "-l"}, required = true, paramLabel = "<location>",
        description = "Location of the group, e.g. westeurope. Registries created in it default to it.")
    String location;

    @Option(names = "--tags", arity = "0..*", paramLabel = "<key[=value]>",
        description = "Space-separated tags: key[=value] [key[=value] ...]. Use \"\" to clear existing tags.")
    List<String> tags;

    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("location", location);
      body.set("tags", Tags.parse(tags));
      return arm.put(path(arm, name), API, body);
    }
  }

  @Command(name = "show", description = "Get a resource group.")
  public static final class Show extends CofferCommand {
    @Option(names = {"--name", "-n", "--resource-group", "-g"}, required = true, paramLabel = "<name>",
        description = "Name of the resource group.")
    String name;

    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      return arm.get(path(arm, name), API);
    }
  }

  @Command(name = "list", description = "List the resource groups of the subscription.")
  public static final class ListGroups extends CofferCommand {
    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      arm.list(arm.subscriptionPath() + "/resourcegroups", API).forEach(out::add);
      return out;
    }

    @Override
    protected TableTransformer tableTransformer() {
      return CommandTables.GROUP_LIST;
    }
  }

  @Command(name = "delete",
      description = "Delete a resource group and every resource in it (registries and their images included).")
  public static final class Delete extends CofferCommand {
    @Option(names = {"--name", "-n", "--resource-group", "-g"}, required = true, paramLabel = "<name>",
        description = "Name of the resource group.")
    String name;

    @Option(names = {"--yes", "-y"}, description = "Do not prompt for confirmation.")
    boolean yes;

    @Option(names = "--no-wait", description = "Do not wait for the deletion to finish.")
    boolean noWait;

    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      confirm(yes, null);
      arm.delete(path(arm, name), API, !noWait);
      return null;
    }
  }

  @Command(name = "exists", description = "Check whether a resource group exists: prints true or false.")
  public static final class Exists extends CofferCommand {
    @Option(names = {"--name", "-n", "--resource-group", "-g"}, required = true, paramLabel = "<name>",
        description = "Name of the resource group.")
    String name;

    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      return BooleanNode.valueOf(arm.getOrNull(path(arm, name), API) != null);
    }
  }
}
