package io.coffer.server.control;

import static io.coffer.server.control.Arm.assertError;
import static io.coffer.server.control.Arm.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.server.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Microsoft.KeyVault/vaults} and {@code deletedVaults}: the vault rules over real HTTP. */
class VaultControlTest {
  private static final List<String> ALL_KEY_PERMISSIONS = List.of("get", "list", "create", "update", "import",
      "delete", "recover", "backup", "restore", "purge", "decrypt", "encrypt", "unwrapKey", "wrapKey", "verify",
      "sign", "rotate", "getrotationpolicy", "setrotationpolicy");
  private static final String OTHER = "11111111-2222-3333-4444-555555555555";
  @TempDir static Path dir;
  static TestServer server;
  static String sub;
  static String tenant;
  static String adminId;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    sub = "/subscriptions/" + server.subscription;
    tenant = server.management("GET", sub, null).path("tenantId").asText();
    server.management("PUT", sub + "/resourcegroups/vaults", Map.of("location", "northeurope"));
    adminId = Arm.claims(server.adminToken()).path("sub").asText();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String vaultPath(String name) {
    return sub + "/resourceGroups/vaults/providers/Microsoft.KeyVault/vaults/" + name;
  }

  private static JsonNode create(String name, Map<String, Object> properties) throws Exception {
    HttpResponse<byte[]> r = server.managementRaw("PUT", vaultPath(name), Map.of("properties", properties));
    assertThat(r.statusCode()).as(Arm.text(r)).isEqualTo(201);
    return json(r);
  }

  private static HttpResponse<byte[]> patch(String name, Map<String, Object> properties) throws Exception {
    return server.managementRaw("PATCH", vaultPath(name), Map.of("properties", properties));
  }

  private static Map<String, Object> policy(String objectId, String... keys) {
    return Map.of("tenantId", tenant, "objectId", objectId, "permissions", Map.of("keys", List.of(keys)));
  }

  private static JsonNode policyOf(JsonNode vaultOrEdit, String objectId) {
    for (JsonNode p : vaultOrEdit.path("properties").path("accessPolicies")) {
      if (p.path("objectId").asText().equals(objectId)) return p;
    }
    return null;
  }

  @Test
  void create_withDefaults_givesTheCreatorFullKeyAccess() throws Exception {
    JsonNode v = create("defaults-vault", Map.of());
    assertThat(v.path("id").asText()).isEqualTo(vaultPath("defaults-vault"));
    assertThat(v.path("type").asText()).isEqualTo("Microsoft.KeyVault/vaults");
    assertThat(v.path("location").asText()).isEqualTo("northeurope");
    JsonNode p = v.path("properties");
    assertThat(p.path("softDeleteRetentionInDays").asInt()).isEqualTo(90);
    assertThat(p.path("enableSoftDelete").asBoolean()).isTrue();
    assertThat(p.path("enablePurgeProtection").isNull()).isTrue();
    assertThat(p.path("enableRbacAuthorization").asBoolean()).isFalse();
    assertThat(p.path("sku").path("name").asText()).isEqualTo("standard");
    assertThat(p.path("tenantId").asText()).isEqualTo(tenant);
    assertThat(p.path("provisioningState").asText()).isEqualTo("Succeeded");
    int port = server.uri("/").getPort();
    assertThat(p.path("vaultUri").asText()).isEqualTo("http://defaults-vault.vault.localhost:" + port + "/");
    assertThat(p.path("networkAcls").path("defaultAction").asText()).isEqualTo("Allow");
    assertThat(p.path("networkAcls").path("bypass").asText()).isEqualTo("AzureServices");
    assertThat(p.path("accessPolicies")).hasSize(1);
    JsonNode mine = policyOf(v, adminId);
    assertThat(mine).isNotNull();
    assertThat(mine.path("tenantId").asText()).isEqualTo(tenant);
    List<String> keys = new java.util.ArrayList<>();
    mine.path("permissions").path("keys").forEach(k -> keys.add(k.asText()));
    assertThat(keys).containsExactlyElementsOf(ALL_KEY_PERMISSIONS);

    JsonNode shown = server.management("GET", vaultPath("DEFAULTS-VAULT"), null);
    assertThat(shown.path("properties").path("vaultUri").asText()).isEqualTo(p.path("vaultUri").asText());
    assertThat(server.management("GET", sub + "/resourceGroups/vaults/providers/Microsoft.KeyVault/vaults", null)
        .path("value").findValuesAsText("name")).contains("defaults-vault");
    assertThat(server.management("GET", sub + "/providers/Microsoft.KeyVault/vaults", null)
        .path("value").findValuesAsText("name")).contains("defaults-vault");
  }

