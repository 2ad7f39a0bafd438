package io.coffer.server.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.server.TestServer;
import io.coffer.vault.access.KeyVaultRole;
import io.coffer.vault.vaults.KeyPermission;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every data-plane operation, called over HTTP by a user who lacks exactly its permission (refused
 * with 403) and by one who holds it (served): by access policy, and by role on an RBAC vault.
 * This pins the operation → permission mapping of the edge, not only the authorizer's logic.
 */
class VaultPermissionMatrixTest {
  @TempDir static Path dir;
  static TestServer server;
  static String group;
  static String adminId;
  static String daveId;
  static String adminToken;
  static String daveToken;
  static int port;

  /** One operation: how to call it on a prepared key, and what it needs. */
  record Case(KeyPermission permission, String method, String path, String body, boolean needsDeletedKey) {}

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    port = java.net.URI.create(server.server.url()).getPort();
    group = "/subscriptions/" + server.subscription + "/resourceGroups/matrix";
    server.management("PUT", group, Map.of("location", "westeurope"));
    adminId = server.management("GET", "/v1.0/users/admin", null).path("id").asText();
    daveId = server.management("POST", "/v1.0/users", Map.of("userPrincipalName", "dave", "displayName", "Dave",
        "passwordProfile", Map.of("password", "dave-password"))).path("id").asText();
    adminToken = vaultToken("admin", TestServer.ADMIN_PASSWORD);
    daveToken = vaultToken("dave", "dave-password");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String vaultToken(String user, String password) throws Exception {
    return Json.parse(server.tokenRequest("grant_type=password&username=" + user + "&password=" + password
        + "&resource=" + URLEncoder.encode("https://vault.localhost", StandardCharsets.UTF_8)).body())
        .path("access_token").asText();
  }

