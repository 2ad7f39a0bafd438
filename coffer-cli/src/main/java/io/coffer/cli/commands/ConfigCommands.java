package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.CliException;
import io.coffer.cli.CommandGroup;
import io.coffer.cli.CofferCommand;
import io.coffer.config.ConfigException;
import io.coffer.config.ConfigLoader;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code coffer config}: check and show a server configuration without starting the server. */
@Command(name = "config",
    description = "Check a Coffer server configuration file (YAML plus COFFER_* environment overrides).",
    subcommands = {ConfigCommands.Verify.class, ConfigCommands.Show.class})
public final class ConfigCommands extends CommandGroup {

  @Command(name = "verify",
      description = {"Load a configuration file as 'coffer serve' would, and report the first problem.",
          "Environment overrides (COFFER_*) are applied, as at start-up."})
  public static final class Verify extends CofferCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The YAML configuration file.")
    Path file;

    @Override
    protected JsonNode execute() {
      try {
        ConfigLoader.load(file, ctx().env());
      } catch (ConfigException e) {
        throw new CliException(e.getMessage());
      }
      ctx().out().print(file + ": configuration is valid\n");
      return null;
    }
  }

  @Command(name = "show",
      description = {"Print the effective configuration as YAML: defaults, then FILE, then COFFER_* overrides.",
          "Without FILE, shows the defaults with the environment overrides."})
  public static final class Show extends CofferCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The YAML configuration file.")
    Path file;

    @Override
    protected JsonNode execute() {
      String yaml;
      try {
        yaml = ConfigLoader.toYaml(ConfigLoader.load(file, ctx().env()));
      } catch (ConfigException e) {
        throw new CliException(e.getMessage());
      }
      ctx().out().print(yaml.endsWith("\n") ? yaml : yaml + "\n");
      return null;
    }
  }
}
