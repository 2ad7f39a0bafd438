package io.coffer.server.registry.policies;

import static io.coffer.server.registry.policies.PolicyServer.ociError;
import static io.coffer.server.registry.policies.PolicyServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry's network rules on every {@code /v2/} and {@code /acr/v1/} request of a client on 127.0.0.1. */
class RegistryFirewallTest {
  @TempDir static Path dir;
  static PolicyServer server;

  @BeforeAll
  static void start() throws Exception {
    server = PolicyServer.start(dir, "127.0.0.1");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void assertRefused(HttpResponse<byte[]> r, String registry) {
    JsonNode e = ociError(r, 403, "DENIED");
    if (e == null) return;
    assertThat(e.path("message").asText())
        .isEqualTo("client with IP '127.0.0.1' is not allowed access to registry '" + registry
            + "'. Refer https://aka.ms/acr/firewall to grant access.");
    assertThat(e.path("detail").path("clientIp").asText()).isEqualTo("127.0.0.1");
    assertThat(e.path("detail").path("registry").asText()).isEqualTo(registry);
  }

  @Test
  void denyByDefault_withoutMatchingRule_everyRegistryRequestRefused() throws Exception {
    String reg = server.createRegistry("fwdeny");
    PolicyServer.Image image = server.pushImage(reg + "/app", "v1", "deny");
    server.networkRules(reg, true, "10.0.0.0/8", "192.168.1.7");

    assertRefused(server.get("/v2/" + reg + "/app/manifests/v1"), reg);
    assertRefused(server.head("/v2/" + reg + "/app/manifests/v1"), reg);
    assertRefused(server.get("/v2/" + reg + "/app/blobs/" + image.layer()), reg);
    assertRefused(server.get("/v2/" + reg + "/app/tags/list"), reg);
    assertRefused(server.get("/v2/" + reg + "/_catalog"), reg);
    assertRefused(server.send("POST", "/v2/" + reg + "/app/blobs/uploads/", PolicyServer.admin(), null, null), reg);
    assertRefused(server.send("DELETE", "/v2/" + reg + "/app/manifests/" + image.manifest(), PolicyServer.admin(),
        null, null), reg);
    assertRefused(server.get("/acr/v1/" + reg + "/app"), reg);
    assertRefused(server.get("/acr/v1/" + reg + "/app/_tags"), reg);
    assertRefused(server.get("/acr/v1/" + reg + "/app/_manifests/v1"), reg);
    // Refused before credentials are looked at: no credentials, or wrong ones, get the same answer.
    assertRefused(server.send("GET", "/v2/" + reg + "/app/manifests/v1", null, null, null), reg);
    assertRefused(server.send("GET", "/v2/" + reg + "/app/manifests/v1", PolicyServer.basic("admin", "wrong"),
        null, null), reg);

    // Nothing was deleted by the refused DELETE: with the rules lifted the image is there.
    server.networkRules(reg, false);
    HttpResponse<byte[]> pulled = server.get("/v2/" + reg + "/app/manifests/v1");
    assertThat(pulled.statusCode()).as(text(pulled)).isEqualTo(200);
    assertThat(pulled.body()).isEqualTo(image.manifestBytes());
  }

  @Test
  void denyByDefault_baseCheckAndTokenEndpoint_stayOpen() throws Exception {
    String reg = server.createRegistry("fwopen");
    server.networkRules(reg, true);
    assertThat(server.get("/v2/").statusCode()).isEqualTo(200);
    HttpResponse<byte[]> token = server.send("GET", "/oauth2/token?service=coffer&scope=repository:" + reg
        + "/app:pull", PolicyServer.admin(), null, null);
    assertThat(token.statusCode()).as(text(token)).isEqualTo(200);
    // The token is issued, but the registry still refuses the address it is used from.
    String bearer = io.coffer.common.Json.parse(token.body()).path("token").asText();
    assertThat(bearer).isNotEmpty();
    assertRefused(server.send("GET", "/v2/" + reg + "/app/tags/list", "Bearer " + bearer, null, null), reg);
  }

  @Test
  void denyByDefault_clientAddressListed_pushAndPullServed() throws Exception {
    String reg = server.createRegistry("fwallow");
    server.networkRules(reg, true, "10.1.2.3", "127.0.0.1");
    PolicyServer.Image image = server.pushImage(reg + "/app", "v1", "allow");
    HttpResponse<byte[]> manifest = server.get("/v2/" + reg + "/app/manifests/v1");
    assertThat(manifest.statusCode()).as(text(manifest)).isEqualTo(200);
    assertThat(manifest.body()).isEqualTo(image.manifestBytes());
    HttpResponse<byte[]> layer = server.get("/v2/" + reg + "/app/blobs/" + image.layer());
    assertThat(new String(layer.body(), StandardCharsets.UTF_8)).isEqualTo("layer allow");
    assertThat(server.get("/acr/v1/" + reg + "/app/_manifests/v1").statusCode()).isEqualTo(200);
  }

  @Test
  void denyByDefault_cidrRange_matchesByPrefix() throws Exception {
    String reg = server.createRegistry("fwcidr");
    server.pushImage(reg + "/app", "v1", "cidr");
    server.networkRules(reg, true, "127.0.0.0/8");
    assertThat(server.get("/v2/" + reg + "/app/manifests/v1").statusCode()).isEqualTo(200);
    server.networkRules(reg, true, "127.0.0.0/30");
    assertThat(server.get("/v2/" + reg + "/app/manifests/v1").statusCode()).isEqualTo(200);
    server.networkRules(reg, true, "127.0.0.2/31", "128.0.0.0/1");
    assertRefused(server.get("/v2/" + reg + "/app/manifests/v1"), reg);
    // An IPv6 rule never matches an IPv4 client; an IPv4-mapped one does.
    server.networkRules(reg, true, "::1", "::/0");
    assertRefused(server.get("/v2/" + reg + "/app/manifests/v1"), reg);
    server.networkRules(reg, true, "::ffff:127.0.0.1");
    assertThat(server.get("/v2/" + reg + "/app/manifests/v1").statusCode()).isEqualTo(200);
  }

  @Test
  void allowByDefault_rulesListed_everyoneServed() throws Exception {
    String reg = server.createRegistry("fwdefault");
    server.networkRules(reg, false, "10.0.0.1");
    server.pushImage(reg + "/app", "v1", "default");
    assertThat(server.get("/v2/" + reg + "/app/manifests/v1").statusCode()).isEqualTo(200);
  }

  @Test
  void denyByDefault_otherRegistry_unaffected() throws Exception {
    String closed = server.createRegistry("fwclosed");
    String open = server.createRegistry("fwother");
    server.pushImage(open + "/app", "v1", "other");
    server.networkRules(closed, true);
    assertThat(server.get("/v2/" + open + "/app/manifests/v1").statusCode()).isEqualTo(200);
    assertRefused(server.get("/v2/" + closed + "/app/tags/list"), closed);
  }

  @Test
  void denyByDefault_badStoredRule_neverWidensAccess() throws Exception {
    String reg = server.createRegistry("fwbadrule");
    server.networkRules(reg, true, "not-an-address", "127.0.0.1/99");
    assertRefused(server.get("/v2/" + reg + "/app/tags/list"), reg);
  }

  @Test
  void denyByDefault_uploadInProgress_nextChunkRefused() throws Exception {
    String reg = server.createRegistry("fwupload");
    HttpResponse<byte[]> start = server.send("POST", "/v2/" + reg + "/app/blobs/uploads/", PolicyServer.admin(),
        null, null);
    assertThat(start.statusCode()).as(text(start)).isEqualTo(202);
    String location = start.headers().firstValue("Location").orElseThrow();
    server.networkRules(reg, true);
    assertRefused(server.send("PATCH", location, PolicyServer.admin(), "application/octet-stream",
        "chunk".getBytes(StandardCharsets.UTF_8)), reg);
  }

  @Test
  void rulesChangedWithoutNotice_takeEffectWithinTheCacheTime() throws Exception {
    String reg = server.createRegistry("fwttl");
    server.pushImage(reg + "/app", "v1", "ttl");
    assertThat(server.get("/v2/" + reg + "/app/manifests/v1").statusCode()).isEqualTo(200);
    // Written as another node would: this node's copy of the rules is not told.
    String id = server.registryId(reg);
    server.settings.put(null, id, new io.coffer.registry.domain.RegistrySettings(
        new io.coffer.registry.domain.RegistrySettings.NetworkRules(true, java.util.List.of()),
        server.settings.get(null, id).policies()));
    long deadline = System.nanoTime() + io.coffer.registry.RegistryComponents.FIREWALL_RULES_TTL.toNanos()
        + 2_000_000_000L;
    HttpResponse<byte[]> r;
    do {
      Thread.sleep(200);
      r = server.get("/v2/" + reg + "/app/manifests/v1");
    } while (r.statusCode() == 200 && System.nanoTime() < deadline);
    assertRefused(r, reg);
  }
}
