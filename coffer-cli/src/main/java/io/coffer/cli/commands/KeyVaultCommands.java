package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.cli.CliException;
import io.coffer.cli.CommandGroup;
import io.coffer.cli.CofferCommand;
import io.coffer.cli.http.ArmClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code coffer keyvault}: key vaults, as {@code az keyvault}. */
@Command(name = "keyvault",
    description = "Manage key vaults, their access policies, firewall, keys and audit log.",
    subcommands = {KeyVaultCommands.Create.class, KeyVaultCommands.Show.class, KeyVaultCommands.ListVaults.class,
        KeyVaultCommands.Update.class, KeyVaultCommands.Delete.class, DeletedVaultCommands.Recover.class,
        DeletedVaultCommands.Purge.class, DeletedVaultCommands.ListDeleted.class, AccessPolicyCommands.SetPolicy.class,
        AccessPolicyCommands.DeletePolicy.class, NetworkRuleCommands.class, KeyCommands.class,
        VaultAuditCommands.class})
public final class KeyVaultCommands extends CommandGroup {

  /** The vault tiers; RSA-HSM and EC-HSM keys need premium. */
  public enum Sku { standard, premium }

  /** Whether unlisted addresses may reach the vault. */
  public enum DefaultAction { Allow, Deny }

  /** Whether trusted services pass the firewall. */
  public enum Bypass { AzureServices, None }

  @Command(name = "create", description = {"Create a key vault.",
      "Soft delete is always on. Unless the vault uses RBAC, you get an access policy with every key permission."},
      footerHeading = "%nExamples%n",
      footer = {"  coffer keyvault create -n myvault -g myrg --enable-purge-protection",
          "  coffer keyvault create -n myvault -g myrg --sku premium --retention-days 30 --enable-rbac-authorization"})
  public static final class Create extends CofferCommand {
    @Option(names = {"--name", "-n"}, required = true, paramLabel = "<vault>",
        description = "Name of the vault: 3-24 letters, digits and dashes, unique on the server.")
    String name;

    @Option(names = {"--resource-group", "-g"}, required = true, paramLabel = "<group>",
        description = "Name of the resource group.")
    String group;

    @Option(names = {"--location", "-l"}, paramLabel = "<location>",
        description = "Location. Default: the location of the resource group.")
    String location;

    @Option(names = "--enable-purge-protection", arity = "0..1", fallbackValue = "true", paramLabel = "<true|false>",
        description = "Refuse purges until the retention period ends. Once on, it cannot be turned off.")
    Boolean purgeProtection;

    @Option(names = "--retention-days", paramLabel = "<days>",
        description = "Days a deleted vault or key is kept before it can be purged: 7-90. Default: 90.")
    Integer retentionDays;

    @Option(names = "--enable-rbac-authorization", arity = "0..1", fallbackValue = "true",
        paramLabel = "<true|false>",
        description = "Authorize data-plane calls with role assignments instead of access policies. Default: false.")
    Boolean rbac;

    @Option(names = "--sku", paramLabel = "<sku>", description = "Tier: ${COMPLETION-CANDIDATES}. Default: standard.")
    Sku sku = Sku.standard;

    @Option(names = "--tags", arity = "0..*", paramLabel = "<key[=value]>",
        description = "Space-separated tags: key[=value] [key[=value] ...].")
    List<String> tags;

    @Override
    protected JsonNode execute() {
      Vaults.checkName(name);
      if (retentionDays != null && (retentionDays < 7 || retentionDays > 90)) {
        throw new CliException("argument --retention-days: must be between 7 and 90 (got " + retentionDays + ").",
            CliException.USAGE);
      }
      ArmClient arm = arm();
      String where = location != null ? location
          : arm.get(GroupCommands.path(arm, group), GroupCommands.API).path("location").asText(null);
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      if (where != null) body.put("location", where);
      body.set("tags", Tags.parse(tags));
      ObjectNode properties = body.putObject("properties");
      String tenant = sessions().require().tenantId();
      if (tenant != null) properties.put("tenantId", tenant);
      properties.putObject("sku").put("family", "A").put("name", sku.name());
      properties.put("enableSoftDelete", true);
      properties.put("softDeleteRetentionInDays", retentionDays != null ? retentionDays : 90);
      properties.put("enableRbacAuthorization", rbac != null && rbac);
      // az sends purge protection only when asked for: the service takes no "false".
      if (Boolean.TRUE.equals(purgeProtection)) properties.put("enablePurgeProtection", true);
      return arm.put(Vaults.path(arm, group, name), Vaults.API, body);
    }
  }

