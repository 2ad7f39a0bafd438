package io.coffer.control.deployments.template;

import java.util.Arrays;
import java.util.List;

/**
 * ARM resource ids from a type and names. A child type interleaves its names:
 * {@code Microsoft.KeyVault/vaults/accessPolicies} named {@code v/add} is
 * {@code …/providers/Microsoft.KeyVault/vaults/v/accessPolicies/add}.
 */
public final class ResourceIds {
  private ResourceIds() {}

  /** The id of a resource in a resource group. */
  public static String inGroup(String subscription, String group, String type, List<String> names) {
    return "/subscriptions/" + subscription + "/resourceGroups/" + group + providerPath(type, names);
  }

  /** The id of a resource at subscription level. */
  public static String inSubscription(String subscription, String type, List<String> names) {
    return "/subscriptions/" + subscription + providerPath(type, names);
  }

  /** A template resource's {@code name}: its names separated by {@code /}. */
  public static List<String> names(String name) {
    return Arrays.asList(name.split("/", -1));
  }

  private static String providerPath(String type, List<String> names) {
    String[] parts = type.split("/", -1);
    if (parts.length < 2 || Arrays.stream(parts).anyMatch(String::isBlank)) {
      throw new TemplateException("'" + type + "' is not a resource type: it must read 'Namespace/type[/childType…]'.");
    }
    if (parts.length - 1 != names.size()) {
      throw new TemplateException("The resource type '" + type + "' needs " + (parts.length - 1) + " name segment(s); got "
          + names.size() + " ('" + String.join("/", names) + "'). A nested resource type must have as many segments "
          + "as its resource name.");
    }
    StringBuilder sb = new StringBuilder("/providers/").append(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      String name = names.get(i - 1);
      if (name.isBlank()) {
        throw new TemplateException("The resource name '" + String.join("/", names) + "' of type '" + type
            + "' has an empty segment.");
      }
      sb.append('/').append(parts[i]).append('/').append(name);
    }
    return sb.toString();
  }
}
