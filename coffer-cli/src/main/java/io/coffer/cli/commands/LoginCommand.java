package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.cli.CliException;
import io.coffer.cli.CofferCommand;
import io.coffer.cli.session.SessionManager;
import java.io.Console;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coffer login}: like {@code az login -u -p}, against a Coffer server. */
@Command(name = "login",
    description = {
        "Log in to a Coffer server.",
        "Exchanges the user name and password for tokens at the server's token endpoint and saves "
            + "the session in $COFFER_CONFIG_DIR/session.json (default ~/.coffer), readable only by you. "
            + "Prints the subscriptions you can use; the first one becomes the default."},
    footerHeading = "%nExamples%n",
    footer = {
        "  coffer login --server https://coffer.example.com:8443 -u admin -p '<password>'",
        "  coffer login --server https://localhost:8443 -u admin -p '<password>' --ca-file ./coffer-data/ca.pem"})
public final class LoginCommand extends CofferCommand {
  @Option(names = "--server", required = true, paramLabel = "<url>",
      description = "URL of the Coffer server, e.g. https://coffer.example.com:8443 (https is assumed when no scheme is given).")
  String server;

  @Option(names = {"--username", "-u"}, required = true, paramLabel = "<user>", description = "User name.")
  String username;

  @Option(names = {"--password", "-p"}, paramLabel = "<password>",
      description = "Password. Asked on the terminal when omitted.")
  String password;

  @Option(names = "--ca-file", paramLabel = "<pem>",
      description = "PEM file of the CA that signed the server's TLS certificate, when it is not a public CA. "
          + "Remembered for later commands. $COFFER_CA_BUNDLE is also trusted.")
  Path caFile;

  @Override
  protected JsonNode execute() {
    String pw = password != null ? password : promptPassword();
    SessionManager.Login login = sessions().login(server, username, pw, caFile);
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    boolean first = true;
    for (JsonNode sub : login.subscriptions()) {
      out.add(AccountCommands.subscriptionView(sub, username, first));
      first = false;
    }
    return out;
  }

  private String promptPassword() {
    Console console = System.console();
    if (console == null) {
      throw new CliException("the following arguments are required: --password/-p "
          + "(no terminal is available to ask for it)", CliException.USAGE);
    }
    char[] typed = console.readPassword("Password: ");
    if (typed == null) throw new CliException("Operation cancelled.");
    return new String(typed);
  }

  static ObjectNode user(String name) {
    ObjectNode user = JsonNodeFactory.instance.objectNode();
    user.put("name", name);
    user.put("type", "user");
    return user;
  }
}
