package io.coffer.server.cmk;

import static io.coffer.server.cmk.CmkServer.cmkBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.server.OciClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revoking the registry's access to its key (policy removed, key disabled or deleted, vault
 * firewall, identity gone) stops every data operation within the key-cache TTL (1 s here) with an
 * error that names the cause, and key health says so; restoring access brings the registry back
 * without a restart and with nothing lost.
 */
class CustomerKeyRevocationTest {
  @TempDir static Path dir;
  static CmkServer cmk;

  @BeforeAll
  static void start() throws Exception {
    cmk = CmkServer.start(dir, Map.of());
  }

  @AfterAll
  static void stop() {
    cmk.close();
  }

  /** A registry on its own identity, vault and key, with one image pushed; returns the image's layer. */
  record Setup(JsonNode identity, String keyId, byte[] layer) {
    String principal() {
      return identity.path("principalId").asText();
    }
  }

  static Setup setup(String name) throws Exception {
    JsonNode identity = cmk.identity(name + "id");
    cmk.vault(name + "kv");
    cmk.setPolicy(name + "kv", identity.path("principalId").asText(), "get", "unwrapKey", "wrapKey");
    String kid = cmk.createKey(name + "kv", "key", "RSA");
    HttpResponse<byte[]> r = cmk.putRegistry(name, cmkBody("Premium", identity.path("id").asText(),
        identity.path("clientId").asText(), kid));
    assertThat(r.statusCode()).as(CmkServer.text(r)).isEqualTo(201);
    byte[] layer = UUID.randomUUID().toString().getBytes();
    cmk.oci().pushImage(name + "/app", "v1", "{}".getBytes(), List.of(layer), Map.of());
    return new Setup(identity, kid, layer);
  }

  static HttpResponse<byte[]> pull(String registry, byte[] layer) throws Exception {
    return cmk.oci().get("/v2/" + registry + "/app/blobs/" + OciClient.sha256(layer));
  }

  static HttpResponse<byte[]> pullManifest(String registry) throws Exception {
    return cmk.server.send(cmk.server.registry("/v2/" + registry + "/app/manifests/v1")
        .header("Accept", "application/vnd.oci.image.manifest.v1+json").GET().build());
  }

  static HttpResponse<byte[]> pushBlob(String registry) throws Exception {
    return cmk.server.send(cmk.server.registry("/v2/" + registry + "/app/blobs/uploads/")
        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
  }

  /** Within the TTL and a margin, a pull is refused with OCI's DENIED; returns its message. */
  static String refusedWithin(String registry, byte[] layer) throws Exception {
    long revokedAt = System.nanoTime();
    CmkServer.eventually(5, () -> pull(registry, layer).statusCode() != 200);
    assertThat((System.nanoTime() - revokedAt) / 1_000_000).as("ms until refused").isLessThan(3000);
    // Every read is refused with OCI's error body naming the cause: manifest and blob GET, blob HEAD.
    String message = deniedMessage(pullManifest(registry));
    assertThat(deniedMessage(pull(registry, layer))).isEqualTo(message);
    HttpResponse<byte[]> head = cmk.server.send(cmk.server.registry("/v2/" + registry + "/app/blobs/"
        + OciClient.sha256(layer)).method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
    assertThat(head.statusCode()).isEqualTo(403);
    // Pushes stop too; their refusal carries the whole message.
    HttpResponse<byte[]> push = pushBlob(registry);
    if (push.statusCode() == 202) {
      push = cmk.server.send(cmk.server.registry(OciClientPaths.location(push) + "&digest="
          + OciClient.sha256(new byte[] {1})).PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[] {1}))
          .build());
    }
    assertThat(deniedMessage(push)).isEqualTo(message);
    return message;
  }

  static String deniedMessage(HttpResponse<byte[]> r) {
    assertThat(r.statusCode()).as(CmkServer.text(r)).isEqualTo(403);
    JsonNode error = Json.parse(r.body()).path("errors").get(0);
    assertThat(error.path("code").asText()).isEqualTo("DENIED");
    return error.path("message").asText();
  }

  static void servesAgain(String registry, byte[] layer) throws Exception {
    CmkServer.eventually(5, () -> pull(registry, layer).statusCode() == 200);
    assertThat(pull(registry, layer).body()).isEqualTo(layer);
    assertThat(pullManifest(registry).statusCode()).isEqualTo(200);
    cmk.oci().pushImage(registry + "/app", "v2", "{}".getBytes(), List.of(UUID.randomUUID().toString().getBytes()),
        Map.of());
    assertThat(cmk.encryption(registry).path("keyHealth").path("status").asText()).isEqualTo("Healthy");
  }

  static JsonNode health(String registry) throws Exception {
    return cmk.encryption(registry).path("keyHealth");
  }

