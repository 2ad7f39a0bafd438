package io.coffer.control.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.control.domain.RegistryRequest;
import io.coffer.control.domain.RegistryRequest.EncryptionRequest;
import io.coffer.control.domain.RegistryRequest.IdentityRequest;
import io.coffer.control.domain.RegistryRequest.SettingsPatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a registry's PUT or PATCH body. Property names match case-insensitively (templates write
 * {@code KeyIdentifier}); read-only properties are ignored; a value of the wrong type is refused.
 */
final class RegistryBodies {
  private RegistryBodies() {}

  static RegistryRequest read(JsonNode body) {
    JsonNode props = field(body, "properties");
    JsonNode sku = field(field(body, "sku"), "name");
    if (!sku.isMissingNode() && !sku.isNull() && !sku.isTextual()) throw ArmCall.invalid("'sku.name' must be a string.");
    return new RegistryRequest(text(body, "location"), sku.isTextual() ? sku.asText() : null,
        bool(props, "adminUserEnabled"), bool(props, "anonymousPullEnabled"), ArmCall.tags(body),
        identity(field(body, "identity")), encryption(field(props, "encryption")), settings(props));
  }

  /** The child of {@code n} whose name equals {@code name} ignoring case; a missing node when none. */
  static JsonNode field(JsonNode n, String name) {
    if (n == null || !n.isObject()) return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    JsonNode exact = n.get(name);
    if (exact != null) return exact;
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private static boolean absent(JsonNode n) {
    return n.isMissingNode() || n.isNull();
  }

  private static String text(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (absent(v)) return null;
    if (!v.isTextual()) throw ArmCall.invalid("'" + name + "' must be a string.");
    return v.asText();
  }

  private static Boolean bool(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (absent(v)) return null;
    if (!v.isBoolean()) throw ArmCall.invalid("'" + name + "' must be true or false.");
    return v.asBoolean();
  }

  private static IdentityRequest identity(JsonNode n) {
    if (absent(n)) return null;
    if (!n.isObject()) throw ArmCall.invalid("'identity' must be an object.");
    JsonNode users = field(n, "userAssignedIdentities");
    Map<String, Boolean> assigned = new LinkedHashMap<>();
    if (!absent(users)) {
      if (!users.isObject()) throw ArmCall.invalid("'identity.userAssignedIdentities' must be an object.");
      users.fields().forEachRemaining(e -> assigned.put(e.getKey(), !e.getValue().isNull()));
    }
    return new IdentityRequest(text(n, "type"), assigned);
  }

  private static EncryptionRequest encryption(JsonNode n) {
    if (absent(n)) return null;
    if (!n.isObject()) throw ArmCall.invalid("'properties.encryption' must be an object.");
    String status = text(n, "status");
    if (status != null) {
      status = status.toLowerCase(Locale.ROOT);
      if (!status.equals("enabled") && !status.equals("disabled")) {
        throw ArmCall.invalid("'encryption.status' must be 'enabled' or 'disabled'.");
      }
    }
    JsonNode kvp = field(n, "keyVaultProperties");
    if (absent(kvp)) return new EncryptionRequest(status, null, null);
    if (!kvp.isObject()) throw ArmCall.invalid("'encryption.keyVaultProperties' must be an object.");
    String keyId = text(kvp, "keyIdentifier");
    String identity = text(kvp, "identity");
    return new EncryptionRequest(status, blankToNull(keyId), blankToNull(identity));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static SettingsPatch settings(JsonNode props) {
    Boolean deny = null;
    List<String> rules = null;
    JsonNode nrs = field(props, "networkRuleSet");
    if (!absent(nrs)) {
      String action = text(nrs, "defaultAction");
      if (action != null) {
        if (!action.equalsIgnoreCase("Allow") && !action.equalsIgnoreCase("Deny")) {
          throw ArmCall.invalid("'networkRuleSet.defaultAction' must be 'Allow' or 'Deny'.");
        }
        deny = action.equalsIgnoreCase("Deny");
      }
      JsonNode ip = field(nrs, "ipRules");
      if (!absent(ip)) {
        if (!ip.isArray()) throw ArmCall.invalid("'networkRuleSet.ipRules' must be an array.");
        rules = new ArrayList<>();
        for (JsonNode rule : ip) {
          String act = text(rule, "action");
          if (act != null && !act.equalsIgnoreCase("Allow")) {
            throw ArmCall.invalid("An IP rule's action must be 'Allow'.");
          }
          String value = text(rule, "value");
          if (value == null) value = text(rule, "ipAddressOrRange");
          if (value == null) throw ArmCall.invalid("An IP rule needs a 'value' (an address or CIDR range).");
          rules.add(value);
        }
      }
    }
    JsonNode policies = field(props, "policies");
    JsonNode retention = field(policies, "retentionPolicy");
    Integer days = null;
    JsonNode d = field(retention, "days");
    if (!absent(d)) {
      if (!d.isIntegralNumber() || !d.canConvertToInt()) throw ArmCall.invalid("'retentionPolicy.days' must be an integer.");
      days = d.asInt();
    }
    return new SettingsPatch(deny, rules, status(field(policies, "quarantinePolicy")),
        status(field(policies, "trustPolicy")), status(retention), days);
  }

  private static Boolean status(JsonNode policy) {
    String s = text(policy, "status");
    if (s == null) return null;
    if (s.equalsIgnoreCase("enabled")) return true;
    if (s.equalsIgnoreCase("disabled")) return false;
    throw ArmCall.invalid("A policy's 'status' must be 'enabled' or 'disabled'.");
  }
}
