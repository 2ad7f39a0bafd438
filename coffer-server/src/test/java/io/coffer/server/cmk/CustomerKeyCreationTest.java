package io.coffer.server.cmk;

import static io.coffer.server.cmk.CmkServer.HELP;
import static io.coffer.server.cmk.CmkServer.assertError;
import static io.coffer.server.cmk.CmkServer.cmkBody;
import static io.coffer.server.cmk.CmkServer.failedToAccess;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.server.OciClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Creating a registry with a customer-managed key over {@code --tls}: the data key is wrapped by the
 * vault key through the vault's HTTP API with the identity's token, content round-trips, and every
 * rule of the seed refuses what it must with its message, storing nothing.
 */
class CustomerKeyCreationTest {
  @TempDir static Path dir;
  static CmkServer cmk;
  static JsonNode identity;
  static String keyId;

  @BeforeAll
  static void start() throws Exception {
    cmk = CmkServer.start(dir, Map.of());
    identity = cmk.identity("cmkidentity");
    cmk.vault("cmkvault");
    cmk.setPolicy("cmkvault", identity.path("principalId").asText(), "get", "unwrapKey", "wrapKey");
    keyId = cmk.createKey("cmkvault", "cmkkey", "RSA");
  }

  @AfterAll
  static void stop() {
    cmk.close();
  }

  static Map<String, Object> body(String sku, String keyId) {
    return cmkBody(sku, identity.path("id").asText(), identity.path("clientId").asText(), keyId);
  }

  @Test
  void create_withUserAssignedIdentityAndRsaKey_encryptsUnderTheKey_andContentRoundTrips() throws Exception {
    HttpResponse<byte[]> created = cmk.putRegistry("cmkregistry", body("Premium", keyId));
    assertThat(created.statusCode()).as(CmkServer.text(created)).isEqualTo(201);
    JsonNode r = Json.parse(created.body());
    JsonNode enc = r.path("properties").path("encryption");
    String rotatedAt = enc.path("keyVaultProperties").path("lastKeyRotationTimestamp").asText();
    assertThat(Instant.parse(rotatedAt)).isBefore(Instant.now().plusSeconds(1));
    assertThat(enc).isEqualTo(Json.parse("{\"keyHealth\":{\"lastError\":null,\"lastErrorTime\":null,"
        + "\"status\":\"Healthy\"},\"keyVaultProperties\":{\"identity\":\"" + identity.path("clientId").asText()
        + "\",\"keyIdentifier\":\"" + keyId + "\",\"keyRotationEnabled\":false,\"lastKeyRotationTimestamp\":\""
        + rotatedAt + "\",\"versionedKeyIdentifier\":\"" + keyId + "\"},\"status\":\"enabled\"}"));
    JsonNode id = r.path("identity");
    assertThat(id.path("type").asText()).isEqualTo("UserAssigned");
    assertThat(id.path("principalId").isNull()).isTrue();
    JsonNode assigned = id.path("userAssignedIdentities").path(identity.path("id").asText());
    assertThat(assigned.path("clientId").asText()).isEqualTo(identity.path("clientId").asText());
    assertThat(assigned.path("principalId").asText()).isEqualTo(identity.path("principalId").asText());
    assertThat(cmk.registry("cmkregistry").path("properties").path("encryption")).isEqualTo(enc);

    OciClient oci = cmk.oci();
    byte[] layer = "customer-keyed layer".getBytes(StandardCharsets.UTF_8);
    oci.pushImage("cmkregistry/app", "v1", "{}".getBytes(StandardCharsets.UTF_8), List.of(layer), Map.of());
    HttpResponse<byte[]> pulled = oci.get("/v2/cmkregistry/app/blobs/" + OciClient.sha256(layer));
    assertThat(pulled.statusCode()).isEqualTo(200);
    assertThat(pulled.body()).isEqualTo(layer);

    // The registry is a vault client like any other: its calls are audited under its identity.
    JsonNode events = cmk.auditEvents("cmkvault");
    String principal = identity.path("principalId").asText();
    for (String op : List.of("KeyGet", "KeyWrap", "KeyUnwrap")) {
      assertThat(events).as(op).anySatisfy(e -> {
        assertThat(e.path("operation").asText()).isEqualTo(op);
        assertThat(e.path("callerObjectId").asText()).isEqualTo(principal);
        assertThat(e.path("result").asText()).startsWith("200");
      });
    }
  }

  @Test
  void create_withBasicSku_isRefused_andNothingIsStored() throws Exception {
    String message = assertError(cmk.putRegistry("cmkbasic", body("Basic", keyId)), 400, "CMKNotSupportedForSku");
    assertThat(message).contains("Premium");
    assertThat(cmk.server.managementRaw("GET", cmk.registryPath("cmkbasic"), null).statusCode()).isEqualTo(404);
  }

  @Test
  void create_withEcKey_isRefused_onlyRsaOrRsaHsm() throws Exception {
    String ec = cmk.createKey("cmkvault", "eckey", "EC");
    String message = assertError(cmk.putRegistry("cmkec", body("Premium", ec)), 400, "UnsupportedKeyType");
    assertThat(message).contains("only RSA or RSA-HSM keys");
    assertThat(cmk.server.managementRaw("GET", cmk.registryPath("cmkec"), null).statusCode()).isEqualTo(404);
  }

  @Test
  void create_withIdentityWithoutPermission_givesTheSeedsMessage() throws Exception {
    JsonNode other = cmk.identity("nopolicy");
    assertThat(cmk.refusedCreation("cmknoperm", other, keyId))
        .startsWith(failedToAccess(keyId, other.path("clientId").asText()));
  }

