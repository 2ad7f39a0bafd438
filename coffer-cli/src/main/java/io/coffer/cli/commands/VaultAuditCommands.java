package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.coffer.cli.CliException;
import io.coffer.cli.CommandGroup;
import io.coffer.cli.CofferCommand;
import io.coffer.cli.http.ArmClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code keyvault audit}: the vault's append-only, hash-chained log of data-plane operations. */
@Command(name = "audit",
    description = "Show and check the audit log of a key vault's data-plane operations.",
    subcommands = {VaultAuditCommands.ListEvents.class, VaultAuditCommands.Verify.class})
public final class VaultAuditCommands extends CommandGroup {

  @Command(name = "list", description = "List the latest audit events of a key vault, oldest first.",
      footerHeading = "%nExamples%n",
      footer = "  coffer keyvault audit list -n myvault --top 20 -o table")
  public static final class ListEvents extends CofferCommand {
    @Mixin ExistingVault vault;

    @Option(names = "--top", paramLabel = "<n>", description = "How many events, 1-10000. Default: 100.")
    int top = 100;

    @Override
    protected JsonNode execute() {
      if (top < 1 || top > 10000) {
        throw new CliException("argument --top: must be between 1 and 10000.", CliException.USAGE);
      }
      ArmClient arm = arm();
      JsonNode page = arm.get(Vaults.id(vault.get(arm)) + "/auditEvents?$top=" + top, Vaults.API);
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      if (page != null) page.path("value").forEach(out::add);
      return out;
    }
  }

  @Command(name = "verify", description = {"Check the hash chain of a key vault's audit log.",
      "Prints the result; exits with 1 when the log is not intact."})
  public static final class Verify extends CofferCommand {
    @Mixin ExistingVault vault;

    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      return arm.post(Vaults.id(vault.get(arm)) + "/verifyAudit", Vaults.API, null);
    }

    @Override
    protected int exitCode(JsonNode result) {
      if (result == null || result.path("intact").asBoolean(false)) return 0;
      ctx().log().error("The audit log of vault '" + vault.name + "' is not intact"
          + (result.path("firstBrokenSequence").isNumber()
              ? " from sequence " + result.get("firstBrokenSequence").asText() : "") + ".");
      return CliException.FAILURE;
    }
  }
}
