package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.cli.CliException;
import io.coffer.cli.CofferCommand;
import io.coffer.cli.http.ArmClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The soft-deleted vaults: {@code keyvault recover}, {@code purge}, {@code list-deleted}. */
public final class DeletedVaultCommands {
  private DeletedVaultCommands() {}

  @Command(name = "recover", description = "Recover a soft-deleted key vault, with its keys and policies.")
  public static final class Recover extends CofferCommand {
    @Option(names = {"--name", "-n"}, required = true, paramLabel = "<vault>",
        description = "Name of the deleted vault.")
    String name;

    @Option(names = {"--location", "-l"}, paramLabel = "<location>",
        description = "Location of the deleted vault. Found from the name when omitted.")
    String location;

    @Option(names = {"--resource-group", "-g"}, paramLabel = "<group>",
        description = "Resource group to recover into. Default: the vault's original group.")
    String group;

    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      JsonNode deleted = Vaults.getDeleted(arm, location, name);
      JsonNode props = deleted.path("properties");
      String where = location != null ? location : props.path("location").asText(null);
      String path = group != null ? Vaults.path(arm, group, name) : props.path("vaultId").asText("");
      if (!path.startsWith("/subscriptions/")) {
        throw new CliException("The deleted vault '" + name + "' has no original vault id; pass --resource-group.");
      }
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      if (where != null) body.put("location", where);
      ObjectNode properties = body.putObject("properties");
      String tenant = sessions().require().tenantId();
      if (tenant != null) properties.put("tenantId", tenant);
      properties.putObject("sku").put("family", "A").put("name", "standard");
      properties.put("createMode", "recover");
      return arm.put(path, Vaults.API, body);
    }
  }

  @Command(name = "purge", description = {"Permanently delete a soft-deleted key vault and its keys.",
      "Refused under purge protection until the scheduled purge date."})
  public static final class Purge extends CofferCommand {
    @Option(names = {"--name", "-n"}, required = true, paramLabel = "<vault>",
        description = "Name of the deleted vault.")
    String name;

    @Option(names = {"--location", "-l"}, paramLabel = "<location>",
        description = "Location of the deleted vault. Found from the name when omitted.")
    String location;

    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      String where = location != null ? location
          : Vaults.getDeleted(arm, null, name).path("properties").path("location").asText("");
      arm.post(Vaults.deletedPath(arm, where, name) + "/purge", Vaults.API, null);
      return null;
    }
  }

  @Command(name = "list-deleted", description = "List the soft-deleted key vaults of the subscription.")
  public static final class ListDeleted extends CofferCommand {
    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      arm.list(Vaults.deletedListPath(arm), Vaults.API).forEach(out::add);
      return out;
    }
  }
}
