package io.coffer.server.cmk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.server.CliRun;
import io.coffer.server.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's walkthrough, in its order, with {@code az} replaced by {@code coffer} and the names
 * filled in; the shell variables it builds ({@code identityID}, {@code identityPrincipalID},
 * {@code keyvaultID}, {@code keyID}) are built the same way, from {@code --query … --output tsv}.
 * Content goes in and out with skopeo.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedWalkthroughTest {
  @TempDir static Path dir;
  static TestServer server;
  static int port;
  static Path certs;
  static String identityID;
  static String identityPrincipalID;
  static String keyvaultID;
  static String keyID;
  static String versionedAtCreation;
  static byte[] pushedManifest;
  static final String REGISTRY = "seedregistry";

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir.resolve("data"), Map.of("COFFER_SERVER_TLS", "true",
        "COFFER_ENCRYPTION_KEY_CACHE_TTL", "1s", "COFFER_ENCRYPTION_ROTATION_POLL_INTERVAL", "1s"));
    port = java.net.URI.create(server.server.url()).getPort();
    certs = Files.createDirectories(dir.resolve("certs"));
    Files.copy(server.caFile(), certs.resolve("ca.crt"));
    ok("login", "--server", server.server.url(), "--username", "admin", "--password", TestServer.ADMIN_PASSWORD,
        "--ca-file", server.caFile().toString());
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

  static JsonNode encryption() {
    return ok("acr", "encryption", "show", "--name", REGISTRY).json();
  }

  static void eventually(int seconds, Callable<Boolean> check) throws Exception {
    long until = System.nanoTime() + seconds * 1_000_000_000L;
    while (!check.call()) {
      assertThat(System.nanoTime()).as("condition not met within " + seconds + " s").isLessThan(until);
      Thread.sleep(200);
    }
  }

  static HttpResponse<byte[]> pullManifest() throws Exception {
    return server.send(server.registry("/v2/" + REGISTRY + "/app/manifests/v1")
        .header("Accept", "application/vnd.oci.image.manifest.v1+json").GET().build());
  }

  static void skopeo(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("skopeo", "--insecure-policy"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
  }

  @Test
  @Order(1)
  void groupIdentityAndItsVariables() {
    ok("group", "create", "--name", "seedgroup", "--location", "westeurope");
    JsonNode identity = ok("identity", "create", "--resource-group", "seedgroup", "--name", "seedidentity").json();
    assertThat(identity.fieldNames()).toIterable().contains("clientId", "clientSecretUrl", "id", "location", "name",
        "principalId", "resourceGroup", "tags", "tenantId", "type");
    identityID = ok("identity", "show", "--resource-group", "seedgroup", "--name", "seedidentity", "--query", "id",
        "--output", "tsv").line();
    identityPrincipalID = ok("identity", "show", "--resource-group", "seedgroup", "--name", "seedidentity",
        "--query", "principalId", "--output", "tsv").line();
    assertThat(identityID).isEqualTo(identity.path("id").asText());
    assertThat(identityPrincipalID).isEqualTo(identity.path("principalId").asText());
  }

  @Test
  @Order(2)
  void vaultWithPurgeProtection_policy_rbacVariant_andKey() {
    ok("keyvault", "create", "--name", "seedvault", "--resource-group", "seedgroup", "--enable-purge-protection");
    keyvaultID = ok("keyvault", "show", "--resource-group", "seedgroup", "--name", "seedvault", "--query", "id",
        "--output", "tsv").line();
    ok("keyvault", "set-policy", "--resource-group", "seedgroup", "--name", "seedvault", "--object-id",
        identityPrincipalID, "--key-permissions", "get", "unwrapKey", "wrapKey");
    JsonNode role = ok("role", "assignment", "create", "--assignee", identityPrincipalID, "--role",
        "Key Vault Crypto Service Encryption (preview)", "--scope", keyvaultID).json();
    assertThat(role.path("scope").asText()).isEqualTo(keyvaultID);
    JsonNode key = ok("keyvault", "key", "create", "--name", "seedkey", "--vault-name", "seedvault").json();
    assertThat(key.path("key").path("kty").asText()).isEqualTo("RSA");
  }

  @Test
  @Order(3)
  void bothKeyIdForms() {
    keyID = ok("keyvault", "key", "show", "--name", "seedkey", "--vault-name", "seedvault", "--query", "key.kid",
        "--output", "tsv").line();
    assertThat(keyID).matches("https://seedvault\\.vault\\.localhost:\\d+/keys/seedkey/[0-9a-f]{32}");
    // keyID=$(echo $keyID | sed -e "s/\/[^/]*$//")
    assertThat(keyID.replaceAll("/[^/]*$", "")).endsWith("/keys/seedkey");
  }

  @Test
  @Order(4)
  void acrCreateWithTheCustomerKey_andEncryptionShow() {
    JsonNode registry = ok("acr", "create", "--resource-group", "seedgroup", "--name", REGISTRY, "--identity",
        identityID, "--key-encryption-key", keyID, "--sku", "Premium").json();
    assertThat(registry.path("sku").path("name").asText()).isEqualTo("Premium");
    JsonNode e = encryption();
    assertThat(e.path("status").asText()).isEqualTo("enabled");
    JsonNode kvp = e.path("keyVaultProperties");
    String clientId = ok("identity", "show", "-g", "seedgroup", "-n", "seedidentity", "--query", "clientId", "-o",
        "tsv").line();
    assertThat(kvp.path("identity").asText()).isEqualTo(clientId);
    assertThat(kvp.path("keyIdentifier").asText()).isEqualTo(keyID);
    assertThat(kvp.path("versionedKeyIdentifier").asText()).isEqualTo(keyID);
    assertThat(kvp.path("keyRotationEnabled").asBoolean()).isFalse();
    assertThat(kvp.path("lastKeyRotationTimestamp").isNull()).isFalse();
    versionedAtCreation = keyID;
  }

  @Test
  @Order(5)
  void pushAndPullWithSkopeo() throws Exception {
    Path source = dir.resolve("source");
    OciLayouts.Layout layout = OciLayouts.write(source, 7);
    pushedManifest = layout.manifest();
    Map<String, byte[]> blobs = layout.blobs();
    String creds = "admin:" + TestServer.ADMIN_PASSWORD;
    String target = "docker://127.0.0.1:" + port + "/" + REGISTRY + "/app:v1";
    skopeo("copy", "--preserve-digests", "--dest-creds", creds, "--dest-cert-dir", certs.toString(),
        "oci:" + source + ":v1", target);
    Path copy = dir.resolve("copy");
    skopeo("copy", "--preserve-digests", "--src-creds", creds, "--src-cert-dir", certs.toString(), target,
        "oci:" + copy + ":v1");
    for (var b : blobs.entrySet()) {
      assertThat(Files.readAllBytes(copy.resolve("blobs/sha256/" + b.getKey().substring(7)))).isEqualTo(b.getValue());
    }
    // The vault saw the registry's wrap and unwrap calls, made with the identity's own token.
    JsonNode events = ok("keyvault", "audit", "list", "--name", "seedvault").json();
    assertThat(events).anySatisfy(ev -> {
      assertThat(ev.path("operation").asText()).isEqualTo("KeyUnwrap");
      assertThat(ev.path("callerObjectId").asText()).isEqualTo(identityPrincipalID);
    });
    assertThat(events).anySatisfy(ev -> {
      assertThat(ev.path("operation").asText()).isEqualTo("KeyWrap");
      assertThat(ev.path("callerObjectId").asText()).isEqualTo(identityPrincipalID);
    });
  }

  @Test
  @Order(6)
  void newKeyVersion_andManualRotation() throws Exception {
    Instant before = Instant.parse(encryption().path("keyVaultProperties").path("lastKeyRotationTimestamp").asText());
    String newVersion = ok("keyvault", "key", "create", "--name", "seedkey", "--vault-name", "seedvault",
        "--query", "key.kid", "-o", "tsv").line();
    // A versioned key id does not follow the new version by itself.
    Thread.sleep(2000);
    assertThat(encryption().path("keyVaultProperties").path("versionedKeyIdentifier").asText()).isEqualTo(keyID);
    ok("acr", "encryption", "rotate-key", "--name", REGISTRY, "--key-encryption-key", newVersion, "--identity",
        identityPrincipalID);
    JsonNode kvp = encryption().path("keyVaultProperties");
    assertThat(kvp.path("versionedKeyIdentifier").asText()).isEqualTo(newVersion);
    assertThat(Instant.parse(kvp.path("lastKeyRotationTimestamp").asText())).isAfter(before);
    assertThat(pullManifest().statusCode()).isEqualTo(200);
    keyID = newVersion;
  }

  @Test
  @Order(7)
  void versionlessKeyId_followsTheLatestVersion() throws Exception {
    String versionless = keyID.replaceAll("/[^/]*$", "");
    ok("acr", "encryption", "rotate-key", "--name", REGISTRY, "--key-encryption-key", versionless, "--identity",
        identityPrincipalID);
    assertThat(encryption().path("keyVaultProperties").path("keyRotationEnabled").asBoolean()).isTrue();
    String latest = ok("keyvault", "key", "create", "--name", "seedkey", "--vault-name", "seedvault", "--query",
        "key.kid", "-o", "tsv").line();
    eventually(10, () -> encryption().path("keyVaultProperties").path("versionedKeyIdentifier").asText()
        .equals(latest));
    assertThat(encryption().path("keyVaultProperties").path("keyIdentifier").asText()).isEqualTo(versionless);
    assertThat(pullManifest().statusCode()).isEqualTo(200);
    keyID = latest;
  }

  @Test
  @Order(8)
  void rotationToTheSystemAssignedIdentity_andBack() throws Exception {
    JsonNode identity = ok("acr", "identity", "assign", "-n", REGISTRY, "--identities", "[system]").json();
    String systemPrincipal = ok("acr", "identity", "show", "-n", REGISTRY, "--query", "principalId", "-o", "tsv")
        .line();
    assertThat(systemPrincipal).isNotBlank();
    assertThat(identity.toString()).contains(systemPrincipal);
    ok("keyvault", "set-policy", "--resource-group", "seedgroup", "--name", "seedvault", "--object-id",
        systemPrincipal, "--key-permissions", "get", "unwrapKey", "wrapKey");
    ok("acr", "encryption", "rotate-key", "--name", REGISTRY, "--key-encryption-key", keyID, "--identity",
        "[system]");
    assertThat(encryption().path("keyVaultProperties").path("identity").asText()).isEqualTo("system");
    assertThat(pullManifest().statusCode()).isEqualTo(200);
    // "Lorsque vous faites pivoter une clé, vous spécifiez généralement la même identité": back to it.
    ok("acr", "encryption", "rotate-key", "--name", REGISTRY, "--key-encryption-key", keyID, "--identity",
        identityPrincipalID);
    assertThat(encryption().path("keyVaultProperties").path("identity").asText()).isNotEqualTo("system");
  }

  @Test
  @Order(9)
  void revocationByDeletePolicy_thenSetPolicyRestores() throws Exception {
    ok("keyvault", "delete-policy", "--resource-group", "seedgroup", "--name", "seedvault", "--object-id",
        identityPrincipalID);
    // The RBAC assignment of step 2 does not count: this vault uses access policies.
    eventually(5, () -> pullManifest().statusCode() == 403);
    JsonNode error = Json.parse(pullManifest().body()).path("errors").get(0);
    assertThat(error.path("code").asText()).isEqualTo("DENIED");
    assertThat(error.path("message").asText()).containsIgnoringCase("access");
    assertThat(encryption().path("keyHealth").path("status").asText()).isEqualTo("AccessDenied");

    ok("keyvault", "set-policy", "--resource-group", "seedgroup", "--name", "seedvault", "--object-id",
        identityPrincipalID, "--key-permissions", "get", "unwrapKey", "wrapKey");
    eventually(5, () -> pullManifest().statusCode() == 200);
    assertThat(encryption().path("keyHealth").path("status").asText()).isEqualTo("Healthy");
  }

  @Test
  @Order(10)
  void keyDeleteAndRecover() throws Exception {
    ok("keyvault", "key", "delete", "--name", "seedkey", "--vault-name", "seedvault");
    eventually(5, () -> pullManifest().statusCode() == 403);
    assertThat(encryption().path("keyHealth").path("status").asText()).isEqualTo("KeyNotFound");
    ok("keyvault", "key", "recover", "--name", "seedkey", "--vault-name", "seedvault");
    eventually(10, () -> pullManifest().statusCode() == 200);
  }

  @Test
  @Order(11)
  void firewallScenario_userAssignedRefused_systemAssignedBypasses() throws Exception {
    ok("keyvault", "update", "--name", "seedvault", "--default-action", "Deny", "--bypass", "AzureServices");
    eventually(5, () -> pullManifest().statusCode() == 403);
    assertThat(Json.parse(pullManifest().body()).path("errors").get(0).path("message").asText())
        .containsIgnoringCase("firewall");
    // Configure the system-assigned identity (its policy is there since step 8), then rotate to it.
    ok("acr", "encryption", "rotate-key", "--name", REGISTRY, "--key-encryption-key", keyID, "--identity",
        "[system]");
    eventually(5, () -> pullManifest().statusCode() == 200);
    assertThat(encryption().path("keyHealth").path("status").asText()).isEqualTo("Healthy");
    // Open the vault again, and give the encryption back to the user-assigned identity.
    ok("keyvault", "update", "--name", "seedvault", "--default-action", "Allow");
    ok("acr", "encryption", "rotate-key", "--name", REGISTRY, "--key-encryption-key", keyID, "--identity",
        identityPrincipalID);
  }

  @Test
  @Order(12)
  void removingTheEncryptionIdentity_isRefusedWithTheSeedsMessage_andAssignFixesIt() throws Exception {
    CliRun refused = coffer("acr", "identity", "remove", "-n", REGISTRY, "--identities", identityID);
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("does not have access to identity")
        .contains("Try forcibly adding the identity to the registry " + REGISTRY)
        .contains("https://aka.ms/acr/cmk");
    Matcher guid = Pattern.compile("identity '([0-9a-f-]{36})'").matcher(refused.err());
    assertThat(guid.find()).isTrue();
    ok("acr", "identity", "assign", "-n", REGISTRY, "--identities", guid.group(1));
    assertThat(ok("acr", "identity", "show", "-n", REGISTRY, "--query", "userAssignedIdentities", "-o", "json")
        .out()).containsIgnoringCase(identityID);
    // Content pushed at the start is still what it was, under every key change since.
    HttpResponse<byte[]> manifest = pullManifest();
    assertThat(manifest.statusCode()).isEqualTo(200);
    assertThat(manifest.body()).isEqualTo(pushedManifest);
    assertThat(versionedAtCreation).isNotEqualTo(keyID);
  }

  @Test
  @Order(13)
  void rbacVariant_theRoleAloneGivesTheRegistryItsKey_andTakingItAwayRevokes() throws Exception {
    ok("keyvault", "create", "--name", "seedrbac", "--resource-group", "seedgroup", "--enable-rbac-authorization",
        "true");
    String vaultId = ok("keyvault", "show", "-g", "seedgroup", "-n", "seedrbac", "--query", "id", "-o", "tsv").line();
    String adminId = ok("ad", "user", "show", "--id", "admin", "--query", "id", "-o", "tsv").line();
    ok("role", "assignment", "create", "--assignee", adminId, "--role", "Key Vault Crypto Officer", "--scope", vaultId);
    String rbacKey = ok("keyvault", "key", "create", "--name", "rbackey", "--vault-name", "seedrbac", "--query",
        "key.kid", "-o", "tsv").line();
    String assignment = ok("role", "assignment", "create", "--assignee", identityPrincipalID, "--role",
        "Key Vault Crypto Service Encryption (preview)", "--scope", vaultId, "--query", "id", "-o", "tsv").line();
    ok("acr", "create", "--resource-group", "seedgroup", "--name", "seedrbacregistry", "--identity", identityID,
        "--key-encryption-key", rbacKey, "--sku", "Premium");
    server.send(server.registry("/v2/seedrbacregistry/app/blobs/uploads/?digest=" + io.coffer.server.OciClient
        .sha256(new byte[] {7})).POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[] {7})).build());
    Callable<Integer> pull = () -> server.send(server.registry("/v2/seedrbacregistry/app/blobs/"
        + io.coffer.server.OciClient.sha256(new byte[] {7})).GET().build()).statusCode();
    assertThat(pull.call()).isEqualTo(200);

    ok("role", "assignment", "delete", "--ids", assignment);
    eventually(5, () -> pull.call() == 403);
    assertThat(ok("acr", "encryption", "show", "--name", "seedrbacregistry", "--query", "keyHealth.status", "-o",
        "tsv").line()).isEqualTo("AccessDenied");
  }
}
