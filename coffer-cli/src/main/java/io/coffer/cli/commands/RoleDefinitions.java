package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.CliException;
import io.coffer.cli.http.ArmClient;
import io.coffer.cli.http.UrlPaths;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Resolves az's {@code --role}: a role name, a role GUID or a full roleDefinitionId. */
final class RoleDefinitions {
  static final String API = "2022-04-01";
  private static final String GUID = "(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  /** Names a role had while in preview, as older documents use them. */
  private static final Map<String, String> FORMER_NAMES = Map.of(
      "key vault crypto service encryption (preview)", "Key Vault Crypto Service Encryption User");

  private RoleDefinitions() {}

  static String listPath(ArmClient arm) {
    return arm.subscriptionPath() + "/providers/Microsoft.Authorization/roleDefinitions";
  }

  static String resolve(ArmClient arm, String role) {
    String r = role.trim();
    if (r.matches(GUID)) return listPath(arm) + "/" + r.toLowerCase(Locale.ROOT);
    if (r.startsWith("/")) return r;
    List<JsonNode> found = byName(arm, r);
    String former = FORMER_NAMES.get(r.toLowerCase(Locale.ROOT));
    if (found.isEmpty() && former != null) found = byName(arm, former);
    if (found.isEmpty()) throw new CliException("Role '" + role + "' doesn't exist.");
    if (found.size() > 1) throw new CliException("More than one role matches the given name '" + role + "'. "
        + "Please pick an id from '" + found.stream().map(d -> d.path("id").asText()).toList() + "'");
    return found.get(0).path("id").asText();
  }

  /** Role definition id (any case) to role name, for list output. */
  static Map<String, String> names(ArmClient arm) {
    Map<String, String> names = new HashMap<>();
    for (JsonNode d : arm.list(listPath(arm), API)) {
      names.put(guidOf(d.path("id").asText("")), d.path("properties").path("roleName").asText(""));
    }
    return names;
  }

  static String guidOf(String roleDefinitionId) {
    return roleDefinitionId.substring(roleDefinitionId.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
  }

  private static List<JsonNode> byName(ArmClient arm, String name) {
    String filter = "roleName eq '" + name.replace("'", "''") + "'";
    List<JsonNode> all = arm.list(listPath(arm) + "?$filter=" + UrlPaths.query(filter).replace("+", "%20"), API);
    // The filter is applied here too, so a server that ignores it still resolves the right role.
    return all.stream().filter(d -> d.path("properties").path("roleName").asText("").equalsIgnoreCase(name)).toList();
  }
}
