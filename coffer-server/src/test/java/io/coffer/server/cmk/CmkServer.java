package io.coffer.server.cmk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.server.OciClient;
import io.coffer.server.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A {@code coffer serve --tls} with a short key-cache TTL, and the steps of the seed as raw HTTP:
 * identities, vaults, access policies, keys (vault data plane as the admin), registries with a
 * customer key, and OCI push and pull.
 */
final class CmkServer implements AutoCloseable {
  static final String GROUP = "cmkgroup";
  final TestServer server;
  final String group;
  final int port;
  final String tenant;
  private final String vaultToken;

  private CmkServer(TestServer server) throws Exception {
    this.server = server;
    this.group = "/subscriptions/" + server.subscription + "/resourceGroups/" + GROUP;
    this.port = java.net.URI.create(server.server.url()).getPort();
    server.management("PUT", group, Map.of("location", "westeurope"));
    this.tenant = server.management("GET", "/subscriptions/" + server.subscription, null).path("tenantId").asText();
    this.vaultToken = Json.parse(server.tokenRequest("grant_type=password&username=admin&password="
        + TestServer.ADMIN_PASSWORD + "&resource=" + URLEncoder.encode("https://vault.localhost",
            StandardCharsets.UTF_8)).body()).path("access_token").asText();
  }

  static CmkServer start(Path dir, Map<String, String> env) throws Exception {
    Map<String, String> all = new HashMap<>(env);
    all.put("COFFER_SERVER_TLS", "true");
    all.putIfAbsent("COFFER_ENCRYPTION_KEY_CACHE_TTL", "1s");
    return new CmkServer(TestServer.start(dir, all));
  }

  // ---- control plane

  /** A user-assigned identity, flattened as the CLI prints it: {id, principalId, clientId}. */
  JsonNode identity(String name) throws Exception {
    JsonNode m = server.management("PUT", group + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/"
        + name, Map.of("location", "westeurope"));
    com.fasterxml.jackson.databind.node.ObjectNode flat = Json.object();
    flat.put("id", m.path("id").asText());
    flat.put("principalId", m.path("properties").path("principalId").asText());
    flat.put("clientId", m.path("properties").path("clientId").asText());
    return flat;
  }

  /** A vault with purge protection, and the admin's own policy (as the creator). */
  JsonNode vault(String name) throws Exception {
    return server.management("PUT", vaultPath(name), Map.of("properties", Map.of("enablePurgeProtection", true)));
  }

  String vaultPath(String name) {
    return group + "/providers/Microsoft.KeyVault/vaults/" + name;
  }

  void setPolicy(String vault, String objectId, String... keyPermissions) throws Exception {
    server.management("PUT", vaultPath(vault) + "/accessPolicies/add", Map.of("properties", Map.of("accessPolicies",
        List.of(Map.of("tenantId", tenant, "objectId", objectId, "permissions", Map.of("keys",
            List.of(keyPermissions)))))));
  }

  void deletePolicy(String vault, String objectId) throws Exception {
    server.management("PUT", vaultPath(vault) + "/accessPolicies/remove", Map.of("properties", Map.of(
        "accessPolicies", List.of(Map.of("tenantId", tenant, "objectId", objectId, "permissions",
            Map.of("keys", List.of()))))));
  }

  void firewall(String vault, String defaultAction) throws Exception {
    server.management("PATCH", vaultPath(vault), Map.of("properties", Map.of("networkAcls",
        Map.of("defaultAction", defaultAction, "bypass", "AzureServices", "ipRules", List.of()))));
  }

  JsonNode auditEvents(String vault) throws Exception {
    return server.management("GET", vaultPath(vault) + "/auditEvents", null).path("value");
  }

  String registryPath(String name) {
    return group + "/providers/Microsoft.ContainerRegistry/registries/" + name;
  }

  String identityId(String name) {
    return "/subscriptions/" + server.subscription + "/resourcegroups/" + GROUP
        + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + name;
  }

  /** The body {@code acr create --identity --key-encryption-key --sku} sends. */
  static Map<String, Object> cmkBody(String sku, String identityId, String clientId, String keyId) {
    Map<String, Object> userAssigned = new LinkedHashMap<>();
    userAssigned.put(identityId, Map.of());
    Map<String, Object> kvp = new LinkedHashMap<>();
    kvp.put("identity", clientId);
    kvp.put("keyIdentifier", keyId);
    return Map.of("location", "westeurope", "sku", Map.of("name", sku),
        "identity", Map.of("type", "UserAssigned", "userAssignedIdentities", userAssigned),
        "properties", Map.of("adminUserEnabled", true, "encryption", Map.of("status", "enabled",
            "keyVaultProperties", kvp)));
  }

