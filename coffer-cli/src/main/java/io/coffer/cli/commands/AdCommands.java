package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.cli.CommandGroup;
import io.coffer.cli.CofferCommand;
import io.coffer.cli.http.UrlPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coffer ad}: the server's tenant directory, as {@code az ad}. */
@Command(name = "ad", description = "Manage the users of the server's directory.",
    subcommands = {AdCommands.Users.class})
public final class AdCommands extends CommandGroup {
  static final String USERS = "/v1.0/users";

  static String userPath(String idOrUpn) {
    return USERS + "/" + UrlPaths.segment(idOrUpn);
  }

  @Command(name = "user", description = "Manage users: principals that sign in and hold policies or roles.",
      subcommands = {Create.class, Show.class, ListUsers.class, Delete.class})
  public static final class Users extends CommandGroup {}

  @Command(name = "create", description = "Create a user.",
      footerHeading = "%nExamples%n",
      footer = "  coffer ad user create --display-name 'Bob' --password '<password>' --user-principal-name bob@example.com")
  public static final class Create extends CofferCommand {
    @Option(names = "--display-name", required = true, paramLabel = "<name>", description = "Display name.")
    String displayName;

    @Option(names = "--password", required = true, paramLabel = "<password>", description = "Password.")
    String password;

    @Option(names = "--user-principal-name", required = true, paramLabel = "<upn>",
        description = "User principal name (sign-in name), e.g. bob@example.com.")
    String userPrincipalName;

    @Override
    protected JsonNode execute() {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("accountEnabled", true);
      body.put("displayName", displayName);
      body.putObject("passwordProfile").put("password", password);
      body.put("userPrincipalName", userPrincipalName);
      return graph().post(USERS, body);
    }
  }

  @Command(name = "show", description = "Show a user.")
  public static final class Show extends CofferCommand {
    @Option(names = "--id", required = true, paramLabel = "<id|upn>", description = "Object id or user principal name.")
    String id;

    @Override
    protected JsonNode execute() {
      return graph().get(userPath(id));
    }
  }

  @Command(name = "list", description = "List users.")
  public static final class ListUsers extends CofferCommand {
    @Option(names = "--upn", paramLabel = "<upn>", description = "Only the user with this principal name.")
    String upn;

    @Option(names = "--display-name", paramLabel = "<name>", description = "Only users whose display name starts with this.")
    String displayName;

    @Override
    protected JsonNode execute() {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (JsonNode user : graph().list(USERS)) {
        if (upn != null && !user.path("userPrincipalName").asText("").equalsIgnoreCase(upn)) continue;
        if (displayName != null && !user.path("displayName").asText("").toLowerCase()
            .startsWith(displayName.toLowerCase())) {
          continue;
        }
        out.add(user);
      }
      return out;
    }
  }

  @Command(name = "delete", description = "Delete a user.")
  public static final class Delete extends CofferCommand {
    @Option(names = "--id", required = true, paramLabel = "<id|upn>", description = "Object id or user principal name.")
    String id;

    @Override
    protected JsonNode execute() {
      graph().delete(userPath(id));
      return null;
    }
  }
}
