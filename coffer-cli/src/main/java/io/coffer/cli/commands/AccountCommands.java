package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.cli.CommandGroup;
import io.coffer.cli.CofferCommand;
import io.coffer.cli.CliException;
import io.coffer.cli.session.Session;
import io.coffer.cli.session.TokenClient;
import io.coffer.cli.session.SessionManager;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coffer account}: the logged-in subscription and its tokens. */
@Command(name = "account",
    description = "Manage the subscription of the current session.",
    subcommands = {AccountCommands.Show.class, AccountCommands.GetAccessToken.class})
public final class AccountCommands extends CommandGroup {
  private static final DateTimeFormatter EXPIRES_ON = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  /** A subscription as az login and az account show print it. */
  static ObjectNode subscriptionView(JsonNode sub, String username, boolean isDefault) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("cloudName", "Coffer");
    out.put("id", SessionManager.subscriptionId(sub));
    out.put("isDefault", isDefault);
    out.set("name", sub.get("displayName"));
    out.put("state", sub.path("state").asText("Enabled"));
    out.set("tenantId", sub.get("tenantId"));
    out.set("user", LoginCommand.user(username));
    return out;
  }

  @Command(name = "show", description = "Show the subscription of the current session.")
  public static final class Show extends CofferCommand {
    @Override
    protected JsonNode execute() {
      Session s = sessions().require();
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      out.put("id", s.subscriptionId());
      out.put("isDefault", true);
      out.put("name", s.subscriptionName());
      out.put("state", s.subscriptionState() != null ? s.subscriptionState() : "Enabled");
      out.put("tenantId", s.tenantId());
      out.set("user", LoginCommand.user(s.username()));
      return out;
    }
  }

  @Command(name = "get-access-token",
      description = {"Get an access token for the current session, refreshed first if it is about to expire.",
          "Use it as a Bearer token against the Coffer API (or, with --resource, a vault). expiresOn is local time."},
      footerHeading = "%nExamples%n",
      footer = "  curl -H \"Authorization: Bearer $(coffer account get-access-token --query accessToken -o tsv)\" ...")
  public static final class GetAccessToken extends CofferCommand {
    @Option(names = "--resource", paramLabel = "<uri>",
        description = "Audience of the token, e.g. https://vault.localhost. Default: the Coffer management API.")
    String resource;

    @Option(names = "--scope", arity = "1..*", paramLabel = "<scope>",
        description = "Space-separated scopes, e.g. https://vault.localhost/.default (instead of --resource).")
    List<String> scopes;

    @Override
    protected JsonNode execute() {
      if (resource != null && scopes != null) {
        throw new CliException("argument --scope: not allowed with argument --resource", CliException.USAGE);
      }
      String token;
      long expiresOn;
      Session s;
      if (resource == null && scopes == null) {
        s = sessions().fresh();
        token = s.accessToken();
        expiresOn = s.expiresOn();
      } else {
        s = sessions().require();
        TokenClient.Grant grant = sessions().resourceToken(resource, scopes == null ? null : String.join(" ", scopes));
        token = grant.accessToken();
        expiresOn = grant.expiresOn() != null ? grant.expiresOn()
            : ctx().clock().instant().getEpochSecond() + grant.expiresIn();
      }
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      out.put("accessToken", token);
      out.put("expiresOn", LocalDateTime.ofInstant(Instant.ofEpochSecond(expiresOn), ctx().clock().getZone())
          .format(EXPIRES_ON));
      out.put("expires_on", expiresOn);
      out.put("subscription", s.subscriptionId());
      out.put("tenant", s.tenantId());
      out.put("tokenType", "Bearer");
      return out;
    }
  }
}
