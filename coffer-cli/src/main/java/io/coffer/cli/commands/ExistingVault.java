package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.http.ArmClient;
import picocli.CommandLine.Option;

/** {@code --name} and optional {@code --resource-group} of a vault that exists; a picocli mixin. */
public final class ExistingVault {
  @Option(names = {"--name", "-n"}, required = true, paramLabel = "<vault>", description = "Name of the key vault.")
  String name;

  @Option(names = {"--resource-group", "-g"}, paramLabel = "<group>",
      description = "Name of the resource group. Found from the vault name when omitted.")
  String group;

  /** The vault resource as the control plane returns it. */
  JsonNode get(ArmClient arm) {
    return Vaults.get(arm, group, name);
  }
}
