package io.coffer.control.infrastructure;

import io.coffer.control.application.RegistryView;
import io.coffer.control.domain.RegistryIdentity;
import io.coffer.control.domain.RegistryResource;
import io.coffer.registry.domain.RegistrySettings;
import io.coffer.registry.encryption.EncryptionStatus;
import io.coffer.control.domain.ResourceGroup;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ARM JSON shapes of the control plane's resources, with the property names of the seed's tools. */
final class ArmJson {
  private ArmJson() {}

  static Map<String, Object> group(ResourceGroup g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", g.id());
    m.put("location", g.location());
    m.put("managedBy", null);
    m.put("name", g.name());
    m.put("properties", Map.of("provisioningState", "Succeeded"));
    m.put("tags", g.tags().isEmpty() ? null : g.tags());
    m.put("type", "Microsoft.Resources/resourceGroups");
    return m;
  }

  static Map<String, Object> registry(RegistryView view, String host) {
    RegistryResource r = view.registry();
    String createdBy = r.createdBy();
    String created = Instant.ofEpochMilli(r.createdAt()).toString();
    boolean premium = r.sku().equals("Premium");
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("adminUserEnabled", r.adminUserEnabled());
    props.put("anonymousPullEnabled", r.anonymousPullEnabled());
    props.put("creationDate", created);
    props.put("dataEndpointEnabled", false);
    props.put("dataEndpointHostNames", List.of());
    props.put("encryption", encryption(view.encryption()));
    props.put("loginServer", host + "/" + r.name().toLowerCase(java.util.Locale.ROOT));
    props.put("networkRuleBypassOptions", "AzureServices");
    props.put("networkRuleSet", premium ? networkRuleSet(view.settings().networkRules()) : null);
    props.put("policies", policies(view.settings().policies(), view.retentionUpdatedAt()));
    props.put("privateEndpointConnections", List.of());
    props.put("provisioningState", "Succeeded");
    props.put("publicNetworkAccess", "Enabled");
    props.put("status", null);
    props.put("zoneRedundancy", "Disabled");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.armId());
    m.put("identity", identity(view.identity()));
    m.put("location", r.location());
    m.put("name", r.name());
    m.put("properties", props);
    m.put("sku", Map.of("name", r.sku(), "tier", r.sku()));
    Map<String, Object> system = new LinkedHashMap<>();
    system.put("createdAt", created);
    system.put("createdBy", createdBy);
    system.put("createdByType", "User");
    system.put("lastModifiedAt", created);
    system.put("lastModifiedBy", createdBy);
    system.put("lastModifiedByType", "User");
    m.put("systemData", system);
    m.put("tags", r.tags());
    m.put("type", "Microsoft.ContainerRegistry/registries");
    return m;
  }

  /** {@code identity}: null without one; principal and tenant ids are those of the system-assigned identity. */
  static Map<String, Object> identity(RegistryIdentity identity) {
    if (identity.type() == null) return null;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("principalId", identity.system() == null ? null : identity.system().principalId());
    m.put("tenantId", identity.system() == null ? null : identity.system().tenantId());
    m.put("type", identity.type());
    if (identity.userAssigned().isEmpty()) {
      m.put("userAssignedIdentities", null);
    } else {
      Map<String, Object> users = new LinkedHashMap<>();
      for (RegistryIdentity.UserIdentity u : identity.userAssigned()) {
        Map<String, Object> ids = new LinkedHashMap<>();
        ids.put("clientId", u.clientId());
        ids.put("principalId", u.principalId());
        users.put(u.resourceId(), ids);
      }
      m.put("userAssignedIdentities", users);
    }
    return m;
  }

  /**
   * {@code encryption} as {@code acr encryption show} prints it; a customer key adds
   * {@code keyHealth}: whether the key was usable on last use, and the last refusal.
   */
  static Map<String, Object> encryption(EncryptionStatus e) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!e.customerManaged()) {
      m.put("keyVaultProperties", null);
      m.put("status", "disabled");
      return m;
    }
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("lastError", e.lastError());
    health.put("lastErrorTime", e.lastErrorAt() == null ? null : e.lastErrorAt().toString());
    health.put("status", healthName(e.health()));
    m.put("keyHealth", health);
    Map<String, Object> kvp = new LinkedHashMap<>();
    kvp.put("identity", e.identity().shown());
    kvp.put("keyIdentifier", e.keyIdentifier());
    kvp.put("keyRotationEnabled", e.keyRotationEnabled());
    kvp.put("lastKeyRotationTimestamp", e.lastKeyRotationTimestamp() == null ? null
        : e.lastKeyRotationTimestamp().toString());
    kvp.put("versionedKeyIdentifier", e.versionedKeyIdentifier());
    m.put("keyVaultProperties", kvp);
    m.put("status", "enabled");
    return m;
  }

  /** {@code ACCESS_DENIED} → {@code AccessDenied}. */
  static String healthName(EncryptionStatus.Health h) {
    StringBuilder out = new StringBuilder();
    for (String part : h.name().split("_")) {
      out.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return out.toString();
  }

  static Map<String, Object> networkRuleSet(RegistrySettings.NetworkRules rules) {
    List<Map<String, Object>> ip = new java.util.ArrayList<>();
    for (String value : rules.ipRules()) {
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("action", "Allow");
      rule.put("value", value);
      ip.add(rule);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("defaultAction", rules.denyByDefault() ? "Deny" : "Allow");
    m.put("ipRules", ip);
    m.put("virtualNetworkRules", List.of());
    return m;
  }

  static Map<String, Object> policies(RegistrySettings.Policies p, Long retentionUpdatedAt) {
    Map<String, Object> policies = new LinkedHashMap<>();
    policies.put("exportPolicy", Map.of("status", "enabled"));
    policies.put("quarantinePolicy", Map.of("status", status(p.quarantineEnabled())));
    Map<String, Object> retention = new LinkedHashMap<>();
    retention.put("days", p.retentionDays());
    retention.put("lastUpdatedTime", retentionUpdatedAt == null ? null : Instant.ofEpochMilli(retentionUpdatedAt).toString());
    retention.put("status", status(p.retentionEnabled()));
    policies.put("retentionPolicy", retention);
    Map<String, Object> trust = new LinkedHashMap<>();
    trust.put("status", status(p.trustEnabled()));
    trust.put("type", "Notary");
    policies.put("trustPolicy", trust);
    return policies;
  }

  private static String status(boolean enabled) {
    return enabled ? "enabled" : "disabled";
  }

  static Map<String, Object> credentials(RegistryResource r, Map<String, String> passwords) {
    List<Map<String, String>> list = new java.util.ArrayList<>();
    passwords.forEach((name, value) -> list.add(Map.of("name", name, "value", value)));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("passwords", list);
    m.put("username", r.name());
    return m;
  }
}
