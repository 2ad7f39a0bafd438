package io.coffer.control.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.control.domain.ControlException;
import io.coffer.control.domain.ControlException.Kind;
import io.coffer.vault.vaults.AccessPolicy;
import io.coffer.vault.vaults.KeyPermission;
import io.coffer.vault.vaults.NetworkRuleSet;
import io.coffer.vault.vaults.Vault;
import io.coffer.vault.vaults.VaultSettings;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads vault request bodies into domain values; anything malformed is a 400 naming the field. */
final class VaultBodies {
  private static final Pattern GUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private VaultBodies() {}

  static ControlException bad(String message) {
    return new ControlException(Kind.BAD_REQUEST, "BadRequest", message);
  }

  /** {@code properties} of a vault PUT or PATCH; {@code tenantId} fills access policies that name none. */
  static VaultSettings settings(JsonNode body, String tenantId) {
    JsonNode p = body.path("properties");
    if (!p.isMissingNode() && !p.isNull() && !p.isObject()) throw bad("'properties' must be an object.");
    return new VaultSettings(ArmCall.text(p, "tenantId"), sku(p.get("sku")), ArmCall.bool(p, "enableRbacAuthorization"),
        ArmCall.bool(p, "enablePurgeProtection"), ArmCall.bool(p, "enableSoftDelete"),
        ArmCall.integer(p, "softDeleteRetentionInDays"), policies(p.get("accessPolicies"), tenantId),
        networkAcls(p.get("networkAcls")), ArmCall.tags(body));
  }

  private static Vault.Sku sku(JsonNode sku) {
    if (sku == null || sku.isNull()) return null;
    String name = sku.path("name").asText("");
    String family = sku.path("family").asText("A");
    if (!family.equalsIgnoreCase("A")) throw bad("The sku family '" + family + "' is not valid; use 'A'.");
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "standard" -> Vault.Sku.STANDARD;
      case "premium" -> Vault.Sku.PREMIUM;
      default -> throw bad("The sku name '" + name + "' is not valid; use 'standard' or 'premium'.");
    };
  }

  static List<AccessPolicy> policies(JsonNode list, String tenantId) {
    if (list == null || list.isNull()) return null;
    if (!list.isArray()) throw bad("'accessPolicies' must be an array.");
    List<AccessPolicy> out = new ArrayList<>();
    for (JsonNode entry : list) {
      String objectId = entry.path("objectId").asText("");
      if (!GUID.matcher(objectId).matches()) {
        throw bad("Invalid value found at accessPolicies: objectId '" + objectId + "' is not a GUID.");
      }
      JsonNode tenant = entry.get("tenantId");
      String t = tenant == null || tenant.isNull() ? tenantId : tenant.asText();
      out.add(new AccessPolicy(t, objectId.toLowerCase(Locale.ROOT), keyPermissions(entry.path("permissions"))));
    }
    return out;
  }

  private static Set<KeyPermission> keyPermissions(JsonNode permissions) {
    JsonNode keys = permissions.get("keys");
    Set<KeyPermission> out = EnumSet.noneOf(KeyPermission.class);
    if (keys == null || keys.isNull()) return out;
    if (!keys.isArray()) throw bad("'permissions.keys' must be an array.");
    for (JsonNode k : keys) {
      String name = k.asText();
      if (name.equalsIgnoreCase("all")) {
        out.addAll(EnumSet.allOf(KeyPermission.class));
        continue;
      }
      out.add(KeyPermission.parse(name).orElseThrow(() -> bad("Invalid key permission '" + name + "'. Valid "
          + "permissions: all, " + String.join(", ", EnumSet.allOf(KeyPermission.class).stream()
              .map(KeyPermission::wireName).toList()) + ".")));
    }
    return out;
  }

  private static NetworkRuleSet networkAcls(JsonNode n) {
    if (n == null || n.isNull()) return null;
    if (!n.isObject()) throw bad("'networkAcls' must be an object.");
    NetworkRuleSet.Bypass bypass = switch (n.path("bypass").asText("AzureServices").toLowerCase(Locale.ROOT)) {
      case "azureservices" -> NetworkRuleSet.Bypass.AZURE_SERVICES;
      case "none" -> NetworkRuleSet.Bypass.NONE;
      default -> throw bad("'networkAcls.bypass' must be 'AzureServices' or 'None'.");
    };
    NetworkRuleSet.DefaultAction action = switch (n.path("defaultAction").asText("Allow").toLowerCase(Locale.ROOT)) {
      case "allow" -> NetworkRuleSet.DefaultAction.ALLOW;
      case "deny" -> NetworkRuleSet.DefaultAction.DENY;
      default -> throw bad("'networkAcls.defaultAction' must be 'Allow' or 'Deny'.");
    };
    List<String> rules = new ArrayList<>();
    JsonNode ipRules = n.get("ipRules");
    if (ipRules != null && !ipRules.isNull()) {
      if (!ipRules.isArray()) throw bad("'networkAcls.ipRules' must be an array.");
      for (JsonNode r : ipRules) {
        JsonNode value = r.get("value");
        if (value == null || !value.isTextual()) throw bad("Each of 'networkAcls.ipRules' needs a 'value' string.");
        rules.add(value.asText());
      }
    }
    JsonNode vnets = n.get("virtualNetworkRules");
    if (vnets != null && vnets.isArray() && !vnets.isEmpty()) {
      throw bad("Virtual network rules are not supported; use ipRules.");
    }
    return new NetworkRuleSet(action, bypass, rules);
  }
}