  @Command(name = "show", description = "Show the details of a key vault.",
      footerHeading = "%nExamples%n",
      footer = "  keyvaultID=$(coffer keyvault show -g myrg -n myvault --query id --output tsv)")
  public static final class Show extends CofferCommand {
    @Mixin ExistingVault vault;

    @Override
    protected JsonNode execute() {
      return vault.get(arm());
    }
  }

  @Command(name = "list", description = "List the key vaults of the subscription or of a resource group.")
  public static final class ListVaults extends CofferCommand {
    @Option(names = {"--resource-group", "-g"}, paramLabel = "<group>",
        description = "Only the vaults of this resource group.")
    String group;

    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      arm.list(Vaults.listPath(arm, group), Vaults.API).forEach(out::add);
      return out;
    }
  }

  @Command(name = "update", description = "Update the properties of a key vault.",
      footerHeading = "%nExamples%n",
      footer = {"  coffer keyvault update -n myvault --default-action Deny --bypass AzureServices",
          "  coffer keyvault update -n myvault --enable-purge-protection"})
  public static final class Update extends CofferCommand {
    @Mixin ExistingVault vault;

    @Option(names = "--enable-purge-protection", arity = "0..1", fallbackValue = "true", paramLabel = "<true|false>",
        description = "Turn purge protection on. It cannot be turned off.")
    Boolean purgeProtection;

    @Option(names = "--enable-rbac-authorization", arity = "0..1", fallbackValue = "true",
        paramLabel = "<true|false>", description = "Use role assignments (true) or access policies (false).")
    Boolean rbac;

    @Option(names = "--default-action", paramLabel = "<action>",
        description = "What the firewall does with addresses no rule lists: ${COMPLETION-CANDIDATES}.")
    DefaultAction defaultAction;

    @Option(names = "--bypass", paramLabel = "<bypass>",
        description = "Whether trusted services (a registry's system-assigned identity) pass the firewall: "
            + "${COMPLETION-CANDIDATES}.")
    Bypass bypass;

    @Option(names = "--tags", arity = "0..*", paramLabel = "<key[=value]>",
        description = "Space-separated tags: key[=value] [key[=value] ...]. Use \"\" to clear existing tags.")
    List<String> tags;

    @Override
    protected JsonNode execute() {
      if (purgeProtection == null && rbac == null && defaultAction == null && bypass == null && tags == null) {
        throw new CliException("Nothing to update: give at least one of --enable-purge-protection, "
            + "--enable-rbac-authorization, --default-action, --bypass, --tags.", CliException.USAGE);
      }
      ArmClient arm = arm();
      JsonNode current = vault.get(arm);
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      if (tags != null) body.set("tags", Tags.parse(tags));
      ObjectNode properties = body.putObject("properties");
      if (purgeProtection != null) properties.put("enablePurgeProtection", purgeProtection);
      if (rbac != null) properties.put("enableRbacAuthorization", rbac);
      if (defaultAction != null || bypass != null) {
        // The service replaces networkAcls as a whole: send the current rules with the change.
        ObjectNode acls = NetworkRuleCommands.currentAcls(current);
        if (defaultAction != null) acls.put("defaultAction", defaultAction.name());
        if (bypass != null) acls.put("bypass", bypass.name());
        properties.set("networkAcls", acls);
      }
      return arm.patch(Vaults.id(current), Vaults.API, body);
    }
  }

  @Command(name = "delete", description = {"Delete a key vault.",
      "The vault is soft-deleted: 'keyvault recover' brings it back until its retention period ends."})
  public static final class Delete extends CofferCommand {
    @Mixin ExistingVault vault;

    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      arm.delete(Vaults.id(vault.get(arm)), Vaults.API, true);
      return null;
    }
  }
}