  @Test
  void deletePolicy_stopsPullsAndPushes_namingThePolicy_thenSetPolicyRestores() throws Exception {
    Setup s = setup("revpolicy");
    assertThat(pull("revpolicy", s.layer()).statusCode()).isEqualTo(200);
    cmk.deletePolicy("revpolicykv", s.principal());
    String message = refusedWithin("revpolicy", s.layer());
    assertThat(message).contains("access denied").contains("access policies").contains(s.principal());
    JsonNode health = health("revpolicy");
    assertThat(health.path("status").asText()).isEqualTo("AccessDenied");
    assertThat(health.path("lastError").asText()).contains("access policies");
    assertThat(Instant.parse(health.path("lastErrorTime").asText())).isBefore(Instant.now().plusSeconds(1));

    cmk.setPolicy("revpolicykv", s.principal(), "get", "unwrapKey", "wrapKey");
    servesAgain("revpolicy", s.layer());
    assertThat(health("revpolicy").path("lastError").asText()).contains("access policies");
  }

  @Test
  void keyDisabled_thenEnabled() throws Exception {
    Setup s = setup("revdisabled");
    cmk.enableKey("revdisabledkv", "key", CmkServer.version(s.keyId()), false);
    String message = refusedWithin("revdisabled", s.layer());
    assertThat(message).contains("key disabled").contains("is disabled");
    assertThat(health("revdisabled").path("status").asText()).isEqualTo("KeyDisabled");
    cmk.enableKey("revdisabledkv", "key", CmkServer.version(s.keyId()), true);
    servesAgain("revdisabled", s.layer());
  }

  @Test
  void keyDeleted_thenRecovered() throws Exception {
    Setup s = setup("revdeleted");
    cmk.vaultOk("revdeletedkv", "DELETE", "/keys/key", null);
    String message = refusedWithin("revdeleted", s.layer());
    assertThat(message).contains("key not found").contains("deleted");
    assertThat(health("revdeleted").path("status").asText()).isEqualTo("KeyNotFound");
    cmk.vaultOk("revdeletedkv", "POST", "/deletedkeys/key/recover", null);
    servesAgain("revdeleted", s.layer());
  }

  @Test
  void firewall_refusesTheUserAssignedIdentity_theSystemIdentityBypassesIt() throws Exception {
    Setup s = setup("revfirewall");
    cmk.firewall("revfirewallkv", "Deny");
    String message = refusedWithin("revfirewall", s.layer());
    assertThat(message).contains("firewall").contains("trusted service");
    assertThat(health("revfirewall").path("status").asText()).isEqualTo("AccessDenied");

    // The seed's advanced scenario: system identity, its policy, bypass AzureServices, rotate.
    HttpResponse<byte[]> assigned = cmk.patchRegistry("revfirewall", Map.of("identity", Map.of(
        "type", "SystemAssigned, UserAssigned")));
    assertThat(assigned.statusCode()).as(CmkServer.text(assigned)).isEqualTo(200);
    String system = Json.parse(assigned.body()).path("identity").path("principalId").asText();
    cmk.setPolicy("revfirewallkv", system, "get", "unwrapKey", "wrapKey");
    HttpResponse<byte[]> rotated = cmk.patchRegistry("revfirewall", Map.of("properties", Map.of("encryption",
        Map.of("keyVaultProperties", Map.of("keyIdentifier", s.keyId(), "identity", "[system]")))));
    assertThat(rotated.statusCode()).as(CmkServer.text(rotated)).isEqualTo(200);
    servesAgain("revfirewall", s.layer());
    assertThat(cmk.encryption("revfirewall").path("keyVaultProperties").path("identity").asText()).isEqualTo("system");

    // Back to the user-assigned identity behind the firewall: refused, naming the firewall.
    HttpResponse<byte[]> back = cmk.patchRegistry("revfirewall", Map.of("properties", Map.of("encryption",
        Map.of("keyVaultProperties", Map.of("keyIdentifier", s.keyId(), "identity",
            s.identity().path("clientId").asText())))));
    assertThat(CmkServer.assertError(back, 400, "KeyVaultAccessDenied")).contains("firewall");
  }

  @Test
  void identityDeleted_isInactive_namedInTheSeedsWords() throws Exception {
    Setup s = setup("revidentity");
    cmk.server.management("DELETE", cmk.group + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/"
        + "revidentityid", null);
    String message = refusedWithin("revidentity", s.layer());
    assertThat(message).contains("identity inactive").contains("does not have access to identity '"
        + s.identity().path("clientId").asText() + "' Try forcibly adding the identity to the registry revidentity.");
    assertThat(health("revidentity").path("status").asText()).isEqualTo("IdentityInactive");
  }
}
