package io.coffer.server.registry.policies;

import static io.coffer.server.registry.policies.PolicyServer.ociError;
import static io.coffer.server.registry.policies.PolicyServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quarantine policy: what is pushed while it is on cannot be pulled until released. */
class QuarantineTest {
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

  private static void assertQuarantined(HttpResponse<byte[]> r, String image) {
    JsonNode e = ociError(r, 403, "DENIED");
    if (e != null) {
      assertThat(e.path("message").asText()).isEqualTo("The image '" + image
          + "' is quarantined and cannot be pulled until it is released (quarantineState Passed).");
    }
  }

  private static String stateShown(String reg, String reference) throws Exception {
    HttpResponse<byte[]> r = server.get("/acr/v1/" + reg + "/app/_manifests/" + reference);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    JsonNode state = Json.parse(r.body()).path("manifest").path("quarantineState");
    return state.isNull() ? null : state.asText();
  }

  private static HttpResponse<byte[]> release(String reg, String digest, String json) throws Exception {
    return server.patchJson("/acr/v1/" + reg + "/app/_manifests/" + digest, PolicyServer.admin(), json);
  }

  @Test
  void pushedWhileEnabled_pullRefusedUntilReleased() throws Exception {
    String reg = server.createRegistry("qrelease");
    server.quarantine(reg, true);
    PolicyServer.Image image = server.pushImage(reg + "/app", "v1", "release");
    String full = reg + "/app@" + image.manifest();

    assertQuarantined(server.get("/v2/" + reg + "/app/manifests/v1"), full);
    assertQuarantined(server.get("/v2/" + reg + "/app/manifests/" + image.manifest()), full);
    assertQuarantined(server.head("/v2/" + reg + "/app/manifests/v1"), full);
    // Still listed: tag list, catalog, ACR tag list and manifest details.
    assertThat(Json.parse(server.get("/v2/" + reg + "/app/tags/list").body()).path("tags").toString())
        .isEqualTo("[\"v1\"]");
    assertThat(Json.parse(server.get("/v2/" + reg + "/_catalog").body()).path("repositories").toString())
        .isEqualTo("[\"app\"]");
    assertThat(Json.parse(server.get("/acr/v1/" + reg + "/app/_tags").body()).path("tags").path(0).path("digest")
        .asText()).isEqualTo(image.manifest());
    assertThat(stateShown(reg, "v1")).isEqualTo("Quarantined");

    HttpResponse<byte[]> released = release(reg, image.manifest(), "{\"quarantineState\":\"Passed\"}");
    assertThat(released.statusCode()).as(text(released)).isEqualTo(200);
    JsonNode details = Json.parse(released.body()).path("manifest");
    assertThat(details.path("digest").asText()).isEqualTo(image.manifest());
    assertThat(details.path("quarantineState").asText()).isEqualTo("Passed");
    assertThat(stateShown(reg, image.manifest())).isEqualTo("Passed");

    HttpResponse<byte[]> pulled = server.get("/v2/" + reg + "/app/manifests/v1");
    assertThat(pulled.statusCode()).as(text(pulled)).isEqualTo(200);
    assertThat(pulled.body()).isEqualTo(image.manifestBytes());
    assertThat(server.head("/v2/" + reg + "/app/manifests/" + image.manifest()).statusCode()).isEqualTo(200);

    // Put back into quarantine: refused again.
    assertThat(release(reg, image.manifest(), "{\"quarantineState\":\"Quarantined\"}").statusCode()).isEqualTo(200);
    assertQuarantined(server.get("/v2/" + reg + "/app/manifests/v1"), full);
  }

  @Test
  void policyTurnedOff_quarantinedImagesPulled() throws Exception {
    String reg = server.createRegistry("qoff");
    server.quarantine(reg, true);
    PolicyServer.Image image = server.pushImage(reg + "/app", "v1", "off");
    assertQuarantined(server.get("/v2/" + reg + "/app/manifests/v1"), reg + "/app@" + image.manifest());

    server.quarantine(reg, false);
    HttpResponse<byte[]> pulled = server.get("/v2/" + reg + "/app/manifests/v1");
    assertThat(pulled.statusCode()).as(text(pulled)).isEqualTo(200);
    assertThat(pulled.body()).isEqualTo(image.manifestBytes());
    // The state is kept: turned on again, the image is quarantined again.
    assertThat(stateShown(reg, "v1")).isEqualTo("Quarantined");
    server.quarantine(reg, true);
    assertQuarantined(server.get("/v2/" + reg + "/app/manifests/v1"), reg + "/app@" + image.manifest());
  }

  @Test
  void pushedWhileDisabled_pulledAfterPolicyEnabled() throws Exception {
    String reg = server.createRegistry("qbefore");
    PolicyServer.Image image = server.pushImage(reg + "/app", "v1", "before");
    server.quarantine(reg, true);
    assertThat(server.get("/v2/" + reg + "/app/manifests/v1").statusCode()).isEqualTo(200);
    assertThat(stateShown(reg, "v1")).isNull();
    // Pushed again (same content, new tag) while enabled: already stored, it keeps its state.
    server.pushManifest(reg + "/app", "v2", PolicyServer.OCI_MANIFEST, image.manifestBytes());
    assertThat(server.get("/v2/" + reg + "/app/manifests/v2").statusCode()).isEqualTo(200);
  }

