package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.CofferCommand;
import picocli.CommandLine.Command;

/** {@code coffer logout}: forgets the saved session, as {@code az logout}. */
@Command(name = "logout",
    description = {"Log out: remove the saved session (tokens included) from this machine."})
public final class LogoutCommand extends CofferCommand {
  @Override
  protected JsonNode execute() {
    sessions().require();
    sessions().store().delete();
    return null;
  }
}
