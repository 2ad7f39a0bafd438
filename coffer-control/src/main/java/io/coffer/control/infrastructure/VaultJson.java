package io.coffer.control.infrastructure;

import io.coffer.vault.audit.AuditLog;
import io.coffer.vault.vaults.AccessPolicy;
import io.coffer.vault.vaults.DeletedVault;
import io.coffer.vault.vaults.KeyPermission;
import io.coffer.vault.vaults.NetworkRuleSet;
import io.coffer.vault.vaults.Vault;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** ARM JSON of {@code Microsoft.KeyVault/vaults}, deleted vaults, access policy edits and the vault audit log. */
final class VaultJson {
  static final String TYPE = "Microsoft.KeyVault/vaults";

  private VaultJson() {}

  static Map<String, Object> vault(Vault v, String vaultUri) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("accessPolicies", policies(v.accessPolicies()));
    props.put("createMode", null);
    props.put("enablePurgeProtection", v.purgeProtection() ? Boolean.TRUE : null);
    props.put("enableRbacAuthorization", v.rbacAuthorization());
    props.put("enableSoftDelete", true);
    props.put("enabledForDeployment", false);
    props.put("enabledForDiskEncryption", false);
    props.put("enabledForTemplateDeployment", false);
    props.put("networkAcls", networkAcls(v.networkAcls()));
    props.put("provisioningState", "Succeeded");
    props.put("publicNetworkAccess", "Enabled");
    props.put("sku", Map.of("family", "A", "name", v.sku().name().toLowerCase(Locale.ROOT)));
    props.put("softDeleteRetentionInDays", v.retentionDays());
    props.put("tenantId", v.tenantId());
    props.put("vaultUri", vaultUri);
    String created = Instant.ofEpochMilli(v.createdAt()).toString();
    Map<String, Object> system = new LinkedHashMap<>();
    system.put("createdAt", created);
    system.put("createdBy", v.createdBy());
    system.put("createdByType", "User");
    system.put("lastModifiedAt", created);
    system.put("lastModifiedBy", v.createdBy());
    system.put("lastModifiedByType", "User");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", v.resourceId());
    m.put("location", v.location());
    m.put("name", v.name());
    m.put("properties", props);
    m.put("systemData", system);
    m.put("tags", v.tags());
    m.put("type", TYPE);
    return m;
  }

  static List<Object> policies(List<AccessPolicy> policies) {
    List<Object> out = new ArrayList<>();
    for (AccessPolicy p : policies) {
      Map<String, Object> permissions = new LinkedHashMap<>();
      permissions.put("keys", Arrays.stream(KeyPermission.values()).filter(p.keys()::contains)
          .map(KeyPermission::wireName).toList());
      permissions.put("secrets", List.of());
      permissions.put("certificates", List.of());
      permissions.put("storage", List.of());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("applicationId", null);
      m.put("objectId", p.objectId());
      m.put("permissions", permissions);
      m.put("tenantId", p.tenantId());
      out.add(m);
    }
    return out;
  }

  static Map<String, Object> networkAcls(NetworkRuleSet n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bypass", n.bypass() == NetworkRuleSet.Bypass.AZURE_SERVICES ? "AzureServices" : "None");
    m.put("defaultAction", n.defaultAction() == NetworkRuleSet.DefaultAction.ALLOW ? "Allow" : "Deny");
    m.put("ipRules", n.ipRules().stream().map(r -> Map.of("value", r)).toList());
    m.put("virtualNetworkRules", List.of());
    return m;
  }

  static Map<String, Object> accessPolicyEdit(Vault v, String edit) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", v.resourceId() + "/accessPolicies/" + edit);
    m.put("name", edit);
    m.put("type", TYPE + "/accessPolicies");
    m.put("properties", Map.of("accessPolicies", policies(v.accessPolicies())));
    return m;
  }

  static Map<String, Object> deleted(DeletedVault d) {
    Vault v = d.vault();
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("deletionDate", d.deletionDate().toString());
    props.put("location", v.location());
    props.put("purgeProtectionEnabled", v.purgeProtection());
    props.put("scheduledPurgeDate", d.scheduledPurgeDate().toString());
    props.put("tags", v.tags());
    props.put("vaultId", v.resourceId());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", "/subscriptions/" + v.subscriptionId() + "/providers/Microsoft.KeyVault/locations/" + v.location()
        + "/deletedVaults/" + v.name());
    m.put("name", v.name());
    m.put("properties", props);
    m.put("type", "Microsoft.KeyVault/deletedVaults");
    return m;
  }

  static Map<String, Object> auditEntry(AuditLog.Entry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sequence", e.sequence());
    m.put("time", e.event().time().toString());
    m.put("callerObjectId", e.event().callerObjectId());
    m.put("clientIp", e.event().clientIp());
    m.put("vault", e.event().vaultName());
    m.put("keyName", e.event().keyName());
    m.put("keyVersion", e.event().keyVersion());
    m.put("operation", e.event().operation());
    m.put("result", e.event().result());
    m.put("hash", e.hash());
    return m;
  }

  static Map<String, Object> verification(AuditLog.Verification v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("intact", v.intact());
    m.put("entriesChecked", v.entriesChecked());
    m.put("firstBrokenSequence", v.firstBrokenSequence());
    m.put("message", v.message());
    return m;
  }
}
