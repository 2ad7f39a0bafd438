package io.coffer.server.cmk;

import static io.coffer.server.cmk.CmkServer.HELP;
import static io.coffer.server.cmk.CmkServer.assertError;
import static io.coffer.server.cmk.CmkServer.cmkBody;
import static io.coffer.server.cmk.CmkServer.failedToAccess;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.common.Json;
import io.coffer.server.CliRun;
import io.coffer.server.OciClient;
import io.coffer.server.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON users and tools read about customer-managed keys, field by field: {@code acr encryption
 * show}, ARM {@code properties.encryption} and {@code identity} of a registry, {@code identity
 * create}, {@code keyvault key create}, key identifiers; and the rules that decide what those
 * fields may say (read-only properties, case-insensitive key ids, no "revoked" status).
 */
class CmkJsonShapesTest {
  static final String VAULT = "shapevault";
  @TempDir static Path dir;
  static CmkServer cmk;
  static JsonNode identity;
  static String keyId;

  @BeforeAll
  static void start() throws Exception {
    cmk = CmkServer.start(dir.resolve("data"), Map.of());
    identity = cmk.identity("shapeidentity");
    cmk.vault(VAULT);
    cmk.setPolicy(VAULT, identity.path("principalId").asText(), "get", "unwrapKey", "wrapKey");
    keyId = cmk.createKey(VAULT, "shapekey", "RSA");
    CliRun.ok(cli(), "login", "--server", cmk.server.server.url(), "--username", "admin", "--password",
        TestServer.ADMIN_PASSWORD, "--ca-file", cmk.server.caFile().toString());
  }

  @AfterAll
  static void stop() {
    cmk.close();
  }

  static Path cli() {
    return dir.resolve("cli");
  }

  static String clientId() {
    return identity.path("clientId").asText();
  }

  static void created(String registry, String key) throws Exception {
    HttpResponse<byte[]> r = cmk.putRegistry(registry, cmkBody("Premium", identity.path("id").asText(), clientId(),
        key));
    assertThat(r.statusCode()).as(CmkServer.text(r)).isEqualTo(201);
  }

  static JsonNode patchEncryption(String registry, Map<String, Object> keyVaultProperties) throws Exception {
    HttpResponse<byte[]> r = cmk.patchRegistry(registry, Map.of("properties", Map.of("encryption",
        Map.of("keyVaultProperties", keyVaultProperties))));
    assertThat(r.statusCode()).as(CmkServer.text(r)).isEqualTo(200);
    return Json.parse(r.body()).path("properties").path("encryption");
  }

  static Instant rotatedAt(JsonNode encryption) {
    return Instant.parse(encryption.path("keyVaultProperties").path("lastKeyRotationTimestamp").asText());
  }

