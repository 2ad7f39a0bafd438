package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.cli.CommandGroup;
import io.coffer.cli.CofferCommand;
import io.coffer.cli.http.ArmClient;
import io.coffer.cli.output.CommandTables;
import io.coffer.cli.output.TableTransformer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code coffer acr credential}: the admin user's passwords, as {@code az acr credential}. */
@Command(name = "credential",
    description = "Manage the login credentials of the registry's admin user (enable it with --admin-enabled).",
    subcommands = {AcrCredentialCommands.Show.class, AcrCredentialCommands.Renew.class})
public final class AcrCredentialCommands extends CommandGroup {

  /** Which of the two admin passwords. */
  public enum PasswordName { password, password2 }

  abstract static class CredentialCommand extends CofferCommand {
    @Mixin ExistingRegistry registry;

    @Override
    protected TableTransformer tableTransformer() {
      return CommandTables.CREDENTIALS;
    }
  }

  @Command(name = "show", description = "Get the admin user name and passwords of a registry.")
  public static final class Show extends CredentialCommand {
    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      return arm.post(registry.path(arm) + "/listCredentials", Registries.API, null);
    }
  }

  @Command(name = "renew", description = "Regenerate one of the admin passwords of a registry.")
  public static final class Renew extends CredentialCommand {
    @Option(names = "--password-name", required = true, paramLabel = "<name>",
        description = "The password to regenerate: ${COMPLETION-CANDIDATES}.")
    PasswordName passwordName;

    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("name", passwordName.name());
      return arm.post(registry.path(arm) + "/regenerateCredential", Registries.API, body);
    }
  }
}
