package io.coffer.server.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.server.CliRun;
import io.coffer.server.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key-vault part of the seed's walkthrough, typed as a user types it with {@code az} replaced by
 * {@code coffer}, against {@code coffer serve --tls}: identity, vault with purge protection, access
 * policy and the RBAC variant, key, both key-id forms, revocation, delete and recover, firewall, audit.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VaultCliEndToEndTest {
  @TempDir static Path dir;
  static TestServer server;
  static String identityPrincipalId;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir.resolve("data"), Map.of("COFFER_SERVER_TLS", "true"));
    CliRun login = coffer("login", "--server", server.server.url(), "--username", "admin", "--password",
        TestServer.ADMIN_PASSWORD, "--ca-file", server.caFile().toString());
    assertThat(login.exit()).as(login.err()).isZero();
    ok("group", "create", "--name", "seedgroup", "--location", "westeurope");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static CliRun coffer(String... args) {
    return CliRun.run(dir.resolve("cli"), args);
  }

  static CliRun ok(String... args) {
    return CliRun.ok(dir.resolve("cli"), args);
  }

  @Test
  @Order(1)
  void identityCreate_printsTheSeedsFields_andShowQueriesThem() {
    JsonNode id = ok("identity", "create", "--resource-group", "seedgroup", "--name", "seedidentity").json();
    assertThat(id.fieldNames()).toIterable().contains("clientId", "clientSecretUrl", "id", "location", "name",
        "principalId", "resourceGroup", "tags", "tenantId", "type");
    assertThat(id.path("type").asText()).isEqualTo("Microsoft.ManagedIdentity/userAssignedIdentities");
    identityPrincipalId = ok("identity", "show", "--resource-group", "seedgroup", "--name", "seedidentity",
        "--query", "principalId", "--output", "tsv").line();
    assertThat(identityPrincipalId).isEqualTo(id.path("principalId").asText());
    assertThat(ok("identity", "show", "-g", "seedgroup", "-n", "seedidentity", "--query", "id", "-o", "tsv").line())
        .isEqualTo(id.path("id").asText());
  }

  @Test
  @Order(2)
  void keyvaultCreate_withPurgeProtection_andSetPolicy_andKeyCreate_giveBothKeyIdForms() {
    JsonNode vault = ok("keyvault", "create", "--name", "seedvault", "--resource-group", "seedgroup",
        "--enable-purge-protection").json();
    assertThat(vault.path("properties").path("enablePurgeProtection").asBoolean()).isTrue();
    assertThat(vault.path("properties").path("vaultUri").asText()).startsWith("https://seedvault.vault.localhost:");
    String vaultId = ok("keyvault", "show", "--resource-group", "seedgroup", "--name", "seedvault", "--query", "id",
        "--output", "tsv").line();
    assertThat(vaultId).endsWith("/providers/Microsoft.KeyVault/vaults/seedvault");

    JsonNode policy = ok("keyvault", "set-policy", "--resource-group", "seedgroup", "--name", "seedvault",
        "--object-id", identityPrincipalId, "--key-permissions", "get", "unwrapKey", "wrapKey").json();
    assertThat(policy.path("properties").path("accessPolicies").toString()).contains(identityPrincipalId);

    JsonNode key = ok("keyvault", "key", "create", "--name", "seedkey", "--vault-name", "seedvault").json();
    assertThat(key.path("key").path("kty").asText()).isEqualTo("RSA");
    assertThat(key.path("key").path("e").asText()).isEqualTo("AQAB");
    assertThat(key.path("attributes").path("enabled").asBoolean()).isTrue();
    String keyId = ok("keyvault", "key", "show", "--name", "seedkey", "--vault-name", "seedvault", "--query",
        "key.kid", "--output", "tsv").line();
    assertThat(keyId).matches("https://seedvault\\.vault\\.localhost:\\d+/keys/seedkey/[0-9a-f]{32}");
    // The seed derives the versionless id with sed; the vault answers to both.
    String versionless = keyId.replaceAll("/[^/]*$", "");
    assertThat(versionless).endsWith("/keys/seedkey");

    String newVersion = ok("keyvault", "key", "create", "--name", "seedkey", "--vault-name", "seedvault",
        "--query", "key.kid", "-o", "tsv").line();
    assertThat(newVersion).isNotEqualTo(keyId).startsWith(versionless + "/");
    assertThat(ok("keyvault", "key", "list-versions", "--name", "seedkey", "--vault-name", "seedvault").json())
        .hasSize(2);
  }

  @Test
  @Order(3)
  void roleAssignment_withTheSeedsPreviewRoleName_onAnRbacVault() {
    ok("keyvault", "create", "--name", "rbacvault", "--resource-group", "seedgroup",
        "--enable-rbac-authorization", "true");
    String vaultId = ok("keyvault", "show", "-g", "seedgroup", "-n", "rbacvault", "--query", "id", "-o", "tsv")
        .line();
    JsonNode assignment = ok("role", "assignment", "create", "--assignee", identityPrincipalId, "--role",
        "Key Vault Crypto Service Encryption (preview)", "--scope", vaultId).json();
    assertThat(assignment.path("scope").asText()).isEqualTo(vaultId);
    assertThat(assignment.path("principalId").asText()).isEqualTo(identityPrincipalId);
    assertThat(ok("role", "assignment", "list", "--assignee", identityPrincipalId, "--all", "--query",
        "[].roleDefinitionName", "-o", "tsv").line()).isEqualTo("Key Vault Crypto Service Encryption User");
  }

  @Test
  @Order(4)
  void deletePolicy_keyDeleteAndRecover_networkRules_andAudit() {
    ok("keyvault", "delete-policy", "--resource-group", "seedgroup", "--name", "seedvault", "--object-id",
        identityPrincipalId);
    assertThat(ok("keyvault", "show", "-n", "seedvault", "--query", "properties.accessPolicies[].objectId",
        "-o", "tsv").out()).doesNotContain(identityPrincipalId);

    ok("keyvault", "key", "delete", "--name", "seedkey", "--vault-name", "seedvault");
    CliRun gone = coffer("keyvault", "key", "show", "--name", "seedkey", "--vault-name", "seedvault");
    assertThat(gone.exit()).isEqualTo(3);
    assertThat(gone.err()).contains("KeyNotFound");
    CliRun purge = coffer("keyvault", "key", "purge", "--name", "seedkey", "--vault-name", "seedvault");
    assertThat(purge.exit()).as("purge protection").isEqualTo(1);
    ok("keyvault", "key", "recover", "--name", "seedkey", "--vault-name", "seedvault");
    assertThat(ok("keyvault", "key", "show", "--name", "seedkey", "--vault-name", "seedvault", "--query",
        "attributes.enabled", "-o", "tsv").line()).isEqualTo("true");

    ok("keyvault", "update", "--name", "seedvault", "--default-action", "Deny", "--bypass", "AzureServices");
    ok("keyvault", "network-rule", "add", "--name", "seedvault", "--ip-address", "127.0.0.1");
    assertThat(ok("keyvault", "network-rule", "list", "--name", "seedvault", "--query", "ipRules[].value",
        "-o", "tsv").line()).isEqualTo("127.0.0.1/32");
    // Loopback is listed, so the signed-in user still reaches the keys.
    ok("keyvault", "key", "show", "--name", "seedkey", "--vault-name", "seedvault");
    ok("keyvault", "network-rule", "remove", "--name", "seedvault", "--ip-address", "127.0.0.1");
    CliRun blocked = coffer("keyvault", "key", "show", "--name", "seedkey", "--vault-name", "seedvault");
    assertThat(blocked.exit()).isEqualTo(1);
    assertThat(blocked.err()).contains("Forbidden");

    JsonNode events = ok("keyvault", "audit", "list", "--name", "seedvault").json();
    assertThat(events).anySatisfy(e -> assertThat(e.path("result").asText()).startsWith("403"));
    assertThat(events).anySatisfy(e -> assertThat(e.path("keyName").asText()).isEqualTo("seedkey"));
    assertThat(ok("keyvault", "audit", "verify", "--name", "seedvault", "--query", "intact", "-o", "tsv").line())
        .isEqualTo("true");
  }

  @Test
  @Order(5)
  void vaultDelete_recover_andPurgeRefusedUnderPurgeProtection() {
    ok("keyvault", "delete", "--name", "seedvault", "--resource-group", "seedgroup");
    assertThat(ok("keyvault", "list-deleted", "--query", "[].name", "-o", "tsv").out()).contains("seedvault");
    CliRun purge = coffer("keyvault", "purge", "--name", "seedvault");
    assertThat(purge.exit()).isEqualTo(1);
    ok("keyvault", "recover", "--name", "seedvault");
    assertThat(ok("keyvault", "show", "-n", "seedvault", "--query", "name", "-o", "tsv").line())
        .isEqualTo("seedvault");
  }

  @Test
  @Order(6)
  void accountGetAccessToken_forTheVaultResource_hasAzsShape() {
    JsonNode token = ok("account", "get-access-token", "--resource", "https://vault.localhost").json();
    assertThat(token.fieldNames()).toIterable().contains("accessToken", "expiresOn", "expires_on", "tenant",
        "tokenType", "subscription");
    assertThat(token.path("tokenType").asText()).isEqualTo("Bearer");
    assertThat(token.path("subscription").asText()).isEqualTo(server.subscription);
  }
}
