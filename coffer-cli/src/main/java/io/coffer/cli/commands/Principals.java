package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.CliException;
import io.coffer.cli.http.ArmClient;
import io.coffer.cli.http.GraphClient;
import java.util.HashMap;
import java.util.Map;

/**
 * Resolves az's {@code --assignee}: a user (object id or principal name, through
 * {@code /v1.0/users}) or a managed identity of the subscription (its principal id or client id).
 */
final class Principals {
  /** Who gets the role: an object id and az's principal type. */
  record Principal(String objectId, String type) {}

  private Principals() {}

  static Principal resolve(GraphClient graph, ArmClient arm, String assignee) {
    JsonNode user = graph.getOrNull(AdCommands.userPath(assignee));
    if (user != null && user.path("id").isTextual()) return new Principal(user.get("id").textValue(), "User");
    for (JsonNode identity : IdentityCommands.all(arm)) {
      JsonNode p = identity.path("properties");
      if (p.path("principalId").asText("").equalsIgnoreCase(assignee)
          || p.path("clientId").asText("").equalsIgnoreCase(assignee)) {
        return new Principal(p.path("principalId").asText(), "ServicePrincipal");
      }
    }
    throw new CliException("Cannot find user or service principal in graph database for '" + assignee + "'. "
        + "Pass its object id with --assignee-object-id and --assignee-principal-type instead.");
  }

  /** Object id to display name (users: principal name; identities: client id), for list output. */
  static Map<String, String> names(GraphClient graph, ArmClient arm) {
    Map<String, String> names = new HashMap<>();
    try {
      for (JsonNode user : graph.list(AdCommands.USERS)) {
        names.put(user.path("id").asText("").toLowerCase(), user.path("userPrincipalName").asText(""));
      }
    } catch (CliException e) {
      // Reading the directory may be refused; the assignments are still worth printing.
    }
    for (JsonNode identity : IdentityCommands.all(arm)) {
      JsonNode p = identity.path("properties");
      names.put(p.path("principalId").asText("").toLowerCase(), p.path("clientId").asText(""));
    }
    return names;
  }
}
