package io.coffer.control.infrastructure;

import io.coffer.control.domain.RegistryResource;
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

  static Map<String, Object> registry(RegistryResource r, String host) {
    String createdBy = r.createdBy();
    String created = Instant.ofEpochMilli(r.createdAt()).toString();
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("adminUserEnabled", r.adminUserEnabled());
    props.put("anonymousPullEnabled", r.anonymousPullEnabled());
    props.put("creationDate", created);
    props.put("dataEndpointEnabled", false);
    props.put("dataEndpointHostNames", List.of());
    // Customer-managed key status; content is always encrypted, under the service-managed key here.
    Map<String, Object> encryption = new LinkedHashMap<>();
    encryption.put("keyVaultProperties", null);
    encryption.put("status", "disabled");
    props.put("encryption", encryption);
    props.put("loginServer", host + "/" + r.name().toLowerCase(java.util.Locale.ROOT));
    props.put("networkRuleBypassOptions", "AzureServices");
    props.put("networkRuleSet", r.sku().equals("Premium")
        ? Map.of("defaultAction", "Allow", "ipRules", List.of(), "virtualNetworkRules", List.of()) : null);
    Map<String, Object> policies = new LinkedHashMap<>();
    policies.put("exportPolicy", Map.of("status", "enabled"));
    policies.put("quarantinePolicy", Map.of("status", "disabled"));
    policies.put("retentionPolicy", Map.of("days", 7, "status", "disabled"));
    policies.put("trustPolicy", Map.of("status", "disabled", "type", "Notary"));
    props.put("policies", policies);
    props.put("privateEndpointConnections", List.of());
    props.put("provisioningState", "Succeeded");
    props.put("publicNetworkAccess", "Enabled");
    props.put("status", null);
    props.put("zoneRedundancy", "Disabled");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.armId());
    m.put("identity", null);
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

  static Map<String, Object> credentials(RegistryResource r, Map<String, String> passwords) {
    List<Map<String, String>> list = new java.util.ArrayList<>();
    passwords.forEach((name, value) -> list.add(Map.of("name", name, "value", value)));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("passwords", list);
    m.put("username", r.name());
    return m;
  }
}