  @Test
  void create_rbacVault_hasNoAccessPolicy_andTakesSkuAndRetention() throws Exception {
    JsonNode v = create("rbac-vault", Map.of("enableRbacAuthorization", true, "softDeleteRetentionInDays", 7,
        "enablePurgeProtection", true, "sku", Map.of("family", "A", "name", "premium")));
    JsonNode p = v.path("properties");
    assertThat(p.path("enableRbacAuthorization").asBoolean()).isTrue();
    assertThat(p.path("accessPolicies")).isEmpty();
    assertThat(p.path("softDeleteRetentionInDays").asInt()).isEqualTo(7);
    assertThat(p.path("enablePurgeProtection").asBoolean()).isTrue();
    assertThat(p.path("sku").path("name").asText()).isEqualTo("premium");
  }

  @Test
  void create_badNamesAndSettings_areRefusedAndNothingIsCreated() throws Exception {
    for (String bad : List.of("ab", "1vault", "vault-", "my--vault", "a234567890123456789012345", "vault_x")) {
      assertError(server.managementRaw("PUT", vaultPath(bad), Map.of()), 400, "VaultNameNotValid");
    }
    assertError(server.managementRaw("PUT", vaultPath("retention6"),
        Map.of("properties", Map.of("softDeleteRetentionInDays", 6))), 400, "BadRequest");
    assertError(server.managementRaw("PUT", vaultPath("retention91"),
        Map.of("properties", Map.of("softDeleteRetentionInDays", 91))), 400, "BadRequest");
    assertError(server.managementRaw("PUT", vaultPath("nosoftdelete"),
        Map.of("properties", Map.of("enableSoftDelete", false))), 400, "BadRequest");
    assertError(server.managementRaw("PUT", vaultPath("badsku"),
        Map.of("properties", Map.of("sku", Map.of("name", "gold")))), 400, "BadRequest");
    assertError(server.managementRaw("PUT", vaultPath("badcidr"), Map.of("properties",
        Map.of("networkAcls", Map.of("ipRules", List.of(Map.of("value", "10.0.0.0/33")))))), 400, "BadRequest");
    assertError(server.managementRaw("PUT", sub + "/resourceGroups/nogroup/providers/Microsoft.KeyVault/vaults/nogroupvault",
        Map.of()), 404, "ResourceGroupNotFound");
    for (String name : List.of("retention6", "retention91", "nosoftdelete", "badsku", "badcidr")) {
      assertError(server.managementRaw("GET", vaultPath(name), null), 404, "ResourceNotFound");
    }
  }

