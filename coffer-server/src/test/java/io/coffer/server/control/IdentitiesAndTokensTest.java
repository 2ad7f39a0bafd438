package io.coffer.server.control;

import static io.coffer.server.control.Arm.assertError;
import static io.coffer.server.control.Arm.claims;
import static io.coffer.server.control.Arm.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.identity.TokenClaims;
import io.coffer.identity.TokenService;
import io.coffer.server.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Managed identities, directory users, resource tokens and identity tokens over real HTTP. */
class IdentitiesAndTokensTest {
  private static final String VAULT_RESOURCE = "https://vault.localhost";
  @TempDir static Path dir;
  static TestServer server;
  static String sub;
  static String tenant;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    sub = "/subscriptions/" + server.subscription;
    tenant = server.management("GET", sub, null).path("tenantId").asText();
    server.management("PUT", sub + "/resourcegroups/idgroup", Map.of("location", "westeurope"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String identityPath(String group, String name) {
    return sub + "/resourceGroups/" + group + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + name;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String signIn(String user, String password, String extra) throws Exception {
    HttpResponse<byte[]> r = server.tokenRequest("grant_type=password&username=" + enc(user) + "&password="
        + enc(password) + extra);
    assertThat(r.statusCode()).as(Arm.text(r)).isEqualTo(200);
    return json(r).path("access_token").asText();
  }

  private static JsonNode createUser(String upn, String password) throws Exception {
    HttpResponse<byte[]> r = server.send(HttpRequest.newBuilder(server.uri("/v1.0/users"))
        .header("Authorization", "Bearer " + server.adminToken()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"userPrincipalName\":\"" + upn + "\",\"displayName\":\"Someone\","
            + "\"passwordProfile\":{\"password\":\"" + password + "\"}}")).build());
    assertThat(r.statusCode()).as(Arm.text(r)).isEqualTo(201);
    return json(r);
  }

  private static HttpResponse<byte[]> graph(String token, String method, String path) throws Exception {
    return server.send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + token)
        .method(method, HttpRequest.BodyPublishers.noBody()).build());
  }