  @Test
  void quarantinedImage_blobsNotBlocked_childOfIndexRefused() throws Exception {
    String reg = server.createRegistry("qindex");
    server.quarantine(reg, true);
    PolicyServer.Image image = server.pushImage(reg + "/app", null, "child");
    String index = server.pushIndex(reg + "/app", "multi", image);
    assertQuarantined(server.get("/v2/" + reg + "/app/manifests/multi"), reg + "/app@" + index);
    assertQuarantined(server.get("/v2/" + reg + "/app/manifests/" + image.manifest()),
        reg + "/app@" + image.manifest());
    // Releasing the index alone does not release the image it lists.
    assertThat(release(reg, index, "{\"quarantineState\":\"Passed\"}").statusCode()).isEqualTo(200);
    assertThat(server.get("/v2/" + reg + "/app/manifests/multi").statusCode()).isEqualTo(200);
    assertQuarantined(server.get("/v2/" + reg + "/app/manifests/" + image.manifest()),
        reg + "/app@" + image.manifest());
    // Blobs are served: their digests are known only from a manifest.
    assertThat(server.get("/v2/" + reg + "/app/blobs/" + image.layer()).statusCode()).isEqualTo(200);
  }

  @Test
  void release_badBodies_refusedInOciFormatAndNothingChanged() throws Exception {
    String reg = server.createRegistry("qbadbody");
    server.quarantine(reg, true);
    PolicyServer.Image image = server.pushImage(reg + "/app", "v1", "bad");
    List<String> bodies = new ArrayList<>(List.of("", "not json", "[]", "\"Passed\"", "{}",
        "{\"quarantineState\":\"passedd\"}", "{\"quarantineState\":1}", "{\"quarantineState\":null}",
        "{\"quarantineState\":\"Passed\",\"deleteEnabled\":false}", "{\"quarantineState\":[\"Passed\"]}"));
    bodies.add("{\"quarantineState\":\"Passed\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");
    for (String body : bodies) {
      JsonNode e = ociError(release(reg, image.manifest(), body), 400, "MANIFEST_INVALID");
      assertThat(e.path("message").asText()).as(body).contains("quarantineState");
    }
    assertThat(stateShown(reg, "v1")).isEqualTo("Quarantined");
    assertQuarantined(server.get("/v2/" + reg + "/app/manifests/v1"), reg + "/app@" + image.manifest());
  }

  @Test
  void release_caseInsensitiveNames_accepted() throws Exception {
    String reg = server.createRegistry("qcase");
    server.quarantine(reg, true);
    PolicyServer.Image image = server.pushImage(reg + "/app", "v1", "case");
    assertThat(release(reg, "v1", "{\"QuarantineState\":\"passed\"}").statusCode()).isEqualTo(200);
    assertThat(stateShown(reg, image.manifest())).isEqualTo("Passed");
  }

  @Test
  void release_unknownManifestOrRepository_notFound() throws Exception {
    String reg = server.createRegistry("qunknown");
    server.pushImage(reg + "/app", "v1", "unknown");
    String missing = "sha256:" + "0".repeat(64);
    ociError(release(reg, missing, "{\"quarantineState\":\"Passed\"}"), 404, "MANIFEST_UNKNOWN");
    ociError(server.patchJson("/acr/v1/" + reg + "/nothere/_manifests/" + missing, PolicyServer.admin(),
        "{\"quarantineState\":\"Passed\"}"), 404, "NAME_UNKNOWN");
    ociError(server.patchJson("/acr/v1/" + reg + "/app", PolicyServer.admin(), "{\"quarantineState\":\"Passed\"}"),
        405, "UNSUPPORTED");
  }

  @Test
  void release_onlyAdminOrRegistryAdmin() throws Exception {
    String reg = server.createRegistry("qwho");
    server.quarantine(reg, true);
    PolicyServer.Image image = server.pushImage(reg + "/app", "v1", "who");
    String path = "/acr/v1/" + reg + "/app/_manifests/" + image.manifest();
    String passed = "{\"quarantineState\":\"Passed\"}";

    ociError(server.patchJson(path, null, passed), 401, "UNAUTHORIZED");
    server.users.create("plainuser", "plain-password-1", false);
    ociError(server.patchJson(path, PolicyServer.basic("plainuser", "plain-password-1"), passed), 403, "DENIED");
    // Another registry's admin user may not either.
    String other = server.createRegistry("qwhoother");
    String otherPassword = server.registry.administration.credentials(server.registryId(other)).get("password");
    ociError(server.patchJson(path, PolicyServer.basic(other, otherPassword), passed), 403, "DENIED");
    assertThat(stateShown(reg, "v1")).isEqualTo("Quarantined");

    String password = server.registry.administration.credentials(server.registryId(reg)).get("password");
    HttpResponse<byte[]> r = server.patchJson(path, PolicyServer.basic(reg, password), passed);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(stateShown(reg, "v1")).isEqualTo("Passed");
  }
}
