package io.coffer.server.control;

import static io.coffer.server.control.Arm.assertError;
import static io.coffer.server.control.Arm.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.server.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Role assignments and role definitions at subscription, group, vault and key scope. */
class RoleAssignmentTest {
  private static final String CRYPTO_USER = "12338af0-0e69-4776-bea7-57ae8d297424";
  private static final String SERVICE_ENCRYPTION = "e147488a-f6f5-4113-8e2d-b22465e65bf6";
  @TempDir static Path dir;
  static TestServer server;
  static String sub;
  static String vault;
  static String principalId;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    sub = "/subscriptions/" + server.subscription;
    server.management("PUT", sub + "/resourcegroups/rbac", Map.of("location", "westeurope"));
    vault = sub + "/resourceGroups/rbac/providers/Microsoft.KeyVault/vaults/rbac-vault";
    server.management("PUT", vault, Map.of("properties", Map.of("enableRbacAuthorization", true)));
    principalId = server.management("PUT", sub
        + "/resourceGroups/rbac/providers/Microsoft.ManagedIdentity/userAssignedIdentities/encryptor", Map.of())
        .path("properties").path("principalId").asText();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String definitionId(String guid) {
    return sub + "/providers/Microsoft.Authorization/roleDefinitions/" + guid;
  }

  private static String assignmentPath(String scope, String name) {
    return scope + "/providers/Microsoft.Authorization/roleAssignments/" + name;
  }

  private static HttpResponse<byte[]> assign(String scope, String name, String role, String principal) throws Exception {
    return server.managementRaw("PUT", assignmentPath(scope, name), Map.of("properties", Map.of(
        "roleDefinitionId", role, "principalId", principal, "principalType", "ServicePrincipal")));
  }

