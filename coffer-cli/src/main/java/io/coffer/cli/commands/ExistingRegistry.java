package io.coffer.cli.commands;

import io.coffer.cli.http.ArmClient;
import picocli.CommandLine.Option;

/** {@code --name} and optional {@code --resource-group} of a registry that exists; a picocli mixin. */
public final class ExistingRegistry {
  @Option(names = {"--name", "-n"}, required = true, paramLabel = "<registry>", description = "Name of the registry.")
  String name;

  @Option(names = {"--resource-group", "-g"}, paramLabel = "<group>",
      description = "Name of the resource group. Found from the registry name when omitted.")
  String group;

  /** The registry's ARM path. */
  String path(ArmClient arm) {
    return Registries.resolve(arm, group, name);
  }

  /** The registry as the control plane returns it (properties not flattened), and its path. */
  RegistryResource read(ArmClient arm) {
    return RegistryResource.read(arm, group, name);
  }
}
