package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.CliException;
import io.coffer.cli.http.ArmClient;
import io.coffer.cli.http.UrlPaths;

/** Finds key vaults on the control plane, with or without their resource group, as az does. */
final class Vaults {
  static final String API = "2023-07-01";
  static final String TYPE = "Microsoft.KeyVault/vaults";
  private static final String NAME = "^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$";

  private Vaults() {}

  static String path(ArmClient arm, String group, String name) {
    return arm.subscriptionPath() + "/resourceGroups/" + UrlPaths.segment(group) + "/providers/" + TYPE + "/"
        + UrlPaths.segment(name);
  }

  /** All vaults of a group, or of the subscription when {@code group} is null. */
  static String listPath(ArmClient arm, String group) {
    return group == null
        ? arm.subscriptionPath() + "/providers/" + TYPE
        : arm.subscriptionPath() + "/resourceGroups/" + UrlPaths.segment(group) + "/providers/" + TYPE;
  }

  static String deletedListPath(ArmClient arm) {
    return arm.subscriptionPath() + "/providers/Microsoft.KeyVault/deletedVaults";
  }

  static String deletedPath(ArmClient arm, String location, String name) {
    return arm.subscriptionPath() + "/providers/Microsoft.KeyVault/locations/" + UrlPaths.segment(location)
        + "/deletedVaults/" + UrlPaths.segment(name);
  }

  /**
   * The vault resource: read from its group when given, else found among the subscription's vaults
   * (az's "The Vault 'x' not found within subscription.", exit 3).
   */
  static JsonNode get(ArmClient arm, String group, String name) {
    if (group != null) return arm.get(path(arm, group, name), API);
    for (JsonNode vault : arm.list(listPath(arm, null), API)) {
      if (vault.path("name").asText("").equalsIgnoreCase(name)) {
        String id = vault.path("id").asText("");
        if (!id.startsWith("/subscriptions/")) {
          throw new CliException("The server returned vault '" + name + "' without a resource id.");
        }
        return arm.get(id, API);
      }
    }
    throw CliException.notFound("The Vault '" + name + "' not found within subscription.");
  }

  /** The soft-deleted vault {@code name}: at {@code location} when given, else found in the list. */
  static JsonNode getDeleted(ArmClient arm, String location, String name) {
    if (location != null) return arm.get(deletedPath(arm, location, name), API);
    for (JsonNode vault : arm.list(deletedListPath(arm), API)) {
      if (vault.path("name").asText("").equalsIgnoreCase(name)) return vault;
    }
    throw CliException.notFound("No deleted Vault was found with name '" + name + "' within subscription.");
  }

  static String id(JsonNode vault) {
    return vault.path("id").asText();
  }

  static String vaultUri(JsonNode vault) {
    String uri = vault.path("properties").path("vaultUri").asText("");
    if (uri.isEmpty()) throw new CliException("The vault '" + vault.path("name").asText() + "' has no vaultUri.");
    return uri;
  }

  /** az's vault-name rule, checked before any call: 3-24 letters, digits and single dashes. */
  static void checkName(String name) {
    if (!name.matches(NAME) || name.contains("--")) {
      throw new CliException("argument --name/-n: Vault name '" + name + "' is invalid: use 3-24 characters, "
          + "letters, digits and dashes, starting with a letter, ending with a letter or digit, "
          + "without consecutive dashes.", CliException.USAGE);
    }
  }
}
