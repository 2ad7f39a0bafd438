package io.coffer.cli.commands;

import io.coffer.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code coffer deployment}: template deployments, as {@code az deployment}. */
@Command(name = "deployment", description = "Manage template deployments.",
    subcommands = {DeploymentGroupCommands.class})
public final class DeploymentCommands extends CommandGroup {}
