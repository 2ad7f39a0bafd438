package io.coffer.server.registry;

import static io.coffer.server.registry.OciHttp.assertOciError;
import static io.coffer.server.registry.OciHttp.basic;
import static io.coffer.server.registry.OciHttp.bearer;
import static io.coffer.server.registry.OciHttp.header;
import static io.coffer.server.registry.OciHttp.json;
import static io.coffer.server.registry.OciHttp.sha256;
import static io.coffer.server.registry.OciHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.server.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code /v2/} challenge, HTTP Basic, the Docker token flow and the registry admin user. */
class RegistryAuthTest {
  @TempDir static Path dir;
  static TestServer server;
  static OciHttp admin;
  static String reg;
  static String other;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    admin = new OciHttp(server);
    reg = server.createRegistry("authreg");
    other = server.createRegistry("otherreg");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String challenge() {
    return "Bearer realm=\"" + server.server.url() + "/oauth2/token\",service=\"coffer-registry\"";
  }

  /** GET /oauth2/token with the given Authorization (null: none) and scope; returns the response. */
  private static HttpResponse<byte[]> tokenResponse(String authorization, String scope) throws Exception {
    String query = "service=coffer-registry" + (scope == null ? ""
        : "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
    return admin.as(authorization).get("/oauth2/token?" + query);
  }

  private static String token(String authorization, String scope, String... more) throws Exception {
    HttpResponse<byte[]> r = tokenResponse(authorization, String.join(" ", concat(scope, more)));
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.path("token").asText()).isNotBlank();
    assertThat(body.path("access_token").asText()).isEqualTo(body.path("token").asText());
    assertThat(body.path("expires_in").asLong()).isPositive();
    return body.path("token").asText();
  }

  private static java.util.List<String> concat(String first, String... more) {
    java.util.List<String> all = new java.util.ArrayList<>();
    all.add(first);
    all.addAll(java.util.List.of(more));
    return all;
  }

