package io.coffer.server.cmk;

import static io.coffer.server.cmk.CmkServer.cmkBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.server.OciClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotation re-wraps the registry's data key under another key version or identity: content stays
 * byte-identical on disk (not one file rewritten, whatever the registry's size), the encryption
 * status tells what happened, and versionless key ids follow the vault's latest version.
 */
class CustomerKeyRotationTest {
  @TempDir static Path dir;
  static CmkServer cmk;
  static JsonNode identity;
  static String principal;

  @BeforeAll
  static void start() throws Exception {
    cmk = CmkServer.start(dir, Map.of("COFFER_ENCRYPTION_ROTATION_POLL_INTERVAL", "1s"));
    identity = cmk.identity("rotidentity");
    principal = identity.path("principalId").asText();
    cmk.vault("rotvault");
    cmk.setPolicy("rotvault", principal, "get", "unwrapKey", "wrapKey");
  }

  @AfterAll
  static void stop() {
    cmk.close();
  }

  static String create(String registry, String keyId) throws Exception {
    HttpResponse<byte[]> r = cmk.putRegistry(registry, cmkBody("Premium", identity.path("id").asText(),
        identity.path("clientId").asText(), keyId));
    assertThat(r.statusCode()).as(CmkServer.text(r)).isEqualTo(201);
    return Json.parse(r.body()).path("name").asText();
  }

  static JsonNode rotate(String registry, String keyId, String identityRef) throws Exception {
    HttpResponse<byte[]> r = cmk.patchRegistry(registry, Map.of("properties", Map.of("encryption", Map.of(
        "keyVaultProperties", Map.of("keyIdentifier", keyId, "identity", identityRef)))));
    assertThat(r.statusCode()).as(CmkServer.text(r)).isEqualTo(200);
    return Json.parse(r.body()).path("properties").path("encryption");
  }

  /** Every content file of the server: bytes' digest and modification time, by path. */
  static Map<String, String> contentFiles() throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(cmk.server.dataDir.resolve("content"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.put(f.toString(), OciClient.sha256(Files.readAllBytes(f)) + "@" + Files.getLastModifiedTime(f).toMillis());
      }
    }
    return out;
  }

  /** Calls on one key of the vault so far (other tests' registries poll other keys of the same vault). */
  static long vaultCalls(String vault, String key) throws Exception {
    JsonNode events = cmk.server.management("GET", cmk.vaultPath(vault) + "/auditEvents?$top=10000", null)
        .path("value");
    long n = 0;
    for (JsonNode e : events) if (key.equals(e.path("keyName").asText())) n++;
    return n;
  }

  @Test
  void manualRotation_toNewVersion_rewrapsOnly_contentUntouched() throws Exception {
    String v1 = cmk.createKey("rotvault", "manualkey", "RSA");
    create("rotmanual", v1);
    OciClient oci = cmk.oci();
    byte[] layer = new byte[3 << 20];
    new Random(1).nextBytes(layer);
    oci.pushImage("rotmanual/app", "v1", "{}".getBytes(), List.of(layer), Map.of());
    JsonNode before = cmk.encryption("rotmanual");
    Map<String, String> files = contentFiles();
    assertThat(files).isNotEmpty();

    String v2 = cmk.createKey("rotvault", "manualkey", "RSA");
    Thread.sleep(5); // rotation times are in milliseconds
    JsonNode after = rotate("rotmanual", v2, principal);
    JsonNode kvp = after.path("keyVaultProperties");
    assertThat(kvp.path("versionedKeyIdentifier").asText()).isEqualTo(v2);
    assertThat(kvp.path("keyIdentifier").asText()).isEqualTo(v2);
    assertThat(kvp.path("keyRotationEnabled").asBoolean()).isFalse();
    assertThat(kvp.path("identity").asText()).isEqualTo(identity.path("clientId").asText());
    assertThat(Instant.parse(kvp.path("lastKeyRotationTimestamp").asText()))
        .isAfter(Instant.parse(before.path("keyVaultProperties").path("lastKeyRotationTimestamp").asText()));
    assertThat(contentFiles()).isEqualTo(files);

    // Pulled after the cached key expires: the data key now comes from the new version.
    Thread.sleep(1200);
    assertThat(oci.get("/v2/rotmanual/app/blobs/" + OciClient.sha256(layer)).body()).isEqualTo(layer);
    JsonNode events = cmk.auditEvents("rotvault");
    assertThat(events).anySatisfy(e -> assertEvent(e, "KeyUnwrap", CmkServer.version(v1)));
    assertThat(events).anySatisfy(e -> assertEvent(e, "KeyWrap", CmkServer.version(v2)));
    assertThat(events).anySatisfy(e -> assertEvent(e, "KeyUnwrap", CmkServer.version(v2)));
  }

  static void assertEvent(JsonNode e, String operation, String version) {
    assertThat(e.path("operation").asText()).isEqualTo(operation);
    assertThat(e.path("keyVersion").asText()).isEqualTo(version);
    assertThat(e.path("callerObjectId").asText()).isEqualTo(principal);
    assertThat(e.path("result").asText()).startsWith("200");
  }

  @Test
  void rotation_costsTheSameForASmallAndALargerRegistry_andRewritesNoContentFile() throws Exception {
    String kid = cmk.createKey("rotvault", "costkey", "RSA");
    create("rotsmall", kid);
    create("rotlarge", kid);
    OciClient oci = cmk.oci();
    byte[] tenMiB = new byte[10 << 20];
    new Random(1).nextBytes(tenMiB);
    oci.pushImage("rotsmall/app", "v1", "{}".getBytes(), List.of(tenMiB), Map.of());
    byte[] layer = new byte[64 << 20];
    new Random(2).nextBytes(layer);
    for (int i = 0; i < 16; i++) { // 1 GiB in sixteen distinct 64 MiB layers
      layer[0] = (byte) i;
      oci.pushImage("rotlarge/app" + i, "v1", "{}".getBytes(), List.of(layer), Map.of());
    }
    String next = cmk.createKey("rotvault", "costkey", "RSA");
    Map<String, String> files = contentFiles();

    long callsBefore = vaultCalls("rotvault", "costkey");
    rotate("rotsmall", next, principal);
    long small = vaultCalls("rotvault", "costkey") - callsBefore;
    rotate("rotlarge", next, principal);
    long large = vaultCalls("rotvault", "costkey") - callsBefore - small;
    assertThat(small).isPositive();
    // The same vault work (read the key, unwrap the one data key, wrap it, check) for 10 MiB or 1 GiB.
    assertThat(large).isEqualTo(small);
    assertThat(contentFiles()).isEqualTo(files);
  }

  @Test
  void versionlessKeyId_followsTheLatestVersion_versionedDoesNot() throws Exception {
    String v1 = cmk.createKey("rotvault", "autokey", "RSA");
    create("rotauto", CmkServer.versionless(v1));
    create("rotpinned", v1);
    JsonNode auto = cmk.encryption("rotauto").path("keyVaultProperties");
    assertThat(auto.path("keyRotationEnabled").asBoolean()).isTrue();
    assertThat(auto.path("keyIdentifier").asText()).isEqualTo(CmkServer.versionless(v1));
    assertThat(auto.path("versionedKeyIdentifier").asText()).isEqualTo(v1);
    byte[] layer = UUID.randomUUID().toString().getBytes();
    cmk.oci().pushImage("rotauto/app", "v1", "{}".getBytes(), List.of(layer), Map.of());

    String v2 = cmk.createKey("rotvault", "autokey", "RSA");
    CmkServer.eventually(15, () -> cmk.encryption("rotauto").path("keyVaultProperties")
        .path("versionedKeyIdentifier").asText().equals(v2));
    JsonNode after = cmk.encryption("rotauto").path("keyVaultProperties");
    assertThat(Instant.parse(after.path("lastKeyRotationTimestamp").asText()))
        .isAfter(Instant.parse(auto.path("lastKeyRotationTimestamp").asText()));
    assertThat(after.path("keyIdentifier").asText()).isEqualTo(CmkServer.versionless(v1));
    Thread.sleep(2500); // several polling rounds
    assertThat(cmk.encryption("rotpinned").path("keyVaultProperties").path("versionedKeyIdentifier").asText())
        .isEqualTo(v1);
    Thread.sleep(1200);
    assertThat(cmk.oci().get("/v2/rotauto/app/blobs/" + OciClient.sha256(layer)).body()).isEqualTo(layer);
  }

  @Test
  void rotationToSystemIdentity_withItsOwnPolicy() throws Exception {
    String kid = cmk.createKey("rotvault", "syskey", "RSA");
    create("rotsystem", kid);
    byte[] layer = UUID.randomUUID().toString().getBytes();
    cmk.oci().pushImage("rotsystem/app", "v1", "{}".getBytes(), List.of(layer), Map.of());

    // Without the system identity turned on, [system] names nothing.
    HttpResponse<byte[]> early = cmk.patchRegistry("rotsystem", Map.of("properties", Map.of("encryption", Map.of(
        "keyVaultProperties", Map.of("keyIdentifier", kid, "identity", "[system]")))));
    assertThat(CmkServer.assertError(early, 400, "InvalidEncryptionIdentity")).contains("system-assigned");

    HttpResponse<byte[]> assigned = cmk.patchRegistry("rotsystem", Map.of("identity", Map.of(
        "type", "SystemAssigned, UserAssigned")));
    assertThat(assigned.statusCode()).as(CmkServer.text(assigned)).isEqualTo(200);
    JsonNode id = Json.parse(assigned.body()).path("identity");
    assertThat(id.path("type").asText()).isEqualTo("SystemAssigned, UserAssigned");
    String systemPrincipal = id.path("principalId").asText();
    assertThat(systemPrincipal).matches("[0-9a-f-]{36}").isNotEqualTo(principal);
    assertThat(id.path("tenantId").asText()).isEqualTo(cmk.tenant);

    // Its own policy is needed: without it the rotation is refused with the seed's message.
    HttpResponse<byte[]> refused = cmk.patchRegistry("rotsystem", Map.of("properties", Map.of("encryption", Map.of(
        "keyVaultProperties", Map.of("keyIdentifier", kid, "identity", "[system]")))));
    assertThat(CmkServer.assertError(refused, 400, "KeyVaultAccessDenied"))
        .startsWith(CmkServer.failedToAccess(kid, systemPrincipal));
    cmk.setPolicy("rotvault", systemPrincipal, "get", "unwrapKey", "wrapKey");
    JsonNode enc = rotate("rotsystem", kid, "[system]");
    assertThat(enc.path("keyVaultProperties").path("identity").asText()).isEqualTo("system");
    Thread.sleep(1200);
    assertThat(cmk.oci().get("/v2/rotsystem/app/blobs/" + OciClient.sha256(layer)).body()).isEqualTo(layer);
    assertThat(cmk.auditEvents("rotvault")).anySatisfy(e -> {
      assertThat(e.path("operation").asText()).isEqualTo("KeyUnwrap");
      assertThat(e.path("callerObjectId").asText()).isEqualTo(systemPrincipal);
    });

    // The system identity is a principal role assignments recognise.
    String scope = cmk.vaultPath("rotvault");
    HttpResponse<byte[]> role = cmk.server.managementRaw("PUT", scope + "/providers/Microsoft.Authorization/"
        + "roleAssignments/" + UUID.randomUUID(), Map.of("properties", Map.of("roleDefinitionId", "/subscriptions/"
        + cmk.server.subscription + "/providers/Microsoft.Authorization/roleDefinitions/"
        + "e147488a-f6f5-4113-8e2d-b22465e65bf6", "principalId", systemPrincipal)));
    assertThat(role.statusCode()).as(CmkServer.text(role)).isEqualTo(201);

    // Turning the system identity off while the encryption uses it is refused with the seed's message.
    HttpResponse<byte[]> off = cmk.patchRegistry("rotsystem", Map.of("identity", Map.of("type", "UserAssigned")));
    assertThat(CmkServer.assertError(off, 400, "InvalidIdentity")).contains("does not have access to identity '"
        + systemPrincipal + "'");
  }
}