  private static JsonNode list(String filter) throws Exception {
    String path = sub + "/providers/Microsoft.Authorization/roleAssignments"
        + (filter == null ? "" : "?$filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
    return server.management("GET", path, null).path("value");
  }

  @Test
  void assignment_atVaultAndKeyScope_createListFilterDelete() throws Exception {
    String atVault = UUID.randomUUID().toString();
    HttpResponse<byte[]> created = assign(vault, atVault, definitionId(CRYPTO_USER), principalId);
    assertThat(created.statusCode()).as(Arm.text(created)).isEqualTo(201);
    JsonNode a = json(created);
    assertThat(a.path("id").asText()).isEqualTo(assignmentPath(vault, atVault));
    assertThat(a.path("name").asText()).isEqualTo(atVault);
    assertThat(a.path("type").asText()).isEqualTo("Microsoft.Authorization/roleAssignments");
    JsonNode p = a.path("properties");
    assertThat(p.path("scope").asText()).isEqualTo(vault);
    assertThat(p.path("roleDefinitionId").asText()).isEqualTo(definitionId(CRYPTO_USER));
    assertThat(p.path("principalId").asText()).isEqualTo(principalId);
    assertThat(p.path("principalType").asText()).isEqualTo("ServicePrincipal");
    assertThat(p.path("createdOn").asText()).isNotBlank();

    String key = vault + "/keys/cmk";
    String atKey = UUID.randomUUID().toString();
    HttpResponse<byte[]> onKey = assign(key, atKey, "Key Vault Crypto Service Encryption (preview)", principalId);
    assertThat(onKey.statusCode()).as(Arm.text(onKey)).isEqualTo(201);
    assertThat(json(onKey).path("properties").path("scope").asText()).isEqualTo(key);
    assertThat(json(onKey).path("properties").path("roleDefinitionId").asText())
        .isEqualTo(definitionId(SERVICE_ENCRYPTION));

    assertThat(server.management("GET", assignmentPath(key, atKey), null).path("name").asText()).isEqualTo(atKey);
    assertThat(list(null).findValuesAsText("name")).contains(atVault, atKey);
    assertThat(list("principalId eq '" + principalId + "'").findValuesAsText("name"))
        .containsExactlyInAnyOrder(atVault, atKey);
    assertThat(list("principalId eq '" + UUID.randomUUID() + "'")).isEmpty();
    // Listing at the key's scope shows what applies there: the vault's assignment (inherited) and the key's.
    JsonNode atKeyScope = server.management("GET", key + "/providers/Microsoft.Authorization/roleAssignments", null);
    assertThat(atKeyScope.path("value").findValuesAsText("name")).containsExactlyInAnyOrder(atVault, atKey);

    HttpResponse<byte[]> deleted = server.managementRaw("DELETE", assignmentPath(key, atKey), null);
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(json(deleted).path("name").asText()).isEqualTo(atKey);
    assertError(server.managementRaw("GET", assignmentPath(key, atKey), null), 404, "RoleAssignmentNotFound");
    assertThat(server.managementRaw("DELETE", assignmentPath(key, atKey), null).statusCode()).isEqualTo(204);
    assertThat(list("principalId eq '" + principalId + "'").findValuesAsText("name")).containsExactly(atVault);
  }

  @Test
  void assignment_duplicateUnknownRoleUnknownPrincipalMissingScope_areRefused() throws Exception {
    String first = UUID.randomUUID().toString();
    String groupScope = sub + "/resourceGroups/rbac";
    assertThat(assign(groupScope, first, "Key Vault Reader", principalId).statusCode()).isEqualTo(201);
    // The same assignment under the same name again is not an error; under another name it is.
    assertThat(assign(groupScope, first, "Key Vault Reader", principalId).statusCode()).isEqualTo(200);
    assertError(assign(groupScope, UUID.randomUUID().toString(), definitionId("21090545-7ca7-4776-b22c-e363652d74d2"),
        principalId), 409, "RoleAssignmentExists");

    String name = UUID.randomUUID().toString();
    assertError(assign(vault, name, "Key Vault Janitor", principalId), 400, "RoleDefinitionDoesNotExist");
    assertError(assign(vault, name, definitionId(UUID.randomUUID().toString()), principalId), 400,
        "RoleDefinitionDoesNotExist");
    assertError(assign(vault, name, "Key Vault Reader", UUID.randomUUID().toString()), 400, "PrincipalNotFound");
    assertError(assign(vault, "not-a-guid", "Key Vault Reader", principalId), 400, "InvalidRoleAssignmentId");
    assertError(assign(sub + "/resourceGroups/rbac/providers/Microsoft.KeyVault/vaults/no-such-vault", name,
        "Key Vault Reader", principalId), 404, "ResourceNotFound");
    assertError(assign(sub + "/resourceGroups/nogroup", name, "Key Vault Reader", principalId), 404,
        "ResourceGroupNotFound");
    assertThat(list(null).findValuesAsText("name")).doesNotContain(name);
  }

  @Test
  void assignment_ofAUser_isAUserPrincipal_andGoesWithTheUser() throws Exception {
    String userId = json(server.send(java.net.http.HttpRequest.newBuilder(server.uri("/v1.0/users"))
        .header("Authorization", "Bearer " + server.adminToken()).header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"userPrincipalName\":\"ops@coffer.test\","
            + "\"passwordProfile\":{\"password\":\"ops-password\"}}")).build())).path("id").asText();
    String name = UUID.randomUUID().toString();
    HttpResponse<byte[]> r = server.managementRaw("PUT", assignmentPath(vault, name), Map.of("properties",
        Map.of("roleDefinitionId", definitionId(CRYPTO_USER), "principalId", userId)));
    assertThat(r.statusCode()).as(Arm.text(r)).isEqualTo(201);
    assertThat(json(r).path("properties").path("principalType").asText()).isEqualTo("User");
    server.send(java.net.http.HttpRequest.newBuilder(server.uri("/v1.0/users/" + userId))
        .header("Authorization", "Bearer " + server.adminToken()).DELETE().build());
    assertThat(list("principalId eq '" + userId + "'")).isEmpty();
  }

  @Test
  void roleDefinitions_listTheKeyVaultRoles_andFilterByName() throws Exception {
    JsonNode all = server.management("GET", sub + "/providers/Microsoft.Authorization/roleDefinitions", null)
        .path("value");
    assertThat(all.findValuesAsText("roleName")).containsExactlyInAnyOrder("Key Vault Administrator",
        "Key Vault Crypto Officer", "Key Vault Crypto User", "Key Vault Crypto Service Encryption User",
        "Key Vault Reader");
    String filter = URLEncoder.encode("roleName eq 'Key Vault Crypto Service Encryption (preview)'",
        StandardCharsets.UTF_8);
    // az asks at the scope of the assignment it is about to make.
    JsonNode found = server.management("GET", vault + "/providers/Microsoft.Authorization/roleDefinitions?$filter="
        + filter, null).path("value");
    assertThat(found).hasSize(1);
    assertThat(found.get(0).path("id").asText()).isEqualTo(definitionId(SERVICE_ENCRYPTION));
    assertThat(found.get(0).path("name").asText()).isEqualTo(SERVICE_ENCRYPTION);
    assertThat(found.get(0).path("properties").path("type").asText()).isEqualTo("BuiltInRole");
    assertThat(found.get(0).path("properties").path("permissions").get(0).path("dataActions").toString())
        .contains("Microsoft.KeyVault/vaults/keys/wrap/action", "Microsoft.KeyVault/vaults/keys/unwrap/action");
    JsonNode none = server.management("GET", sub + "/providers/Microsoft.Authorization/roleDefinitions?$filter="
        + URLEncoder.encode("roleName eq 'Owner'", StandardCharsets.UTF_8), null).path("value");
    assertThat(none).isEmpty();
    assertThat(server.management("GET", definitionId(CRYPTO_USER), null).path("properties").path("roleName")
        .asText()).isEqualTo("Key Vault Crypto User");
    assertError(server.managementRaw("GET", sub + "/providers/Microsoft.Authorization/roleDefinitions?$filter="
        + URLEncoder.encode("type eq 'x'", StandardCharsets.UTF_8), null), 400, "InvalidFilter");
  }

  @Test
  void purgingAVault_removesTheAssignmentsBelowIt() throws Exception {
    String v = sub + "/resourceGroups/rbac/providers/Microsoft.KeyVault/vaults/short-lived";
    server.management("PUT", v, Map.of("properties", Map.of("enableRbacAuthorization", true)));
    String name = UUID.randomUUID().toString();
    assertThat(assign(v + "/keys/k1", name, "Key Vault Crypto User", principalId).statusCode()).isEqualTo(201);
    server.management("DELETE", v, null);
    assertThat(list(null).findValuesAsText("name")).contains(name);
    server.management("POST", sub + "/providers/Microsoft.KeyVault/locations/westeurope/deletedVaults/short-lived/purge",
        null);
    assertThat(list(null).findValuesAsText("name")).doesNotContain(name);
  }
}