  @Test
  void names_areGloballyUnique() throws Exception {
    create("unique-vault", Map.of());
    server.management("PUT", sub + "/resourcegroups/othergroup", Map.of("location", "northeurope"));
    assertError(server.managementRaw("PUT", sub
        + "/resourceGroups/othergroup/providers/Microsoft.KeyVault/vaults/UNIQUE-vault", Map.of()), 409, "ConflictError");
    // PUT on the vault in its own group updates it.
    HttpResponse<byte[]> again = server.managementRaw("PUT", vaultPath("unique-vault"), Map.of("tags", Map.of("t", "1")));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).path("tags").path("t").asText()).isEqualTo("1");
  }

  @Test
  void update_purgeProtectionAndRetention_followTheRules() throws Exception {
    create("rules-vault", Map.of("softDeleteRetentionInDays", 30));
    assertThat(json(patch("rules-vault", Map.of("enablePurgeProtection", false))).path("properties")
        .path("enablePurgeProtection").isNull()).isTrue();
    assertThat(json(patch("rules-vault", Map.of("enablePurgeProtection", true))).path("properties")
        .path("enablePurgeProtection").asBoolean()).isTrue();
    assertError(patch("rules-vault", Map.of("enablePurgeProtection", false)), 400, "BadRequest");
    assertError(patch("rules-vault", Map.of("softDeleteRetentionInDays", 60)), 400, "BadRequest");
    assertError(patch("rules-vault", Map.of("enableSoftDelete", false)), 400, "BadRequest");
    assertThat(json(patch("rules-vault", Map.of("softDeleteRetentionInDays", 30))).path("properties")
        .path("softDeleteRetentionInDays").asInt()).isEqualTo(30);
    JsonNode p = server.management("GET", vaultPath("rules-vault"), null).path("properties");
    assertThat(p.path("enablePurgeProtection").asBoolean()).isTrue();
    assertThat(p.path("softDeleteRetentionInDays").asInt()).isEqualTo(30);
    assertError(patch("no-such-vault", Map.of()), 404, "ResourceNotFound");
  }

  @Test
  void patch_networkAcls_replacesTheRules_andABadCidrChangesNothing() throws Exception {
    create("fw-vault", Map.of());
    JsonNode acl = json(patch("fw-vault", Map.of("networkAcls", Map.of("defaultAction", "Deny", "bypass", "None",
        "ipRules", List.of(Map.of("value", "10.1.0.0/16"), Map.of("value", "192.168.1.7"), Map.of("value", "2001:db8::/32"))))))
        .path("properties").path("networkAcls");
    assertThat(acl.path("defaultAction").asText()).isEqualTo("Deny");
    assertThat(acl.path("bypass").asText()).isEqualTo("None");
    assertThat(acl.path("ipRules").findValuesAsText("value")).hasSize(3).contains("10.1.0.0/16", "192.168.1.7/32");

    for (String bad : List.of("10.0.0.300", "10.0.0.0/40", "not-an-ip", "2001:db8::/129")) {
      assertError(patch("fw-vault", Map.of("networkAcls", Map.of("defaultAction", "Allow",
          "ipRules", List.of(Map.of("value", bad))))), 400, "BadRequest");
    }
    assertError(patch("fw-vault", Map.of("networkAcls", Map.of("defaultAction", "Maybe"))), 400, "BadRequest");
    JsonNode kept = server.management("GET", vaultPath("fw-vault"), null).path("properties").path("networkAcls");
    assertThat(kept.path("defaultAction").asText()).isEqualTo("Deny");
    assertThat(kept.path("ipRules")).hasSize(3);

    // Other properties keep the rules; networkAcls given again replaces them whole.
    patch("fw-vault", Map.of("sku", Map.of("family", "A", "name", "premium")));
    assertThat(server.management("GET", vaultPath("fw-vault"), null).path("properties").path("networkAcls")
        .path("ipRules")).hasSize(3);
    JsonNode replaced = json(patch("fw-vault", Map.of("networkAcls", Map.of("defaultAction", "Allow",
        "bypass", "AzureServices", "ipRules", List.of())))).path("properties").path("networkAcls");
    assertThat(replaced.path("ipRules")).isEmpty();
    assertThat(replaced.path("defaultAction").asText()).isEqualTo("Allow");
  }

  @Test
  void accessPolicies_addReplaceRemove_andUnknownPermissionChangesNothing() throws Exception {
    create("policy-vault", Map.of());
    String base = vaultPath("policy-vault") + "/accessPolicies/";
    JsonNode added = server.management("PUT", base + "add", Map.of("properties",
        Map.of("accessPolicies", List.of(policy(OTHER, "get", "wrapKey")))));
    assertThat(added.path("name").asText()).isEqualTo("add");
    assertThat(added.path("type").asText()).isEqualTo("Microsoft.KeyVault/vaults/accessPolicies");
    assertThat(policyOf(added, OTHER).path("permissions").path("keys").toString()).isEqualTo("[\"get\",\"wrapKey\"]");
    assertThat(policyOf(added, adminId)).isNotNull();

    JsonNode union = server.management("PUT", base + "add", Map.of("properties",
        Map.of("accessPolicies", List.of(policy(OTHER, "UNWRAPKEY")))));
    assertThat(policyOf(union, OTHER).path("permissions").path("keys").toString())
        .isEqualTo("[\"get\",\"unwrapKey\",\"wrapKey\"]");

    assertThat(assertError(server.managementRaw("PUT", base + "add", Map.of("properties",
        Map.of("accessPolicies", List.of(policy(OTHER, "get", "fly"))))), 400, "BadRequest")).contains("fly");
    assertError(server.managementRaw("PUT", base + "add", Map.of("properties",
        Map.of("accessPolicies", List.of(policy("not-a-guid", "get"))))), 400, "BadRequest");
    assertThat(policyOf(server.management("GET", vaultPath("policy-vault"), null), OTHER).path("permissions")
        .path("keys")).hasSize(3);

    JsonNode replaced = server.management("PUT", base + "replace", Map.of("properties",
        Map.of("accessPolicies", List.of(policy(OTHER, "list")))));
    assertThat(policyOf(replaced, OTHER).path("permissions").path("keys").toString()).isEqualTo("[\"list\"]");

    JsonNode removed = server.management("PUT", base + "remove", Map.of("properties",
        Map.of("accessPolicies", List.of(policy(OTHER)))));
    assertThat(policyOf(removed, OTHER)).isNull();
    assertThat(policyOf(removed, adminId)).isNotNull();
    assertThat(server.management("GET", vaultPath("policy-vault"), null).path("properties").path("accessPolicies"))
        .hasSize(1);
  }

  @Test
  void delete_recover_purge_followSoftDeleteAndPurgeProtection() throws Exception {
    create("life-vault", Map.of("enablePurgeProtection", true, "softDeleteRetentionInDays", 7));
    server.management("PUT", vaultPath("life-vault") + "/accessPolicies/add", Map.of("properties",
        Map.of("accessPolicies", List.of(policy(OTHER, "get")))));
    assertThat(server.managementRaw("DELETE", vaultPath("life-vault"), null).statusCode()).isEqualTo(200);
    assertError(server.managementRaw("GET", vaultPath("life-vault"), null), 404, "ResourceNotFound");
    assertThat(server.management("GET", sub + "/providers/Microsoft.KeyVault/vaults", null).path("value")
        .findValuesAsText("name")).doesNotContain("life-vault");

    JsonNode deleted = server.management("GET", sub + "/providers/Microsoft.KeyVault/deletedVaults", null);
    JsonNode entry = null;
    for (JsonNode d : deleted.path("value")) if (d.path("name").asText().equals("life-vault")) entry = d;
    assertThat(entry).isNotNull();
    assertThat(entry.path("id").asText()).isEqualTo(sub
        + "/providers/Microsoft.KeyVault/locations/northeurope/deletedVaults/life-vault");
    assertThat(entry.path("type").asText()).isEqualTo("Microsoft.KeyVault/deletedVaults");
    JsonNode dp = entry.path("properties");
    assertThat(dp.path("vaultId").asText()).isEqualTo(vaultPath("life-vault"));
    assertThat(dp.path("purgeProtectionEnabled").asBoolean()).isTrue();
    java.time.Instant deletedOn = java.time.Instant.parse(dp.path("deletionDate").asText());
    assertThat(java.time.Instant.parse(dp.path("scheduledPurgeDate").asText()))
        .isEqualTo(deletedOn.plus(java.time.Duration.ofDays(7)));
    String deletedPath = sub + "/providers/Microsoft.KeyVault/locations/northeurope/deletedVaults/life-vault";
    assertThat(server.management("GET", deletedPath, null).path("name").asText()).isEqualTo("life-vault");

    // The name stays taken while deleted.
    assertError(server.managementRaw("PUT", vaultPath("life-vault"), Map.of()), 409, "ConflictError");

    JsonNode recovered = server.management("PUT", vaultPath("life-vault"), Map.of("location", "northeurope",
        "properties", Map.of("createMode", "recover")));
    assertThat(recovered.path("name").asText()).isEqualTo("life-vault");
    assertThat(policyOf(recovered, OTHER)).isNotNull();
    assertThat(policyOf(server.management("GET", vaultPath("life-vault"), null), adminId)).isNotNull();
    assertError(server.managementRaw("GET", deletedPath, null), 404, "DeletedVaultNotFound");

    server.management("DELETE", vaultPath("life-vault"), null);
    assertError(server.managementRaw("POST", deletedPath + "/purge", null), 409, "ConflictError");
    assertThat(server.management("GET", deletedPath, null).path("name").asText()).isEqualTo("life-vault");

    // Without purge protection a purge is allowed at once, and frees the name.
    create("short-vault", Map.of());
    server.management("DELETE", vaultPath("short-vault"), null);
    String shortDeleted = sub + "/providers/Microsoft.KeyVault/locations/northeurope/deletedVaults/short-vault";
    assertThat(server.managementRaw("POST", shortDeleted + "/purge", null).statusCode()).isEqualTo(200);
    assertError(server.managementRaw("GET", shortDeleted, null), 404, "DeletedVaultNotFound");
    create("short-vault", Map.of());
  }

  @Test
  void deletingAGroup_softDeletesItsVaults_andDeletesItsIdentities() throws Exception {
    server.management("PUT", sub + "/resourcegroups/doomed", Map.of("location", "westus"));
    String path = sub + "/resourceGroups/doomed/providers/Microsoft.KeyVault/vaults/doomed-vault";
    assertThat(server.managementRaw("PUT", path, Map.of()).statusCode()).isEqualTo(201);
    server.management("PUT", sub + "/resourceGroups/doomed/providers/Microsoft.ManagedIdentity/"
        + "userAssignedIdentities/doomed-identity", Map.of());
    assertThat(server.managementRaw("DELETE", sub + "/resourcegroups/doomed", null).statusCode()).isEqualTo(200);
    String deletedPath = sub + "/providers/Microsoft.KeyVault/locations/westus/deletedVaults/doomed-vault";
    assertThat(server.management("GET", deletedPath, null).path("properties").path("vaultId").asText())
        .isEqualTo(path);
    assertThat(server.management("GET", sub + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities", null)
        .path("value").findValuesAsText("name")).doesNotContain("doomed-identity");
    // Recreated, the group takes the vault back.
    server.management("PUT", sub + "/resourcegroups/doomed", Map.of("location", "westus"));
    server.management("PUT", path, Map.of("properties", Map.of("createMode", "recover")));
    assertThat(server.management("GET", path, null).path("name").asText()).isEqualTo("doomed-vault");
  }
}