  static List<String> names(JsonNode object) {
    List<String> out = new java.util.ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  // ---- 1a/1b: encryption show and properties.encryption

  @Test
  void encryptionShow_isTheRegistrysEncryptionUnchanged_withEachFieldsNameAndType() throws Exception {
    created("shapeshow", keyId);
    JsonNode enc = cmk.encryption("shapeshow");
    assertThat(names(enc)).containsExactly("keyHealth", "keyVaultProperties", "status");
    assertThat(enc.path("status").isTextual()).isTrue();
    assertThat(enc.path("status").asText()).isEqualTo("enabled");
    JsonNode kvp = enc.path("keyVaultProperties");
    assertThat(names(kvp)).containsExactly("identity", "keyIdentifier", "keyRotationEnabled",
        "lastKeyRotationTimestamp", "versionedKeyIdentifier");
    assertThat(kvp.path("identity").isTextual()).isTrue();
    assertThat(kvp.path("identity").asText()).isEqualTo(clientId()).matches("[0-9a-f-]{36}");
    assertThat(kvp.path("keyIdentifier").isTextual()).isTrue();
    assertThat(kvp.path("keyRotationEnabled").isBoolean()).isTrue();
    assertThat(kvp.path("lastKeyRotationTimestamp").isTextual()).isTrue();
    // An ARM date-time: an ISO-8601 instant with its offset.
    assertThat(OffsetDateTime.parse(kvp.path("lastKeyRotationTimestamp").asText()).toInstant())
        .isBefore(Instant.now().plusSeconds(1));
    assertThat(kvp.path("versionedKeyIdentifier").asText())
        .matches("https://" + VAULT + "\\.vault\\.localhost:\\d+/keys/shapekey/[0-9a-f]{32}");

    // az acr encryption show returns registry.encryption unchanged; a list carries the same block.
    assertThat(CliRun.ok(cli(), "acr", "encryption", "show", "--name", "shapeshow").json()).isEqualTo(enc);
    JsonNode list = cmk.server.management("GET", cmk.group + "/providers/Microsoft.ContainerRegistry/registries",
        null).path("value");
    assertThat(list).anySatisfy(r -> {
      assertThat(r.path("name").asText()).isEqualTo("shapeshow");
      assertThat(r.path("properties").path("encryption")).isEqualTo(enc);
    });

    // Under the service-managed key: status disabled, keyVaultProperties present and null.
    assertThat(cmk.putRegistry("shapeplain", Map.of("sku", Map.of("name", "Premium"))).statusCode()).isEqualTo(201);
    JsonNode plain = CliRun.ok(cli(), "acr", "encryption", "show", "--name", "shapeplain").json();
    assertThat(plain).isEqualTo(Json.parse("{\"keyVaultProperties\":null,\"status\":\"disabled\"}"));
    assertThat(plain.has("keyVaultProperties")).isTrue();
  }

  @Test
  void registryIdentity_userAssigned_hasNullPrincipalAndTenant_andClientAndPrincipalIdPerIdentity() throws Exception {
    created("shapeident", keyId);
    JsonNode id = cmk.registry("shapeident").path("identity");
    ObjectNode expected = Json.object();
    expected.putNull("principalId");
    expected.putNull("tenantId");
    expected.put("type", "UserAssigned");
    expected.putObject("userAssignedIdentities").putObject(identity.path("id").asText())
        .put("clientId", clientId()).put("principalId", identity.path("principalId").asText());
    assertThat(id).isEqualTo(expected);
    // The ARM id the registry names the identity by is the identity's own id.
    assertThat(identity.path("id").asText()).isEqualTo(cmk.identityId("shapeidentity"));
  }

  // ---- 1b: how clients write properties.encryption

  @Test
  void templateShape_capitalKeyIdentifier_andStatusInAnyCase_areRead_andPrintedInCamelCase() throws Exception {
    Map<String, Object> kvp = new LinkedHashMap<>();
    kvp.put("identity", clientId());
    kvp.put("KeyIdentifier", keyId);
    Map<String, Object> body = Map.of("location", "westeurope", "sku", Map.of("name", "Premium"),
        "identity", Map.of("type", "UserAssigned", "userAssignedIdentities", Map.of(identity.path("id").asText(),
            Map.of())),
        "properties", Map.of("encryption", Map.of("status", "Enabled", "keyVaultProperties", kvp)));
    HttpResponse<byte[]> r = cmk.putRegistry("shapetemplate", body);
    assertThat(r.statusCode()).as(CmkServer.text(r)).isEqualTo(201);
    JsonNode enc = Json.parse(r.body()).path("properties").path("encryption");
    assertThat(enc.path("status").asText()).isEqualTo("enabled");
    assertThat(enc.path("keyVaultProperties").path("keyIdentifier").asText()).isEqualTo(keyId);
    assertThat(enc.path("keyVaultProperties").has("KeyIdentifier")).isFalse();

    // status has two values only: there is no "revoked" or other state to write.
    Map<String, Object> revoked = Map.of("sku", Map.of("name", "Premium"), "properties", Map.of("encryption",
        Map.of("status", "revoked", "keyVaultProperties", kvp)));
    assertThat(assertError(cmk.putRegistry("shaperevokedstatus", revoked), 400, "InvalidRequestContent"))
        .isEqualTo("'encryption.status' must be 'enabled' or 'disabled'.");
    assertThat(cmk.server.managementRaw("GET", cmk.registryPath("shaperevokedstatus"), null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void readOnlyProperties_areIgnoredOnInput_andPuttingTheReadBodyBackChangesNothing() throws Exception {
    created("shapereadonly", keyId);
    JsonNode before = cmk.encryption("shapereadonly");
    String other = cmk.createKey(VAULT, "shapeother", "RSA");
    Map<String, Object> readOnly = new LinkedHashMap<>();
    readOnly.put("versionedKeyIdentifier", other);
    readOnly.put("keyRotationEnabled", true);
    readOnly.put("lastKeyRotationTimestamp", "2001-01-01T00:00:00Z");
    assertThat(patchEncryption("shapereadonly", readOnly)).isEqualTo(before);

    // GET, then PUT what was read (every read-only field with it): the key is not re-wrapped.
    JsonNode read = cmk.registry("shapereadonly");
    HttpResponse<byte[]> put = cmk.putRegistry("shapereadonly", read);
    assertThat(put.statusCode()).as(CmkServer.text(put)).isEqualTo(200);
    assertThat(Json.parse(put.body()).path("properties").path("encryption")).isEqualTo(before);
    assertThat(cmk.registry("shapereadonly")).isEqualTo(read);
  }

  @Test
  void disablingThroughPut_isRefused_andNothingChanges() throws Exception {
    created("shapedisable", keyId);
    JsonNode before = cmk.registry("shapedisable");
    ObjectNode body = before.deepCopy();
    ((ObjectNode) body.path("properties").path("encryption")).put("status", "disabled");
    assertThat(assertError(cmk.putRegistry("shapedisable", body), 400, "CMKCannotBeDisabled"))
        .isEqualTo("Customer-managed key encryption of the registry shapedisable cannot be disabled. " + HELP);
    assertThat(cmk.registry("shapedisable")).isEqualTo(before);
  }

  // ---- 1e: key identifiers

  @Test
  void keyIdentifiers_compareCaseInsensitively_theVersionInUseIsTheVaultsOwnSpelling() throws Exception {
    String shouted = keyId.toUpperCase(Locale.ROOT).replace("HTTPS://", "https://");
    created("shapecase", shouted);
    JsonNode enc = cmk.encryption("shapecase");
    assertThat(enc.path("keyVaultProperties").path("keyIdentifier").asText()).isEqualTo(shouted);
    assertThat(enc.path("keyVaultProperties").path("versionedKeyIdentifier").asText()).isEqualTo(keyId);
    assertThat(enc.path("keyVaultProperties").path("keyRotationEnabled").asBoolean()).isFalse();

    // The same id in other letters is the same key: a PUT naming it re-wraps nothing.
    ObjectNode body = cmk.registry("shapecase").deepCopy();
    ((ObjectNode) body.path("properties").path("encryption").path("keyVaultProperties")).put("keyIdentifier", keyId);
    HttpResponse<byte[]> put = cmk.putRegistry("shapecase", body);
    assertThat(put.statusCode()).as(CmkServer.text(put)).isEqualTo(200);
    assertThat(rotatedAt(cmk.encryption("shapecase"))).isEqualTo(rotatedAt(enc));
  }

  // ---- 1b (CLI mapping) and 2 (rotation)

  @Test
  void rotateKey_formsOfTheKeyId_switchAutomaticRotation_andIdentityIsAlwaysShownByClientId() throws Exception {
    created("shaperotate", keyId);
    Instant created = rotatedAt(cmk.encryption("shaperotate"));
    Thread.sleep(5);

    // Versionless, identity named by its ARM id: automatic rotation on, the client id shown.
    JsonNode auto = patchEncryption("shaperotate", Map.of("keyIdentifier", CmkServer.versionless(keyId),
        "identity", identity.path("id").asText()));
    JsonNode kvp = auto.path("keyVaultProperties");
    assertThat(kvp.path("keyIdentifier").asText()).isEqualTo(CmkServer.versionless(keyId));
    assertThat(kvp.path("keyRotationEnabled").asBoolean()).isTrue();
    assertThat(kvp.path("versionedKeyIdentifier").asText()).startsWith(CmkServer.versionless(keyId) + "/");
    assertThat(kvp.path("identity").asText()).isEqualTo(clientId());
    assertThat(rotatedAt(auto)).isAfter(created);

    // Versioned again, identity named by its principal id: automatic rotation off.
    JsonNode pinned = patchEncryption("shaperotate", Map.of("keyIdentifier", keyId,
        "identity", identity.path("principalId").asText()));
    assertThat(pinned.path("keyVaultProperties").path("keyRotationEnabled").asBoolean()).isFalse();
    assertThat(pinned.path("keyVaultProperties").path("keyIdentifier").asText()).isEqualTo(keyId);
    assertThat(pinned.path("keyVaultProperties").path("versionedKeyIdentifier").asText()).isEqualTo(keyId);
    assertThat(pinned.path("keyVaultProperties").path("identity").asText()).isEqualTo(clientId());

    // Running the rotation again with the same key and identity (the documented fix after a vault
    // firewall change) is accepted and wraps again.
    Thread.sleep(5);
    JsonNode again = patchEncryption("shaperotate", Map.of("keyIdentifier", keyId, "identity", clientId()));
    assertThat(rotatedAt(again)).isAfter(rotatedAt(pinned));
    assertThat(again.path("keyVaultProperties").path("versionedKeyIdentifier").asText()).isEqualTo(keyId);
  }

  // ---- 2: creation rules

  @Test
  void creation_needsAUserAssignedIdentityOfTheRegistry_andBothProperties() throws Exception {
    Map<String, Object> users = Map.of(identity.path("id").asText(), Map.of());
    Map<String, Object> system = Map.of("location", "westeurope", "sku", Map.of("name", "Premium"),
        "identity", Map.of("type", "SystemAssigned, UserAssigned", "userAssignedIdentities", users),
        "properties", Map.of("encryption", Map.of("status", "enabled", "keyVaultProperties",
            Map.of("identity", "[system]", "keyIdentifier", keyId))));
    assertThat(assertError(cmk.putRegistry("shapenosys", system), 400, "InvalidEncryptionIdentity"))
        .contains("user-assigned identity").endsWith(HELP);

    JsonNode stranger = cmk.identity("shapestranger");
    cmk.setPolicy(VAULT, stranger.path("principalId").asText(), "get", "unwrapKey", "wrapKey");
    Map<String, Object> notAssigned = cmkBody("Premium", identity.path("id").asText(),
        stranger.path("clientId").asText(), keyId);
    assertThat(assertError(cmk.putRegistry("shapestranger", notAssigned), 400, "InvalidEncryptionIdentity"))
        .contains(stranger.path("clientId").asText()).contains("is not an identity of the registry");

    Map<String, Object> keyOnly = Map.of("sku", Map.of("name", "Premium"), "properties", Map.of("encryption",
        Map.of("status", "enabled", "keyVaultProperties", Map.of("keyIdentifier", keyId))));
    assertThat(assertError(cmk.putRegistry("shapekeyonly", keyOnly), 400, "InvalidEncryptionProperties"))
        .contains("'keyVaultProperties.identity'");

    for (String name : List.of("shapenosys", "shapestranger", "shapekeyonly")) {
      assertThat(cmk.server.managementRaw("GET", cmk.registryPath(name), null).statusCode()).as(name).isEqualTo(404);
    }
  }

  @Test
  void rsaHsmKeys_areAccepted_ecHsmKeys_areNot() throws Exception {
    cmk.server.management("PUT", cmk.vaultPath("shapehsm"), Map.of("properties", Map.of("enablePurgeProtection",
        true, "sku", Map.of("family", "A", "name", "premium"))));
    cmk.setPolicy("shapehsm", identity.path("principalId").asText(), "get", "unwrapKey", "wrapKey");
    String rsaHsm = cmk.createKey("shapehsm", "rsahsm", "RSA-HSM");
    created("shapersahsm", rsaHsm);
    assertThat(cmk.encryption("shapersahsm").path("keyVaultProperties").path("versionedKeyIdentifier").asText())
        .isEqualTo(rsaHsm);
    byte[] layer = UUID.randomUUID().toString().getBytes();
    cmk.oci().pushImage("shapersahsm/app", "v1", "{}".getBytes(), List.of(layer), Map.of());
    assertThat(cmk.oci().get("/v2/shapersahsm/app/blobs/" + OciClient.sha256(layer)).body()).isEqualTo(layer);

    String ecHsm = cmk.createKey("shapehsm", "echsm", "EC-HSM");
    assertThat(assertError(cmk.putRegistry("shapeechsm", cmkBody("Premium", identity.path("id").asText(), clientId(),
        ecHsm)), 400, "UnsupportedKeyType")).contains("EC-HSM").contains("only RSA or RSA-HSM keys");
    assertThat(cmk.server.managementRaw("GET", cmk.registryPath("shapeechsm"), null).statusCode()).isEqualTo(404);
  }

  @Test
  void firewalledVaultAtCreation_givesTheDocumentedFailedToAccessMessage() throws Exception {
    JsonNode walled = cmk.identity("shapewalledid");
    cmk.vault("shapewalled");
    cmk.setPolicy("shapewalled", walled.path("principalId").asText(), "get", "unwrapKey", "wrapKey");
    String kid = cmk.createKey("shapewalled", "key", "RSA");
    cmk.firewall("shapewalled", "Deny");
    assertThat(cmk.refusedCreation("shapewalled", walled, kid))
        .startsWith(failedToAccess(kid, walled.path("clientId").asText()));
  }

  // ---- 2: revocation

  @Test
  void revocation_leavesStatusEnabledAndTheKeyPropertiesAsTheyWere_onlyKeyHealthTells() throws Exception {
    JsonNode revoked = cmk.identity("shaperevokedid");
    String principal = revoked.path("principalId").asText();
    cmk.setPolicy(VAULT, principal, "get", "unwrapKey", "wrapKey");
    HttpResponse<byte[]> r = cmk.putRegistry("shaperevoke", cmkBody("Premium", revoked.path("id").asText(),
        revoked.path("clientId").asText(), keyId));
    assertThat(r.statusCode()).as(CmkServer.text(r)).isEqualTo(201);
    byte[] layer = UUID.randomUUID().toString().getBytes();
    cmk.oci().pushImage("shaperevoke/app", "v1", "{}".getBytes(), List.of(layer), Map.of());
    JsonNode before = cmk.encryption("shaperevoke");

    cmk.deletePolicy(VAULT, principal);
    String path = "/v2/shaperevoke/app/blobs/" + OciClient.sha256(layer);
    CmkServer.eventually(10, () -> cmk.oci().get(path).statusCode() == 403);
    JsonNode during = cmk.encryption("shaperevoke");
    assertThat(during.path("status").asText()).isEqualTo("enabled");
    assertThat(during.path("keyVaultProperties")).isEqualTo(before.path("keyVaultProperties"));
    assertThat(during.path("keyHealth").path("status").asText()).isEqualTo("AccessDenied");

    cmk.setPolicy(VAULT, principal, "get", "unwrapKey", "wrapKey");
    CmkServer.eventually(10, () -> cmk.oci().get(path).statusCode() == 200);
    assertThat(cmk.encryption("shaperevoke").path("keyHealth").path("status").asText()).isEqualTo("Healthy");
  }

  @Test
  void inactiveIdentity_403_carriesTheDocumentedSentence() throws Exception {
    JsonNode gone = cmk.identity("shapegoneid");
    cmk.setPolicy(VAULT, gone.path("principalId").asText(), "get", "unwrapKey", "wrapKey");
    HttpResponse<byte[]> r = cmk.putRegistry("shapegone", cmkBody("Premium", gone.path("id").asText(),
        gone.path("clientId").asText(), keyId));
    assertThat(r.statusCode()).as(CmkServer.text(r)).isEqualTo(201);
    byte[] layer = UUID.randomUUID().toString().getBytes();
    cmk.oci().pushImage("shapegone/app", "v1", "{}".getBytes(), List.of(layer), Map.of());
    cmk.server.management("DELETE", cmk.group + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/"
        + "shapegoneid", null);

    String path = "/v2/shapegone/app/blobs/" + OciClient.sha256(layer);
    CmkServer.eventually(10, () -> cmk.oci().get(path).statusCode() == 403);
    JsonNode error = Json.parse(cmk.oci().get(path).body()).path("errors").get(0);
    assertThat(error.path("code").asText()).isEqualTo("DENIED");
    assertThat(error.path("message").asText()).contains("The identity associated with the registry is inactive. "
        + "This could be due to attempted removal of the identity. Reassign the identity manually.");
    assertThat(cmk.encryption("shapegone").path("status").asText()).isEqualTo("enabled");
    assertThat(cmk.encryption("shapegone").path("keyHealth").path("status").asText()).isEqualTo("IdentityInactive");
  }

  // ---- 1c and 1d: what the CLI prints for the identity and the key

  @Test
  void identityCreate_printsExactlyTheDocumentedFields() {
    JsonNode mi = CliRun.ok(cli(), "identity", "create", "--resource-group", CmkServer.GROUP, "--name", "shapecli")
        .json();
    assertThat(names(mi)).containsExactlyInAnyOrder("clientId", "clientSecretUrl", "id", "location", "name",
        "principalId", "resourceGroup", "tags", "tenantId", "type");
    String clientId = mi.path("clientId").asText();
    String principalId = mi.path("principalId").asText();
    assertThat(clientId).matches("[0-9a-f-]{36}");
    assertThat(principalId).matches("[0-9a-f-]{36}").isNotEqualTo(clientId);
    assertThat(mi.path("tenantId").asText()).isEqualTo(cmk.tenant);
    assertThat(mi.path("id").asText()).isEqualTo("/subscriptions/" + cmk.server.subscription + "/resourcegroups/"
        + CmkServer.GROUP + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/shapecli");
    assertThat(mi.path("clientSecretUrl").asText()).isEqualTo(cmk.server.server.url() + mi.path("id").asText()
        + "/credentials?tid=" + cmk.tenant + "&oid=" + principalId + "&aid=" + clientId);
    assertThat(mi.path("location").asText()).isEqualTo("westeurope");
    assertThat(mi.path("name").asText()).isEqualTo("shapecli");
    assertThat(mi.path("resourceGroup").asText()).isEqualTo(CmkServer.GROUP);
    assertThat(mi.path("tags")).isEqualTo(Json.object());
    assertThat(mi.path("type").asText()).isEqualTo("Microsoft.ManagedIdentity/userAssignedIdentities");
  }

  @Test
  void keyvaultKeyCreate_printsTheDocumentedKeyObject() {
    JsonNode out = CliRun.ok(cli(), "keyvault", "key", "create", "--name", "shapeclikey", "--vault-name", VAULT)
        .json();
    assertThat(names(out)).containsExactlyInAnyOrder("attributes", "key", "managed", "releasePolicy", "tags");
    for (String field : List.of("managed", "releasePolicy", "tags")) {
      assertThat(out.path(field).isNull()).as(field).isTrue();
    }
    JsonNode key = out.path("key");
    assertThat(names(key)).containsExactlyInAnyOrder("crv", "d", "dp", "dq", "e", "k", "keyOps", "kid", "kty", "n",
        "p", "q", "qi", "t", "x", "y");
    for (String field : List.of("crv", "d", "dp", "dq", "k", "p", "q", "qi", "t", "x", "y")) {
      assertThat(key.path(field).isNull()).as(field).isTrue();
    }
    assertThat(key.path("e").asText()).isEqualTo("AQAB");
    assertThat(key.path("n").asText()).matches("[A-Za-z0-9_-]{300,}");
    assertThat(key.path("kty").asText()).isEqualTo("RSA");
    assertThat(key.path("keyOps")).isEqualTo(Json.parse(
        "[\"encrypt\",\"decrypt\",\"sign\",\"verify\",\"wrapKey\",\"unwrapKey\"]"));
    // https://{vault-name}.{vault domain}/{object-type}/{object-name}/{32-hex version}
    assertThat(key.path("kid").asText())
        .matches("https://" + VAULT + "\\.vault\\.localhost:\\d+/keys/shapeclikey/[0-9a-f]{32}");
    JsonNode attributes = out.path("attributes");
    assertThat(attributes.path("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
    assertThat(attributes.path("updated").asText()).isEqualTo(attributes.path("created").asText());
    assertThat(attributes.path("enabled").isBoolean()).isTrue();
    assertThat(attributes.path("enabled").asBoolean()).isTrue();
    assertThat(attributes.path("expires").isNull()).isTrue();
    assertThat(attributes.path("notBefore").isNull()).isTrue();
    assertThat(attributes.path("recoverableDays").isIntegralNumber()).isTrue();
    // 90 days of retention (the default) under purge protection
    assertThat(attributes.path("recoveryLevel").asText()).isEqualTo("Recoverable");
    assertThat(attributes.path("exportable").isBoolean()).isTrue();
    assertThat(attributes.path("exportable").asBoolean()).isFalse();
    assertThat(attributes.has("hsmPlatform")).isTrue();
  }
}