  private static JsonNode claims(String jwt) {
    return Json.parse(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
  }

  private static String[] registryAdminPasswords(String registry) throws Exception {
    JsonNode creds = server.management("POST", "/subscriptions/" + server.subscription
        + "/resourceGroups/testgroup/providers/Microsoft.ContainerRegistry/registries/" + registry
        + "/listCredentials", null);
    List<String> out = new ArrayList<>();
    creds.get("passwords").forEach(p -> out.add(p.get("value").asText()));
    return out.toArray(String[]::new);
  }

  // ---- /v2/ ----

  @Test
  void v2_noCredentials_401WithBearerChallenge() throws Exception {
    HttpResponse<byte[]> r = admin.as(null).get("/v2/");
    assertOciError(r, 401, "UNAUTHORIZED");
    assertThat(header(r, "WWW-Authenticate")).isEqualTo(challenge());
    assertThat(header(r, "Docker-Distribution-API-Version")).isEqualTo("registry/2.0");
  }

  @Test
  void v2_basicAdmin_200() throws Exception {
    HttpResponse<byte[]> r = admin.get("/v2/");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(header(r, "Docker-Distribution-API-Version")).isEqualTo("registry/2.0");
    assertThat(json(r).isObject()).isTrue();
  }

  @Test
  void v2_wrongPassword_401() throws Exception {
    HttpResponse<byte[]> r = admin.as(basic("admin", "wrong")).get("/v2/");
    assertOciError(r, 401, "UNAUTHORIZED");
    assertThat(header(r, "WWW-Authenticate")).startsWith(challenge());
  }

  @Test
  void v2_unknownUser_401() throws Exception {
    assertOciError(admin.as(basic("nobody", TestServer.ADMIN_PASSWORD)).get("/v2/"), 401, "UNAUTHORIZED");
  }

  @Test
  void v2_malformedBasic_401() throws Exception {
    assertOciError(admin.as("Basic !!!not-base64").get("/v2/"), 401, "UNAUTHORIZED");
  }

  @Test
  void repository_anonymousPull_401ChallengeWithScope() throws Exception {
    HttpResponse<byte[]> r = admin.as(null).get("/v2/" + reg + "/app/manifests/latest");
    assertOciError(r, 401, "UNAUTHORIZED");
    assertThat(header(r, "WWW-Authenticate"))
        .isEqualTo(challenge() + ",scope=\"repository:" + reg + "/app:pull\"");
  }

  @Test
  void repository_anonymousPush_401ChallengeWithPullPushScope() throws Exception {
    HttpResponse<byte[]> r = admin.as(null).post("/v2/" + reg + "/app/blobs/uploads/", null);
    assertOciError(r, 401, "UNAUTHORIZED");
    assertThat(header(r, "WWW-Authenticate"))
        .isEqualTo(challenge() + ",scope=\"repository:" + reg + "/app:pull,push\"");
  }

  @Test
  void repository_anonymousOnUnknownRegistry_401NotNameUnknown() throws Exception {
    // An anonymous caller learns nothing about which registries exist.
    HttpResponse<byte[]> r = admin.as(null).get("/v2/nosuchregistry/app/tags/list");
    assertOciError(r, 401, "UNAUTHORIZED");
    assertThat(header(r, "WWW-Authenticate")).startsWith(challenge());
  }

  // ---- token flow ----

  @Test
  void token_basicAdminPullPush_bearerPushesAndPulls() throws Exception {
    String name = reg + "/tokenapp";
    OciHttp withToken = admin.as(bearer(token(TestServer.basicAdmin(), "repository:" + name + ":pull,push")));
    OciHttp.Image image = withToken.pushImage(name, "v1", "token");
    HttpResponse<byte[]> manifest = withToken.get("/v2/" + name + "/manifests/v1");
    assertThat(manifest.statusCode()).as(text(manifest)).isEqualTo(200);
    assertThat(manifest.body()).isEqualTo(image.manifestBytes());
    HttpResponse<byte[]> layer = withToken.get("/v2/" + name + "/blobs/" + image.layer());
    assertThat(layer.statusCode()).isEqualTo(200);
    assertThat(sha256(layer.body())).isEqualTo(image.layer());
  }

  @Test
  void token_basicAdmin_grantsRequestedActions() throws Exception {
    String name = reg + "/claims";
    JsonNode access = claims(token(TestServer.basicAdmin(), "repository:" + name + ":pull,push")).get("access");
    assertThat(access).isNotNull();
    assertThat(access.size()).isEqualTo(1);
    assertThat(access.get(0).path("type").asText()).isEqualTo("repository");
    assertThat(access.get(0).path("name").asText()).isEqualTo(name);
    assertThat(OciHttp.strings(access.get(0).get("actions"))).containsExactlyInAnyOrder("pull", "push");
  }

  @Test
  void token_pullOnly_pushRefused401InsufficientScope() throws Exception {
    String name = reg + "/pullonly";
    String layerDigest = admin.pushBlob(name, "pull only".getBytes(StandardCharsets.UTF_8));
    OciHttp pullOnly = admin.as(bearer(token(TestServer.basicAdmin(), "repository:" + name + ":pull")));

    HttpResponse<byte[]> pull = pullOnly.get("/v2/" + name + "/blobs/" + layerDigest);
    assertThat(pull.statusCode()).as(text(pull)).isEqualTo(200);

    HttpResponse<byte[]> push = pullOnly.post("/v2/" + name + "/blobs/uploads/", null);
    assertOciError(push, 401, "UNAUTHORIZED");
    assertThat(header(push, "WWW-Authenticate"))
        .startsWith(challenge())
        .contains("scope=\"repository:" + name + ":pull,push\"")
        .contains("error=\"insufficient_scope\"");

    HttpResponse<byte[]> delete = pullOnly.delete("/v2/" + name + "/blobs/" + layerDigest);
    assertOciError(delete, 401, "UNAUTHORIZED");
    assertThat(header(delete, "WWW-Authenticate")).contains("error=\"insufficient_scope\"");
  }

  @Test
  void token_forOneRepository_otherRepositoryRefused401() throws Exception {
    admin.pushBlob(reg + "/elsewhere", "x".getBytes(StandardCharsets.UTF_8));
    OciHttp scoped = admin.as(bearer(token(TestServer.basicAdmin(), "repository:" + reg + "/scoped:pull,push")));
    HttpResponse<byte[]> r = scoped.get("/v2/" + reg + "/elsewhere/tags/list");
    assertOciError(r, 401, "UNAUTHORIZED");
    assertThat(header(r, "WWW-Authenticate")).contains("error=\"insufficient_scope\"");
  }

  @Test
  void mount_tokenWithoutPullOnSource_fallsBackToUpload() throws Exception {
    String digest = admin.pushBlob(reg + "/secretsource", "mount me".getBytes(StandardCharsets.UTF_8));
    OciHttp scoped = admin.as(bearer(token(TestServer.basicAdmin(), "repository:" + reg + "/mountdest:pull,push")));
    HttpResponse<byte[]> r = scoped.post("/v2/" + reg + "/mountdest/blobs/uploads/?mount=" + digest + "&from="
        + reg + "/secretsource", null);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(202);
    assertOciError(scoped.get("/v2/" + reg + "/mountdest/blobs/" + digest), 404, "BLOB_UNKNOWN");
    OciHttp both = admin.as(bearer(token(TestServer.basicAdmin(), "repository:" + reg + "/mountdest:pull,push",
        "repository:" + reg + "/secretsource:pull")));
    HttpResponse<byte[]> mounted = both.post("/v2/" + reg + "/mountdest/blobs/uploads/?mount=" + digest + "&from="
        + reg + "/secretsource", null);
    assertThat(mounted.statusCode()).as(text(mounted)).isEqualTo(201);
  }

  @Test
  void mount_challengeAsksForPullOnSource_itsTokenMounts() throws Exception {
    String digest = admin.pushBlob(reg + "/mountsource", "mount me too".getBytes(StandardCharsets.UTF_8));
    String mount = "/v2/" + reg + "/mounttarget/blobs/uploads/?mount=" + digest + "&from=" + reg + "/mountsource";
    HttpResponse<byte[]> r = admin.as(null).post(mount, null);
    assertOciError(r, 401, "UNAUTHORIZED");
    String scope = "repository:" + reg + "/mounttarget:pull,push repository:" + reg + "/mountsource:pull";
    assertThat(header(r, "WWW-Authenticate")).isEqualTo(challenge() + ",scope=\"" + scope + "\"");

    HttpResponse<byte[]> mounted = admin.as(bearer(token(TestServer.basicAdmin(), scope))).post(mount, null);
    assertThat(mounted.statusCode()).as(text(mounted)).isEqualTo(201);
    assertThat(header(mounted, "Docker-Content-Digest")).isEqualTo(digest);
  }

  @Test
  void mount_withoutFrom_onlyFromARepositoryTheTokenMayPull() throws Exception {
    String digest = admin.pushBlob(reg + "/privatesource", "found by digest".getBytes(StandardCharsets.UTF_8));
    String mount = "/v2/" + reg + "/guessing/blobs/uploads/?mount=" + digest;
    OciHttp targetOnly = admin.as(bearer(token(TestServer.basicAdmin(), "repository:" + reg + "/guessing:pull,push")));
    HttpResponse<byte[]> r = targetOnly.post(mount, null);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(202);
    assertOciError(targetOnly.get("/v2/" + reg + "/guessing/blobs/" + digest), 404, "BLOB_UNKNOWN");

    OciHttp both = admin.as(bearer(token(TestServer.basicAdmin(), "repository:" + reg + "/guessing:pull,push",
        "repository:" + reg + "/privatesource:pull")));
    HttpResponse<byte[]> mounted = both.post(mount, null);
    assertThat(mounted.statusCode()).as(text(mounted)).isEqualTo(201);
    assertThat(targetOnly.get("/v2/" + reg + "/guessing/blobs/" + digest).statusCode()).isEqualTo(200);
  }

  @Test
  void mount_invalidSource_challengeNamesTheTargetOnly() throws Exception {
    HttpResponse<byte[]> r = admin.as(null).post("/v2/" + reg + "/mounttarget/blobs/uploads/?mount="
        + "sha256:" + "0".repeat(64) + "&from=Not..Valid", null);
    assertOciError(r, 401, "UNAUTHORIZED");
    assertThat(header(r, "WWW-Authenticate"))
        .isEqualTo(challenge() + ",scope=\"repository:" + reg + "/mounttarget:pull,push\"");
  }

  @Test
  void token_anonymous_noGrants() throws Exception {
    String name = reg + "/anon";
    admin.pushBlob(name, "anonymous".getBytes(StandardCharsets.UTF_8));
    String token = token(null, "repository:" + name + ":pull,push");
    JsonNode access = claims(token).get("access");
    if (access != null) {
      access.forEach(g -> assertThat(g.path("actions").size()).as(g.toString()).isZero());
    }
    HttpResponse<byte[]> r = admin.as(bearer(token)).get("/v2/" + name + "/tags/list");
    assertOciError(r, 401, "UNAUTHORIZED");
    assertThat(header(r, "WWW-Authenticate")).contains("error=\"insufficient_scope\"");
  }

  @Test
  void token_severalScopeParameters_grantsEach() throws Exception {
    String query = "service=coffer-registry&scope=repository:" + reg + "/one:pull&scope=repository:" + reg
        + "/two:pull,push";
    HttpResponse<byte[]> r = admin.get("/oauth2/token?" + query);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(claims(json(r).path("token").asText()).get("access").size()).isEqualTo(2);
  }

  @Test
  void token_spaceSeparatedScopes_grantsEach() throws Exception {
    String token = token(TestServer.basicAdmin(), "repository:" + reg + "/one:pull repository:" + reg + "/two:push");
    JsonNode access = claims(token).get("access");
    assertThat(access).as("grants of a space-separated scope").isNotNull();
    List<String> names = new ArrayList<>();
    access.forEach(g -> names.add(g.path("name").asText()));
    assertThat(names).containsExactlyInAnyOrder(reg + "/one", reg + "/two");
  }

  @Test
  void token_requestedWithBearerToken_401() throws Exception {
    // A narrow registry token must not buy a wider (or merely a fresh) one.
    String narrow = token(TestServer.basicAdmin(), "repository:" + reg + "/narrow:pull");
    HttpResponse<byte[]> r = tokenResponse(bearer(narrow), "repository:" + reg + "/wide:pull,push,delete");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(401);
    assertThat(json(r).path("error").asText()).isEqualTo("invalid_client");
  }

  @Test
  void token_postPasswordGrantWithScope_registryToken() throws Exception {
    String name = reg + "/postgrant";
    String digest = admin.pushBlob(name, "post grant".getBytes(StandardCharsets.UTF_8));
    String form = "grant_type=password&username=admin&password=" + TestServer.ADMIN_PASSWORD
        + "&service=coffer-registry&scope=" + URLEncoder.encode("repository:" + name + ":pull", StandardCharsets.UTF_8);
    HttpResponse<byte[]> r = admin.as(null).send(admin.request("/oauth2/token")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)));
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    String token = json(r).path("access_token").asText();
    HttpResponse<byte[]> pull = admin.as(bearer(token)).get("/v2/" + name + "/blobs/" + digest);
    assertThat(pull.statusCode()).as(text(pull)).isEqualTo(200);
    assertThat(pull.body()).isEqualTo("post grant".getBytes(StandardCharsets.UTF_8));
    assertThat(admin.as(bearer(token)).post("/v2/" + name + "/blobs/uploads/", null).statusCode()).isEqualTo(401);
  }

  @Test
  void token_noCredentialsNoScope_401() throws Exception {
    HttpResponse<byte[]> r = tokenResponse(null, null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(json(r).path("error").asText()).isEqualTo("invalid_client");
  }

  @Test
  void token_wrongPassword_401() throws Exception {
    HttpResponse<byte[]> r = tokenResponse(basic("admin", "wrong"), "repository:" + reg + "/app:pull");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(header(r, "WWW-Authenticate")).startsWith("Basic");
    assertThat(json(r).path("error").asText()).isEqualTo("invalid_client");
  }

  @Test
  void bearer_tamperedToken_401InvalidToken() throws Exception {
    String name = reg + "/tampered";
    String token = token(TestServer.basicAdmin(), "repository:" + name + ":pull,push");
    String[] parts = token.split("\\.");
    // Same signature, a payload that grants another repository.
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
        .replace(name, reg + "/other");
    String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    HttpResponse<byte[]> r = admin.as(bearer(forged)).get("/v2/" + reg + "/other/tags/list");
    assertOciError(r, 401, "UNAUTHORIZED");
    assertThat(header(r, "WWW-Authenticate")).startsWith(challenge()).contains("error=\"invalid_token\"");

    char last = parts[2].charAt(parts[2].length() - 2);
    String badSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
        + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);
    assertOciError(admin.as(bearer(badSignature)).get("/v2/" + name + "/tags/list"), 401, "UNAUTHORIZED");
    assertOciError(admin.as(bearer("not.a.jwt")).get("/v2/"), 401, "UNAUTHORIZED");
  }

  @Test
  void bearer_managementAccessToken_401() throws Exception {
    HttpResponse<byte[]> t = admin.as(null).send(admin.request("/oauth2/token")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
            "grant_type=password&username=admin&password=" + TestServer.ADMIN_PASSWORD)));
    assertThat(t.statusCode()).isEqualTo(200);
    String managementToken = json(t).path("access_token").asText();
    // A control-plane token is not a registry token ...
    assertOciError(admin.as(bearer(managementToken)).get("/v2/"), 401, "UNAUTHORIZED");
    // ... but is accepted as a password with the well-known token user name (acr login --expose-token).
    HttpResponse<byte[]> r = admin.as(basic("00000000-0000-0000-0000-000000000000", managementToken)).get("/v2/");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
  }

  // ---- the registry admin user ----

  @Test
  void listCredentials_registryWithAdminUser_twoPasswords() throws Exception {
    JsonNode creds = server.management("POST", "/subscriptions/" + server.subscription
        + "/resourceGroups/testgroup/providers/Microsoft.ContainerRegistry/registries/" + reg + "/listCredentials",
        null);
    assertThat(creds.path("username").asText()).isEqualTo(reg);
    JsonNode passwords = creds.get("passwords");
    assertThat(passwords.size()).isEqualTo(2);
    List<String> names = new ArrayList<>();
    passwords.forEach(p -> names.add(p.path("name").asText()));
    assertThat(names).containsExactlyInAnyOrder("password", "password2");
    assertThat(passwords.get(0).path("value").asText()).isNotBlank()
        .isNotEqualTo(passwords.get(1).path("value").asText());
  }

  @Test
  void registryAdmin_basicOnOwnRegistry_pushesAndPulls() throws Exception {
    String[] passwords = registryAdminPasswords(reg);
    for (int i = 0; i < passwords.length; i++) {
      OciHttp own = admin.as(basic(reg, passwords[i]));
      String name = reg + "/byadmin" + i;
      OciHttp.Image image = own.pushImage(name, "v1", "regadmin" + i);
      HttpResponse<byte[]> m = own.get("/v2/" + name + "/manifests/v1");
      assertThat(m.statusCode()).as(text(m)).isEqualTo(200);
      assertThat(m.body()).isEqualTo(image.manifestBytes());
      assertThat(own.get("/v2/" + name + "/blobs/" + image.config()).statusCode()).isEqualTo(200);
      assertThat(own.get("/v2/").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void registryAdmin_basicOnOtherRegistry_403Denied() throws Exception {
    String digest = admin.pushBlob(other + "/private", "other registry".getBytes(StandardCharsets.UTF_8));
    OciHttp foreign = admin.as(basic(reg, registryAdminPasswords(reg)[0]));
    assertOciError(foreign.get("/v2/" + other + "/private/blobs/" + digest), 403, "DENIED");
    assertOciError(foreign.post("/v2/" + other + "/private/blobs/uploads/", null), 403, "DENIED");
    assertOciError(foreign.get("/v2/" + other + "/_catalog"), 403, "DENIED");
    // Another registry's password does not open this one either.
    assertOciError(admin.as(basic(other, registryAdminPasswords(reg)[0])).get("/v2/"), 401, "UNAUTHORIZED");
  }

  @Test
  void registryAdmin_tokenForOtherRegistry_noGrant401() throws Exception {
    String digest = admin.pushBlob(other + "/viatoken", "other via token".getBytes(StandardCharsets.UTF_8));
    String token = token(basic(reg, registryAdminPasswords(reg)[0]), "repository:" + other + "/viatoken:pull");
    HttpResponse<byte[]> r = admin.as(bearer(token)).get("/v2/" + other + "/viatoken/blobs/" + digest);
    assertOciError(r, 401, "UNAUTHORIZED");
    assertThat(header(r, "WWW-Authenticate")).contains("error=\"insufficient_scope\"");

    String own = token(basic(reg, registryAdminPasswords(reg)[0]), "repository:" + reg + "/viatoken:pull,push");
    admin.as(bearer(own)).pushBlob(reg + "/viatoken", "own via token".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void registryAdmin_oldPasswordAfterRegenerate_401() throws Exception {
    String regen = server.createRegistry("regenreg");
    String old = registryAdminPasswords(regen)[0];
    OciHttp withOld = admin.as(basic(regen, old));
    assertThat(withOld.get("/v2/").statusCode()).isEqualTo(200);
    server.management("POST", "/subscriptions/" + server.subscription
        + "/resourceGroups/testgroup/providers/Microsoft.ContainerRegistry/registries/" + regen
        + "/regenerateCredential", java.util.Map.of("name", "password"));
    String renewed = registryAdminPasswords(regen)[0];
    assertThat(renewed).isNotEqualTo(old);
    assertOciError(withOld.get("/v2/"), 401, "UNAUTHORIZED");
    assertThat(tokenResponse(basic(regen, old), "repository:" + regen + "/app:pull").statusCode()).isEqualTo(401);
    assertThat(admin.as(basic(regen, renewed)).get("/v2/").statusCode()).isEqualTo(200);
  }

  @Test
  void globalCatalog_bearerWithoutCatalogScope_401InsufficientScope() throws Exception {
    admin.pushBlob(reg + "/cataloged", "cataloged".getBytes(StandardCharsets.UTF_8));
    String repoOnly = token(TestServer.basicAdmin(), "repository:" + reg + "/cataloged:pull");
    HttpResponse<byte[]> r = admin.as(bearer(repoOnly)).get("/v2/_catalog");
    assertOciError(r, 401, "UNAUTHORIZED");
    assertThat(header(r, "WWW-Authenticate")).contains("scope=\"registry:catalog:*\"")
        .contains("error=\"insufficient_scope\"");

    String catalog = token(TestServer.basicAdmin(), "registry:catalog:*");
    HttpResponse<byte[]> ok = admin.as(bearer(catalog)).get("/v2/_catalog");
    assertThat(ok.statusCode()).as(text(ok)).isEqualTo(200);
    assertThat(OciHttp.strings(json(ok).get("repositories"))).contains(reg + "/cataloged");
  }

  @Test
  void registryAdmin_globalCatalog_onlyOwnRepositories() throws Exception {
    admin.pushBlob(reg + "/listed", "listed".getBytes(StandardCharsets.UTF_8));
    admin.pushBlob(other + "/hidden", "hidden".getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> r = admin.as(basic(reg, registryAdminPasswords(reg)[0])).get("/v2/_catalog");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    List<String> names = OciHttp.strings(json(r).get("repositories"));
    assertThat(names).contains(reg + "/listed").allMatch(n -> n.startsWith(reg + "/"));
  }
}