  private static HttpResponse<byte[]> metadata(String token, String query) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/metadata/identity/oauth2/token?" + query));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return server.send(b.GET().build());
  }

  @Test
  void identity_createShowListDelete_withTheSeedsFields() throws Exception {
    HttpResponse<byte[]> created = server.managementRaw("PUT", identityPath("idgroup", "myidentity"), Map.of());
    assertThat(created.statusCode()).as(Arm.text(created)).isEqualTo(201);
    JsonNode mi = json(created);
    String id = sub + "/resourcegroups/idgroup/providers/Microsoft.ManagedIdentity/userAssignedIdentities/myidentity";
    assertThat(mi.path("id").asText()).isEqualTo(id);
    assertThat(mi.path("name").asText()).isEqualTo("myidentity");
    assertThat(mi.path("type").asText()).isEqualTo("Microsoft.ManagedIdentity/userAssignedIdentities");
    assertThat(mi.path("location").asText()).isEqualTo("westeurope");
    assertThat(mi.path("tags").isObject()).isTrue();
    JsonNode props = mi.path("properties");
    String principalId = props.path("principalId").asText();
    String clientId = props.path("clientId").asText();
    assertThat(principalId).matches("[0-9a-f-]{36}").isNotEqualTo(clientId);
    assertThat(clientId).matches("[0-9a-f-]{36}");
    assertThat(props.path("tenantId").asText()).isEqualTo(tenant);
    assertThat(props.path("clientSecretUrl").asText()).isEqualTo(server.server.url() + id + "/credentials?tid="
        + tenant + "&oid=" + principalId + "&aid=" + clientId);

    // PUT again updates tags and keeps the ids.
    JsonNode again = server.management("PUT", identityPath("IDGROUP", "MyIdentity"), Map.of("tags", Map.of("a", "b")));
    assertThat(again.path("properties").path("principalId").asText()).isEqualTo(principalId);
    assertThat(again.path("tags").path("a").asText()).isEqualTo("b");
    JsonNode shown = server.management("GET", identityPath("idgroup", "myidentity"), null);
    assertThat(shown.path("properties").path("clientId").asText()).isEqualTo(clientId);
    assertThat(shown.path("tags").path("a").asText()).isEqualTo("b");

    JsonNode inGroup = server.management("GET", sub
        + "/resourceGroups/idgroup/providers/Microsoft.ManagedIdentity/userAssignedIdentities", null);
    assertThat(inGroup.path("value").findValuesAsText("name")).contains("myidentity");
    JsonNode inSub = server.management("GET", sub + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities", null);
    assertThat(inSub.path("value").findValuesAsText("name")).contains("myidentity");

    assertThat(server.managementRaw("DELETE", identityPath("idgroup", "myidentity"), null).statusCode()).isEqualTo(200);
    assertError(server.managementRaw("GET", identityPath("idgroup", "myidentity"), null), 404, "ResourceNotFound");
    assertThat(server.managementRaw("DELETE", identityPath("idgroup", "myidentity"), null).statusCode()).isEqualTo(204);
  }

  @Test
  void identity_badNameOrMissingGroup_isRefusedAndNothingIsStored() throws Exception {
    assertError(server.managementRaw("PUT", identityPath("idgroup", "x"), Map.of()), 400, "InvalidResourceName");
    assertError(server.managementRaw("PUT", identityPath("nogroup", "fine-name"), Map.of()), 404,
        "ResourceGroupNotFound");
    JsonNode inSub = server.management("GET", sub + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities", null);
    assertThat(inSub.path("value").findValuesAsText("name")).doesNotContain("x", "fine-name");
  }

  @Test
  void users_createListDelete_andTheNewUserSignsIn() throws Exception {
    JsonNode user = createUser("dev@coffer.test", "dev-password-1");
    assertThat(user.path("userPrincipalName").asText()).isEqualTo("dev@coffer.test");
    assertThat(user.path("displayName").asText()).isEqualTo("Someone");
    assertThat(user.path("accountEnabled").asBoolean()).isTrue();
    String id = user.path("id").asText();

    HttpResponse<byte[]> list = graph(server.adminToken(), "GET", "/v1.0/users");
    assertThat(json(list).path("value").findValuesAsText("userPrincipalName")).contains("admin", "dev@coffer.test");
    assertThat(json(graph(server.adminToken(), "GET", "/v1.0/users/dev@coffer.test")).path("id").asText())
        .isEqualTo(id);
    assertThat(json(graph(server.adminToken(), "GET", "/v1.0/users/" + id)).path("userPrincipalName").asText())
        .isEqualTo("dev@coffer.test");

    String token = signIn("dev@coffer.test", "dev-password-1", "");
    assertError(graph(token, "GET", "/v1.0/users"), 403, "Authorization_RequestDenied");
    assertError(server.managementRaw(token, "GET", sub + "/resourcegroups", null), 403, "AuthorizationFailed");

    assertThat(graph(server.adminToken(), "DELETE", "/v1.0/users/" + id).statusCode()).isEqualTo(204);
    assertError(graph(server.adminToken(), "GET", "/v1.0/users/" + id), 404, "Request_ResourceNotFound");
    assertThat(server.tokenRequest("grant_type=password&username=dev%40coffer.test&password=dev-password-1")
        .statusCode()).isEqualTo(401);
  }

  @Test
  void users_badInput_isRefusedInGraphShape() throws Exception {
    createUser("dup@coffer.test", "dup-password-1");
    HttpRequest.Builder post = HttpRequest.newBuilder(server.uri("/v1.0/users"))
        .header("Authorization", "Bearer " + server.adminToken()).header("Content-Type", "application/json");
    assertError(server.send(post.POST(HttpRequest.BodyPublishers.ofString("{\"userPrincipalName\":\"dup@coffer.test\","
        + "\"passwordProfile\":{\"password\":\"another-pass\"}}")).build()), 400, "Request_BadRequest");
    assertError(server.send(post.POST(HttpRequest.BodyPublishers.ofString("{\"userPrincipalName\":\"short@coffer.test\","
        + "\"passwordProfile\":{\"password\":\"123\"}}")).build()), 400, "Request_BadRequest");
    assertError(server.send(post.POST(HttpRequest.BodyPublishers.ofString("{not json")).build()), 400,
        "Request_BadRequest");
    assertThat(json(graph(server.adminToken(), "GET", "/v1.0/users")).path("value")
        .findValuesAsText("userPrincipalName")).doesNotContain("short@coffer.test");
    String adminId = json(graph(server.adminToken(), "GET", "/v1.0/users/admin")).path("id").asText();
    assertError(graph(server.adminToken(), "DELETE", "/v1.0/users/" + adminId), 403, "Authorization_RequestDenied");
    HttpResponse<byte[]> anonymous = server.send(HttpRequest.newBuilder(server.uri("/v1.0/users")).GET().build());
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void resourceToken_forTheVault_carriesTheContractClaims() throws Exception {
    String userId = createUser("reader@coffer.test", "reader-password").path("id").asText();
    HttpResponse<byte[]> r = server.tokenRequest("grant_type=password&username=reader%40coffer.test"
        + "&password=reader-password&resource=" + enc(VAULT_RESOURCE + "/"));
    assertThat(r.statusCode()).as(Arm.text(r)).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.path("resource").asText()).isEqualTo(VAULT_RESOURCE);
    assertThat(body.path("expires_in").asLong()).isPositive();
    assertThat(body.path("expires_on").asLong()).isGreaterThan(System.currentTimeMillis() / 1000);

    TokenService verifier = TokenService.open(dir.resolve("keys"), "coffer");
    TokenClaims c = verifier.verify(body.path("access_token").asText(), VAULT_RESOURCE, "access");
    assertThat(c.subject()).isEqualTo(userId);
    assertThat(c.tenantId()).isEqualTo(tenant);
    assertThat(c.kind()).isEqualTo("USER");
    JsonNode raw = claims(body.path("access_token").asText());
    assertThat(raw.path("oid").asText()).isEqualTo(userId);
    assertThat(raw.path("name").asText()).isEqualTo("reader@coffer.test");
    assertThat(raw.has("appid")).isFalse();

    // The OAuth2 scope form gives the same audience; a refresh token buys resource tokens too.
    String viaScope = signIn("reader@coffer.test", "reader-password", "&scope=" + enc(VAULT_RESOURCE + "/.default"));
    assertThat(verifier.verify(viaScope, VAULT_RESOURCE, "access").subject()).isEqualTo(userId);
    String refresh = json(server.tokenRequest("grant_type=password&username=reader%40coffer.test"
        + "&password=reader-password")).path("refresh_token").asText();
    HttpResponse<byte[]> refreshed = server.tokenRequest("grant_type=refresh_token&refresh_token=" + enc(refresh)
        + "&resource=" + enc(VAULT_RESOURCE));
    assertThat(verifier.verify(json(refreshed).path("access_token").asText(), VAULT_RESOURCE, "access").subject())
        .isEqualTo(userId);

    HttpResponse<byte[]> bad = server.tokenRequest("grant_type=password&username=reader%40coffer.test"
        + "&password=reader-password&resource=not-a-uri");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).path("error").asText()).isEqualTo("invalid_resource");
  }

  @Test
  void identityToken_fromTheMetadataEndpoint_forTheAdminOnly() throws Exception {
    JsonNode mi = server.management("PUT", identityPath("idgroup", "tokenidentity"), Map.of());
    String clientId = mi.path("properties").path("clientId").asText();
    String principalId = mi.path("properties").path("principalId").asText();
    String query = "api-version=2018-02-01&resource=" + enc(VAULT_RESOURCE);

    HttpResponse<byte[]> r = metadata(server.adminToken(), query + "&client_id=" + clientId);
    assertThat(r.statusCode()).as(Arm.text(r)).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.path("client_id").asText()).isEqualTo(clientId);
    assertThat(body.path("resource").asText()).isEqualTo(VAULT_RESOURCE);
    assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.path("expires_on").asLong()).isGreaterThan(System.currentTimeMillis() / 1000);
    TokenService verifier = TokenService.open(dir.resolve("keys"), "coffer");
    TokenClaims c = verifier.verify(body.path("access_token").asText(), VAULT_RESOURCE, "access");
    assertThat(c.subject()).isEqualTo(principalId);
    assertThat(c.kind()).isEqualTo("MANAGED_IDENTITY");
    assertThat(c.tenantId()).isEqualTo(tenant);
    JsonNode raw = claims(body.path("access_token").asText());
    assertThat(raw.path("oid").asText()).isEqualTo(principalId);
    assertThat(raw.path("appid").asText()).isEqualTo(clientId);
    assertThat(raw.path("xms_mirid").asText()).isEqualTo(mi.path("id").asText());

    // The same identity by principal id and by ARM id.
    assertThat(claims(json(metadata(server.adminToken(), query + "&principal_id=" + principalId))
        .path("access_token").asText()).path("appid").asText()).isEqualTo(clientId);
    assertThat(claims(json(metadata(server.adminToken(), query + "&mi_res_id=" + enc(mi.path("id").asText())))
        .path("access_token").asText()).path("appid").asText()).isEqualTo(clientId);

    createUser("other@coffer.test", "other-password");
    String other = signIn("other@coffer.test", "other-password", "");
    assertError(metadata(other, query + "&client_id=" + clientId), 403, "AuthorizationFailed");
    assertThat(metadata(null, query + "&client_id=" + clientId).statusCode()).isEqualTo(401);
    assertError(metadata(server.adminToken(), query + "&client_id=00000000-0000-0000-0000-000000000001"), 404,
        "IdentityNotFound");
    assertError(metadata(server.adminToken(), "api-version=2018-02-01&client_id=" + clientId), 400, "InvalidResource");
    assertError(metadata(server.adminToken(), query), 400, "InvalidIdentity");
  }
}