  @Test
  void create_withGetButNoUnwrapPermission_isRefused() throws Exception {
    JsonNode partial = cmk.identity("partialpolicy");
    cmk.setPolicy("cmkvault", partial.path("principalId").asText(), "get", "wrapKey");
    assertThat(cmk.refusedCreation("cmkpartial", partial, keyId))
        .contains("'Get, Wrap Key, Unwrap Key'").contains("unwrapKey");
  }

  @Test
  void create_withKeyOfAnotherDomain_isRefused() throws Exception {
    String foreign = "https://cmkvault.vault.azure.net/keys/cmkkey/" + CmkServer.version(keyId);
    String message = assertError(cmk.putRegistry("cmkforeign", body("Premium", foreign)), 400, "InvalidKeyIdentifier");
    assertThat(message).contains(foreign);
  }

  @Test
  void create_withUnknownKey_isRefused() throws Exception {
    String missing = CmkServer.versionless(CmkServer.versionless(keyId)) + "/nosuchkey";
    assertError(cmk.putRegistry("cmkmissing", body("Premium", missing)), 400, "KeyVaultKeyNotFound");
  }

  @Test
  void create_withContentTrust_isRefused() throws Exception {
    Map<String, Object> b = new HashMap<>(body("Premium", keyId));
    Map<String, Object> props = new HashMap<>(castMap(b.get("properties")));
    props.put("policies", Map.of("trustPolicy", Map.of("type", "Notary", "status", "enabled")));
    b.put("properties", props);
    String message = assertError(cmk.putRegistry("cmktrust", b), 400, "BlockedForEncryptionEnabledRegistry");
    assertThat(message).isEqualTo("this feature 'ContentTrust' is currently not supported when encryption is enable "
        + "for the resource cmktrust");
  }

  @Test
  void existingRegistry_encryptionRules() throws Exception {
    assertThat(cmk.putRegistry("plainreg", Map.of("sku", Map.of("name", "Premium"))).statusCode()).isEqualTo(201);
    assertThat(cmk.encryption("plainreg")).isEqualTo(Json.parse("{\"keyVaultProperties\":null,\"status\":\"disabled\"}"));
    String late = assertError(cmk.patchRegistry("plainreg", Map.of("properties", Map.of("encryption",
        Map.of("status", "enabled", "keyVaultProperties", Map.of("keyIdentifier", keyId,
            "identity", identity.path("clientId").asText()))))), 400, "CMKCanOnlyBeEnabledAtCreation");
    assertThat(late).startsWith("Customer-managed key encryption can only be enabled when the registry is created.");
    String rotate = assertError(cmk.patchRegistry("plainreg", Map.of("properties", Map.of("encryption",
        Map.of("keyVaultProperties", Map.of("keyIdentifier", keyId))))), 400, "InvalidEncryptionProperties");
    assertThat(rotate).isEqualTo("key rotation is only applicable to registries with CMK enabled");
    assertThat(cmk.encryption("plainreg").path("status").asText()).isEqualTo("disabled");

    assertThat(cmk.putRegistry("cmkrules", body("Premium", keyId)).statusCode()).isEqualTo(201);
    JsonNode before = cmk.registry("cmkrules");
    String disable = assertError(cmk.patchRegistry("cmkrules", Map.of("properties", Map.of("encryption",
        Map.of("status", "disabled")))), 400, "CMKCannotBeDisabled");
    assertThat(disable).contains("cannot be disabled");
    String trust = assertError(cmk.patchRegistry("cmkrules", Map.of("properties", Map.of("policies",
        Map.of("trustPolicy", Map.of("status", "enabled"))))), 400, "BlockedForEncryptionEnabledRegistry");
    assertThat(trust).isEqualTo("this feature 'ContentTrust' is currently not supported when encryption is enable "
        + "for the resource cmkrules");
    assertError(cmk.patchRegistry("cmkrules", Map.of("sku", Map.of("name", "Standard"))), 400, "CMKNotSupportedForSku");

    // The identity the encryption uses cannot be removed; the seed's message points at 'identity assign'.
    Map<String, Object> removal = new HashMap<>();
    removal.put(identity.path("id").asText(), null);
    String removed = assertError(cmk.patchRegistry("cmkrules", Map.of("identity", Map.of("type", "UserAssigned",
        "userAssignedIdentities", removal))), 400, "InvalidIdentity");
    assertThat(removed).isEqualTo("Azure resource '" + before.path("id").asText() + "' does not have access to "
        + "identity '" + identity.path("clientId").asText() + "' Try forcibly adding the identity to the registry "
        + "cmkrules. " + HELP);
    String none = assertError(cmk.patchRegistry("cmkrules", Map.of("identity", Map.of("type", "None"))), 400,
        "InvalidIdentity");
    assertThat(none).isEqualTo(removed);
    assertThat(cmk.registry("cmkrules")).isEqualTo(before);
    // Assigning it again (the seed's fix) is accepted and changes nothing.
    HttpResponse<byte[]> assign = cmk.patchRegistry("cmkrules", Map.of("identity", Map.of("type", "UserAssigned",
        "userAssignedIdentities", Map.of(identity.path("id").asText(), Map.of()))));
    assertThat(assign.statusCode()).as(CmkServer.text(assign)).isEqualTo(200);
    assertThat(Json.parse(assign.body()).path("identity")).isEqualTo(before.path("identity"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> castMap(Object o) {
    return (Map<String, Object>) o;
  }
}
