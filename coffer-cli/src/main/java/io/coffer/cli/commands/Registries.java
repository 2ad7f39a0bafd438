package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.CliException;
import io.coffer.cli.http.ArmClient;
import io.coffer.cli.http.UrlPaths;
import java.util.Locale;

/** Finds registries on the control plane, with or without their resource group, as az does. */
final class Registries {
  static final String API = "2023-07-01";
  static final String TYPE = "Microsoft.ContainerRegistry/registries";

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
}