  static HttpResponse<byte[]> call(String vault, String token, String method, String path, String body)
      throws Exception {
    String sep = path.contains("?") ? "&" : "?";
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path + sep + "api-version=7.6"))
        .header("Host", vault + ".vault.localhost:" + port)
        .header("Authorization", "Bearer " + token)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    return server.send(b.build());
  }

  static JsonNode ok(String vault, String method, String path, String body) throws Exception {
    HttpResponse<byte[]> r = call(vault, adminToken, method, path, body);
    assertThat(r.statusCode()).as(method + " " + path + ": " + new String(r.body(), StandardCharsets.UTF_8))
        .isBetween(200, 204);
    return r.body().length == 0 ? Json.object() : Json.parse(r.body());
  }

  /** An import request body: a fresh RSA key pair as a JSON Web Key. */
  static final String IMPORTED = importBody();

  static String importBody() {
    try {
      java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      var k = (java.security.interfaces.RSAPrivateCrtKey) g.generateKeyPair().getPrivate();
      return Json.string(Map.of("key", Map.of("kty", "RSA", "n", b64(k.getModulus()), "e", b64(k.getPublicExponent()),
          "d", b64(k.getPrivateExponent()), "p", b64(k.getPrimeP()), "q", b64(k.getPrimeQ()),
          "dp", b64(k.getPrimeExponentP()), "dq", b64(k.getPrimeExponentQ()), "qi", b64(k.getCrtCoefficient()))));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String b64(java.math.BigInteger i) {
    byte[] b = i.toByteArray();
    return b64(b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b);
  }

  static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Makes key {@code name} in {@code vault} and the inputs the cases need; deletes it when asked. */
  static List<Case> prepare(String vault, String name, boolean deleted) throws Exception {
    ok(vault, "POST", "/keys/" + name + "/create", "{\"kty\":\"RSA\",\"key_size\":2048}");
    String value = b64(new byte[32]);
    String wrapped = ok(vault, "POST", "/keys/" + name + "//wrapkey",
        "{\"alg\":\"RSA-OAEP-256\",\"value\":\"" + value + "\"}").path("value").asText();
    String signature = ok(vault, "POST", "/keys/" + name + "//sign",
        "{\"alg\":\"RS256\",\"value\":\"" + value + "\"}").path("value").asText();
    // A backup whose key is gone again, so that restoring it is possible.
    ok(vault, "POST", "/keys/" + name + "-b/create", "{\"kty\":\"EC\"}");
    String backup = ok(vault, "POST", "/keys/" + name + "-b/backup", null).path("value").asText();
    ok(vault, "DELETE", "/keys/" + name + "-b", null);
    ok(vault, "DELETE", "/deletedkeys/" + name + "-b", null);
    if (deleted) ok(vault, "DELETE", "/keys/" + name, null);
    String k = "/keys/" + name;
    String crypt = "{\"alg\":\"RSA-OAEP-256\",\"value\":\"" + value + "\"}";
    String opened = "{\"alg\":\"RSA-OAEP-256\",\"value\":\"" + wrapped + "\"}";
    return List.of(
        new Case(KeyPermission.CREATE, "POST", "/keys/" + name + "-new/create", "{\"kty\":\"RSA\"}", false),
        new Case(KeyPermission.IMPORT, "PUT", "/keys/" + name + "-imported", IMPORTED, false),
        new Case(KeyPermission.BACKUP, "POST", k + "/backup", null, false),
        new Case(KeyPermission.RESTORE, "POST", "/keys/restore", "{\"value\":\"" + backup + "\"}", false),
        new Case(KeyPermission.GET, "GET", k + "/", null, false),
        new Case(KeyPermission.LIST, "GET", "/keys", null, false),
        new Case(KeyPermission.LIST, "GET", k + "/versions", null, false),
        new Case(KeyPermission.UPDATE, "PATCH", k + "/", "{\"attributes\":{\"enabled\":true}}", false),
        new Case(KeyPermission.DELETE, "DELETE", k, null, false),
        new Case(KeyPermission.LIST, "GET", "/deletedkeys", null, true),
        new Case(KeyPermission.GET, "GET", "/deletedkeys/" + name, null, true),
        new Case(KeyPermission.RECOVER, "POST", "/deletedkeys/" + name + "/recover", null, true),
        new Case(KeyPermission.PURGE, "DELETE", "/deletedkeys/" + name, null, true),
        new Case(KeyPermission.ENCRYPT, "POST", k + "//encrypt", crypt, false),
        new Case(KeyPermission.DECRYPT, "POST", k + "//decrypt", opened, false),
        new Case(KeyPermission.WRAP_KEY, "POST", k + "//wrapkey", crypt, false),
        new Case(KeyPermission.UNWRAP_KEY, "POST", k + "//unwrapkey", opened, false),
        new Case(KeyPermission.SIGN, "POST", k + "//sign", "{\"alg\":\"RS256\",\"value\":\"" + value + "\"}", false),
        new Case(KeyPermission.VERIFY, "POST", k + "//verify",
            "{\"alg\":\"RS256\",\"digest\":\"" + value + "\",\"value\":\"" + signature + "\"}", false),
        new Case(KeyPermission.ROTATE, "POST", k + "/rotate", null, false),
        new Case(KeyPermission.GET_ROTATION_POLICY, "GET", k + "/rotationpolicy", null, false),
        new Case(KeyPermission.SET_ROTATION_POLICY, "PUT", k + "/rotationpolicy",
            "{\"lifetimeActions\":[{\"trigger\":{\"timeAfterCreate\":\"P30D\"},\"action\":{\"type\":\"Rotate\"}}],"
                + "\"attributes\":{\"expiryTime\":\"P90D\"}}", false))
        .stream().filter(c -> c.needsDeletedKey() == deleted).toList();
  }

  static void setDavesPolicy(String vaultPath, String tenant, Set<KeyPermission> permissions) throws Exception {
    List<String> names = permissions.stream().map(KeyPermission::wireName).collect(Collectors.toList());
    server.management("PUT", vaultPath + "/accessPolicies/replace", Map.of("properties", Map.of("accessPolicies",
        List.of(Map.of("tenantId", tenant, "objectId", daveId, "permissions", Map.of("keys", names))))));
  }

  static void assertRefused(HttpResponse<byte[]> r, Case c) {
    assertThat(r.statusCode()).as("without " + c.permission().wireName() + ": " + c.method() + " " + c.path())
        .isEqualTo(403);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"Forbidden\"");
  }

  static void assertServed(HttpResponse<byte[]> r, Case c) {
    assertThat(r.statusCode()).as("with " + c.permission().wireName() + ": " + c.method() + " " + c.path() + " → "
        + new String(r.body(), StandardCharsets.UTF_8)).isBetween(200, 204);
  }

  @Test
  void accessPolicies_eachOperationNeedsExactlyItsPermission() throws Exception {
    JsonNode vault = server.management("PUT", group + "/providers/Microsoft.KeyVault/vaults/matrix",
        Map.of("properties", Map.of()));
    String vaultPath = vault.path("id").asText();
    String tenant = vault.path("properties").path("tenantId").asText();
    int n = 0;
    for (boolean deleted : List.of(false, true)) {
      int count = prepare("matrix", "probe" + n++, deleted).size();
      for (int i = 0; i < count; i++) {
        Case c = prepare("matrix", "k" + n++, deleted).get(i); // a fresh key for each operation
        EnumSet<KeyPermission> allBut = EnumSet.allOf(KeyPermission.class);
        allBut.remove(c.permission());
        setDavesPolicy(vaultPath, tenant, allBut);
        assertRefused(call("matrix", daveToken, c.method(), c.path(), c.body()), c);
        setDavesPolicy(vaultPath, tenant, EnumSet.of(c.permission()));
        assertServed(call("matrix", daveToken, c.method(), c.path(), c.body()), c);
      }
    }
  }

  @Test
  void rbac_eachOperationFollowsTheRolesThatIncludeIt() throws Exception {
    JsonNode vault = server.management("PUT", group + "/providers/Microsoft.KeyVault/vaults/matrixrbac",
        Map.of("properties", Map.of("enableRbacAuthorization", true)));
    String vaultId = vault.path("id").asText();
    assign(vaultId, adminId, KeyVaultRole.ADMINISTRATOR);
    List<KeyVaultRole> narrowToWide = List.of(KeyVaultRole.READER, KeyVaultRole.CRYPTO_SERVICE_ENCRYPTION_USER,
        KeyVaultRole.CRYPTO_USER, KeyVaultRole.CRYPTO_OFFICER);
    int n = 0;
    for (boolean deleted : List.of(false, true)) {
      int count = prepare("matrixrbac", "probe" + n++, deleted).size();
      for (int i = 0; i < count; i++) {
        Case c = prepare("matrixrbac", "k" + n++, deleted).get(i);
        KeyVaultRole with = narrowToWide.stream().filter(r -> r.permissions().contains(c.permission()))
            .findFirst().orElseThrow();
        KeyVaultRole without = narrowToWide.stream().filter(r -> !r.permissions().contains(c.permission()))
            .reduce((a, b) -> b).orElse(null); // the widest role that still lacks it, or none
        String refused = without == null ? null : assign(vaultId, daveId, without);
        assertRefused(call("matrixrbac", daveToken, c.method(), c.path(), c.body()), c);
        if (refused != null) server.management("DELETE", refused, null);
        String granted = assign(vaultId, daveId, with);
        assertServed(call("matrixrbac", daveToken, c.method(), c.path(), c.body()), c);
        server.management("DELETE", granted, null);
      }
    }
  }

  static String assign(String scope, String principal, KeyVaultRole role) throws Exception {
    String id = scope + "/providers/Microsoft.Authorization/roleAssignments/" + UUID.randomUUID();
    server.management("PUT", id, Map.of("properties", Map.of("roleDefinitionId", "/subscriptions/"
        + server.subscription + "/providers/Microsoft.Authorization/roleDefinitions/" + role.id(),
        "principalId", principal, "principalType", "User")));
    return id;
  }
}
