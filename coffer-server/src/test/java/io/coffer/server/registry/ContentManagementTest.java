package io.coffer.server.registry;

import static io.coffer.server.registry.OciHttp.OCI_MANIFEST;
import static io.coffer.server.registry.OciHttp.assertOciError;
import static io.coffer.server.registry.OciHttp.json;
import static io.coffer.server.registry.OciHttp.strings;
import static io.coffer.server.registry.OciHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.server.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /acr/v1/<registry>/<repository>}: repository details and whole-repository deletes. */
class ContentManagementTest {
  @TempDir static Path dir;
  static TestServer server;
  static OciHttp oci;
  static String reg;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    oci = new OciHttp(server);
    reg = server.createRegistry("management");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static java.util.List<String> catalog() throws Exception {
    HttpResponse<byte[]> r = oci.get("/v2/" + reg + "/_catalog");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    return strings(json(r).get("repositories"));
  }

  @Test
  void acrGet_repository_200WithCounts() throws Exception {
    String name = reg + "/shown";
    OciHttp.Image image = oci.pushImage(name, "v1", "shown");
    oci.pushManifest(name, "v2", OCI_MANIFEST, image.manifestBytes());
    HttpResponse<byte[]> r = oci.get("/acr/v1/" + name);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.path("imageName").asText()).isEqualTo("shown");
    assertThat(body.path("registry").asText()).endsWith("/" + reg);
    assertThat(body.path("manifestCount").asLong()).isEqualTo(1);
    assertThat(body.path("tagCount").asLong()).isEqualTo(2);
    assertThat(body.path("createdTime").asText()).isNotBlank();
    assertThat(body.path("lastUpdateTime").asText()).isNotBlank();
  }

  @Test
  void acrGet_manifest_200WithTags() throws Exception {
    String name = reg + "/manifestshown";
    OciHttp.Image image = oci.pushImage(name, "v1", "manifestshown");
    HttpResponse<byte[]> r = oci.get("/acr/v1/" + name + "/_manifests/v1");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    JsonNode manifest = json(r).get("manifest");
    assertThat(manifest.path("digest").asText()).isEqualTo(image.manifest());
    assertThat(manifest.path("mediaType").asText()).isEqualTo(OCI_MANIFEST);
    assertThat(strings(manifest.get("tags"))).containsExactly("v1");
  }

  @Test
  void acrDelete_repository_goneFromCatalogAndRegistry() throws Exception {
    String name = reg + "/doomed";
    OciHttp.Image image = oci.pushImage(name, "v1", "doomed");
    oci.pushManifest(name, "v2", OCI_MANIFEST, image.manifestBytes());
    oci.pushImage(reg + "/survivor", "v1", "survivor");
    assertThat(catalog()).contains("doomed", "survivor");

    HttpResponse<byte[]> r = oci.delete("/acr/v1/" + name);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(strings(json(r).get("manifestsDeleted"))).containsExactly(image.manifest());
    assertThat(strings(json(r).get("tagsDeleted"))).containsExactlyInAnyOrder("v1", "v2");

    assertThat(catalog()).doesNotContain("doomed").contains("survivor");
    assertThat(strings(json(oci.get("/v2/_catalog")).get("repositories"))).doesNotContain(name);
    assertOciError(oci.get("/v2/" + name + "/manifests/v1"), 404, "NAME_UNKNOWN");
    assertOciError(oci.get("/v2/" + name + "/tags/list"), 404, "NAME_UNKNOWN");
    assertOciError(oci.get("/v2/" + name + "/blobs/" + image.layer()), 404, "BLOB_UNKNOWN");
    assertOciError(oci.get("/acr/v1/" + name), 404, "NAME_UNKNOWN");
    assertOciError(oci.delete("/acr/v1/" + name), 404, "NAME_UNKNOWN");
    // The other repository is untouched.
    assertThat(oci.get("/v2/" + reg + "/survivor/manifests/v1").statusCode()).isEqualTo(200);
  }

  @Test
  void acrDelete_repositoryThenPushAgain_201() throws Exception {
    String name = reg + "/reborn";
    oci.pushImage(name, "v1", "reborn");
    assertThat(oci.delete("/acr/v1/" + name).statusCode()).isEqualTo(200);
    OciHttp.Image again = oci.pushImage(name, "v1", "reborn-again");
    assertThat(oci.get("/v2/" + name + "/manifests/v1").body()).isEqualTo(again.manifestBytes());
    assertThat(catalog()).contains("reborn");
  }

  @Test
  void acrDelete_manifestByTag_onlyTagRemoved() throws Exception {
    String name = reg + "/acrtag";
    OciHttp.Image image = oci.pushImage(name, "v1", "acrtag");
    HttpResponse<byte[]> r = oci.delete("/acr/v1/" + name + "/_manifests/v1");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(strings(json(r).get("tagsDeleted"))).containsExactly("v1");
    assertThat(json(r).get("manifestsDeleted").size()).isZero();
    assertThat(oci.get("/v2/" + name + "/manifests/" + image.manifest()).statusCode()).isEqualTo(200);
  }

  @Test
  void acrDelete_unauthenticated_401() throws Exception {
    oci.pushImage(reg + "/protected", "v1", "protected");
    assertOciError(oci.as(null).delete("/acr/v1/" + reg + "/protected"), 401, "UNAUTHORIZED");
    assertThat(catalog()).contains("protected");
  }

  @Test
  void acr_invalidName_400NameInvalid() throws Exception {
    assertOciError(oci.get("/acr/v1/" + reg + "/Upper"), 400, "NAME_INVALID");
  }
}
