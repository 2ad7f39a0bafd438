package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.CliException;
import io.coffer.cli.http.ArmClient;
import io.coffer.cli.http.UrlPaths;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds registries on the control plane, with or without their resource group, as az does. */
final class Registries {
  static final String API = "2023-07-01";
  static final String TYPE = "Microsoft.ContainerRegistry/registries";
  private static final Pattern GROUP = Pattern.compile("/resourceGroups/([^/]+)", Pattern.CASE_INSENSITIVE);

  private Registries() {}

  static String path(ArmClient arm, String group, String name) {
    return groupPath(arm, group) + "/" + UrlPaths.segment(name);
  }

  /** All registries of a group, or of the subscription when {@code group} is null. */
  static String listPath(ArmClient arm, String group) {
    return group == null
        ? arm.subscriptionPath() + "/providers/" + TYPE
        : groupPath(arm, group);
  }

  private static String groupPath(ArmClient arm, String group) {
    return arm.subscriptionPath() + "/resourceGroups/" + UrlPaths.segment(group) + "/providers/" + TYPE;
  }

  /**
   * The resource path of registry {@code name}: built from the group when given, else found by
   * listing the subscription's registries (names compared ignoring case).
   */
  static String resolve(ArmClient arm, String group, String name) {
    if (group != null) return path(arm, group, name);
    for (JsonNode registry : arm.list(listPath(arm, null), API)) {
      if (registry.path("name").asText("").toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        String id = registry.path("id").asText("");
        if (!id.startsWith("/subscriptions/")) {
          throw new CliException("The server returned registry '" + name + "' without a resource id.");
        }
        return id;
      }
    }
    throw CliException.notFound("The resource with name '" + name + "' and type '" + TYPE
        + "' could not be found in subscription '" + arm.subscriptionId() + "'.");
  }

  /** The registry's path component on the data plane: its name in lower case. */
  static String dataPath(String name) {
    return UrlPaths.segment(name.toLowerCase(Locale.ROOT));
  }

  /** The resource group named in a resource id (ARM ids are matched ignoring case). */
  static String groupOf(String id) {
    Matcher m = GROUP.matcher(id);
    if (!m.find()) throw new CliException("The server returned a resource id without a resource group: '" + id + "'.");
    return m.group(1);
  }

  /** az checks the tier itself before the features that only Premium registries have. */
  static void requirePremium(JsonNode registry, String message) {
    if (!registry.path("sku").path("name").asText("").equalsIgnoreCase("Premium")) throw new CliException(message);
  }
}