  HttpResponse<byte[]> putRegistry(String name, Object body) throws Exception {
    return server.managementRaw("PUT", registryPath(name), body);
  }

  /**
   * Creating registry {@code name} encrypted under {@code keyId} through {@code identity} is
   * refused with {@code KeyVaultAccessDenied} and leaves no registry; returns the error message.
   */
  String refusedCreation(String name, JsonNode identity, String keyId) throws Exception {
    String message = assertError(putRegistry(name, cmkBody("Premium", identity.path("id").asText(),
        identity.path("clientId").asText(), keyId)), 400, "KeyVaultAccessDenied");
    assertThat(server.managementRaw("GET", registryPath(name), null).statusCode()).isEqualTo(404);
    return message;
  }

  HttpResponse<byte[]> patchRegistry(String name, Object body) throws Exception {
    return server.managementRaw("PATCH", registryPath(name), body);
  }

  JsonNode registry(String name) throws Exception {
    return server.management("GET", registryPath(name), null);
  }

  JsonNode encryption(String name) throws Exception {
    return registry(name).path("properties").path("encryption");
  }

  // ---- vault data plane, as the admin

  HttpResponse<byte[]> vaultCall(String vault, String method, String path, String body) throws Exception {
    String sep = path.contains("?") ? "&" : "?";
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path + sep + "api-version=7.4"))
        .header("Host", vault + ".vault.localhost:" + port)
        .header("Authorization", "Bearer " + vaultToken)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    return server.send(b.build());
  }

  JsonNode vaultOk(String vault, String method, String path, String body) throws Exception {
    HttpResponse<byte[]> r = vaultCall(vault, method, path, body);
    assertThat(r.statusCode()).as(method + " " + path + " → " + new String(r.body(), StandardCharsets.UTF_8))
        .isBetween(200, 204);
    return r.body().length == 0 ? Json.object() : Json.parse(r.body());
  }

  /** Creates a key (or a new version of it); returns its versioned kid. */
  String createKey(String vault, String name, String kty) throws Exception {
    String body = kty.startsWith("EC") ? "{\"kty\":\"" + kty + "\",\"crv\":\"P-256\"}" : "{\"kty\":\"" + kty + "\"}";
    return vaultOk(vault, "POST", "/keys/" + name + "/create", body).path("key").path("kid").asText();
  }

  void enableKey(String vault, String name, String version, boolean enabled) throws Exception {
    vaultOk(vault, "PATCH", "/keys/" + name + "/" + version, "{\"attributes\":{\"enabled\":" + enabled + "}}");
  }

  static String versionless(String kid) {
    return kid.replaceAll("/[^/]*$", "");
  }

  static String version(String kid) {
    return kid.substring(kid.lastIndexOf('/') + 1);
  }

  // ---- registry data plane

  OciClient oci() {
    return new OciClient(server.http, server.server.url(), TestServer.basicAdmin());
  }

  /** Waits until {@code check} holds (it returns true), at most {@code seconds}. */
  static void eventually(int seconds, Callable<Boolean> check) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (true) {
      if (check.call()) return;
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within " + seconds + " s");
      Thread.sleep(200);
    }
  }

  static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  /** The sentence that closes every CMK error message of the seed. */
  static final String HELP = "For more information on bring your own key, please visit 'https://aka.ms/acr/cmk'.";

  /** The seed's message when the identity cannot use the key (permission missing or firewall). */
  static String failedToAccess(String keyId, String clientId) {
    return "Failed to access KeyId '" + keyId + "'. Verify that identity '" + clientId
        + "' has 'Get, Wrap Key, Unwrap Key' permission on key '" + keyId + "'. " + HELP;
  }

  /** The response is {@code {"error":{"code","message"}}} with that status; returns the message. */
  static String assertError(HttpResponse<byte[]> r, int status, String code) {
    assertThat(r.statusCode()).as(text(r)).isEqualTo(status);
    JsonNode error = Json.parse(r.body()).path("error");
    assertThat(error.path("code").asText()).as(text(r)).isEqualTo(code);
    return error.path("message").asText();
  }

  @Override
  public void close() {
    server.close();
  }
}
