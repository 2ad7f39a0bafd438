package io.coffer.control.domain;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A registry as the control plane stores it. */
public record RegistryResource(String id, String name, String subscriptionId, String resourceGroup, String location,
    String sku, boolean adminUserEnabled, boolean anonymousPullEnabled, Map<String, String> tags, long createdAt,
    String createdBy) {
  public static final Set<String> SKUS = Set.of("Basic", "Standard", "Premium");
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9]{5,50}");

  public static void validateName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ControlException(ControlException.Kind.BAD_REQUEST, "InvalidResourceName",
          "Registry name '" + name + "' is invalid: use 5 to 50 letters and digits.");
    }
  }

  public static String validateSku(String sku) {
    for (String s : SKUS) {
      if (s.equalsIgnoreCase(sku)) return s;
    }
    throw new ControlException(ControlException.Kind.BAD_REQUEST, "InvalidSku",
        "The SKU '" + sku + "' is not valid; use one of Basic, Standard, Premium.");
  }

  public String armId() {
    return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
        + "/providers/Microsoft.ContainerRegistry/registries/" + name;
  }
}
