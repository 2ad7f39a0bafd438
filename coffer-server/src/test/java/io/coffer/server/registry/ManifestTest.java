package io.coffer.server.registry;

import static io.coffer.server.registry.OciHttp.DOCKER_CONFIG;
import static io.coffer.server.registry.OciHttp.DOCKER_LAYER;
import static io.coffer.server.registry.OciHttp.DOCKER_MANIFEST;
import static io.coffer.server.registry.OciHttp.DOCKER_MANIFEST_LIST;
import static io.coffer.server.registry.OciHttp.OCI_CONFIG;
import static io.coffer.server.registry.OciHttp.OCI_INDEX;
import static io.coffer.server.registry.OciHttp.OCI_LAYER;
import static io.coffer.server.registry.OciHttp.OCI_MANIFEST;
import static io.coffer.server.registry.OciHttp.assertOciError;
import static io.coffer.server.registry.OciHttp.descriptor;
import static io.coffer.server.registry.OciHttp.header;
import static io.coffer.server.registry.OciHttp.imageManifest;
import static io.coffer.server.registry.OciHttp.index;
import static io.coffer.server.registry.OciHttp.json;
import static io.coffer.server.registry.OciHttp.location;
import static io.coffer.server.registry.OciHttp.platform;
import static io.coffer.server.registry.OciHttp.random;
import static io.coffer.server.registry.OciHttp.sha256;
import static io.coffer.server.registry.OciHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifests: the four media types, by tag and by digest; validation; deleting manifests and tags. */
class ManifestTest {
  @TempDir static Path dir;
  static TestServer server;
  static OciHttp oci;
  static String reg;
  static String name;
  static byte[] config;
  static byte[] layer;
  static byte[] dockerConfig;
  static byte[] dockerLayer;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    oci = new OciHttp(server);
    reg = server.createRegistry("manifests");
    name = reg + "/app";
    config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    layer = random(4096, 31);
    dockerConfig = "{\"architecture\":\"arm64\",\"os\":\"linux\",\"docker\":true}".getBytes(StandardCharsets.UTF_8);
    dockerLayer = random(2048, 32);
    for (byte[] b : List.of(config, layer, dockerConfig, dockerLayer)) oci.pushBlob(name, b);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static byte[] ociManifest(String note) {
    return imageManifest(OCI_MANIFEST, descriptor(OCI_CONFIG, config), List.of(descriptor(OCI_LAYER, layer)),
        Map.of("annotations", Map.of("note", note)));
  }

  private static byte[] dockerManifest() {
    return imageManifest(DOCKER_MANIFEST, descriptor(DOCKER_CONFIG, dockerConfig),
        List.of(descriptor(DOCKER_LAYER, dockerLayer)), null);
  }

  private static String path(String reference) {
    return "/v2/" + name + "/manifests/" + reference;
  }

  private static HttpResponse<byte[]> put(String reference, String mediaType, byte[] body) throws Exception {
    return oci.put(path(reference), body, mediaType);
  }

  private static void assertCreated(HttpResponse<byte[]> r, byte[] body) {
    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    assertThat(location(r)).isEqualTo(path(sha256(body)));
    assertThat(header(r, "Docker-Content-Digest")).isEqualTo(sha256(body));
  }

  /** GET and HEAD of the reference serve exactly {@code body} as {@code mediaType}. */
  private static void assertServed(String reference, String mediaType, byte[] body) throws Exception {
    HttpResponse<byte[]> get = oci.get(path(reference));
    assertThat(get.statusCode()).as(text(get)).isEqualTo(200);
    assertThat(get.body()).isEqualTo(body);
    assertThat(header(get, "Content-Type")).isEqualTo(mediaType);
    assertThat(header(get, "Docker-Content-Digest")).isEqualTo(sha256(body));
    assertThat(header(get, "Content-Length")).isEqualTo(Integer.toString(body.length));

    HttpResponse<byte[]> head = oci.head(path(reference));
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(header(head, "Content-Type")).isEqualTo(mediaType);
    assertThat(header(head, "Docker-Content-Digest")).isEqualTo(sha256(body));
    assertThat(header(head, "Content-Length")).isEqualTo(Integer.toString(body.length));
  }

  private static List<String> tags() throws Exception {
    HttpResponse<byte[]> r = oci.get("/v2/" + name + "/tags/list");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    return OciHttp.strings(json(r).get("tags"));
  }

  // ---- the four media types ----

  @Test
  void put_ociManifestByTag_201AndServedByTagAndDigest() throws Exception {
    byte[] body = ociManifest("by-tag");
    assertCreated(put("ocitag", OCI_MANIFEST, body), body);
    assertServed("ocitag", OCI_MANIFEST, body);
    assertServed(sha256(body), OCI_MANIFEST, body);
    assertThat(tags()).contains("ocitag");
  }

  @Test
  void put_ociManifestByDigest_201WithoutTag() throws Exception {
    byte[] body = ociManifest("by-digest");
    assertCreated(put(sha256(body), OCI_MANIFEST, body), body);
    assertServed(sha256(body), OCI_MANIFEST, body);
    List<String> tags = tags();
    for (String t : tags) {
      assertThat(oci.head(path(t)).headers().firstValue("Docker-Content-Digest")).isNotEqualTo(sha256(body));
    }
  }

  @Test
  void put_manifestWithoutLayers_201() throws Exception {
    byte[] body = imageManifest(OCI_MANIFEST, descriptor(OCI_CONFIG, config), List.of(), null);
    assertCreated(put("nolayers", OCI_MANIFEST, body), body);
    assertServed("nolayers", OCI_MANIFEST, body);
  }

  @Test
  void put_severalTagsOfOneManifest_eachServesIt() throws Exception {
    byte[] body = ociManifest("several-tags");
    for (String tag : List.of("multi-a", "multi-b", "multi-c")) assertCreated(put(tag, OCI_MANIFEST, body), body);
    for (String tag : List.of("multi-a", "multi-b", "multi-c")) assertServed(tag, OCI_MANIFEST, body);
    assertThat(tags()).contains("multi-a", "multi-b", "multi-c");
  }

  @Test
  void put_sameManifestTwice_201Both() throws Exception {
    byte[] body = ociManifest("twice");
    assertCreated(put("twice", OCI_MANIFEST, body), body);
    assertCreated(put("twice", OCI_MANIFEST, body), body);
    assertCreated(put(sha256(body), OCI_MANIFEST, body), body);
    assertServed("twice", OCI_MANIFEST, body);
  }

  @Test
  void put_tagMovedToAnotherManifest_tagServesTheNewOne() throws Exception {
    byte[] first = ociManifest("first");
    byte[] second = ociManifest("second");
    assertCreated(put("moving", OCI_MANIFEST, first), first);
    assertCreated(put("moving", OCI_MANIFEST, second), second);
    assertServed("moving", OCI_MANIFEST, second);
    assertServed(sha256(first), OCI_MANIFEST, first);
  }

  @Test
  void put_ociIndexWithExistingChildren_201() throws Exception {
    byte[] amd = ociManifest("index-child-amd64");
    byte[] arm = ociManifest("index-child-arm64");
    oci.pushManifest(name, sha256(amd), OCI_MANIFEST, amd);
    oci.pushManifest(name, sha256(arm), OCI_MANIFEST, arm);
    byte[] body = index(OCI_INDEX, List.of(platform(descriptor(OCI_MANIFEST, amd), "amd64"),
        platform(descriptor(OCI_MANIFEST, arm), "arm64")));
    assertCreated(put("multiarch", OCI_INDEX, body), body);
    assertServed("multiarch", OCI_INDEX, body);
    assertServed(sha256(body), OCI_INDEX, body);
  }

  @Test
  void put_ociIndexWithMissingChild_400ManifestBlobUnknown() throws Exception {
    byte[] known = ociManifest("index-known-child");
    oci.pushManifest(name, sha256(known), OCI_MANIFEST, known);
    byte[] missing = ociManifest("index-missing-child");
    byte[] body = index(OCI_INDEX, List.of(descriptor(OCI_MANIFEST, known), descriptor(OCI_MANIFEST, missing)));
    assertOciError(put("brokenindex", OCI_INDEX, body), 400, "MANIFEST_BLOB_UNKNOWN");
    assertOciError(oci.get(path("brokenindex")), 404, "MANIFEST_UNKNOWN");
    assertOciError(oci.get(path(sha256(body))), 404, "MANIFEST_UNKNOWN");
  }

  @Test
  void put_dockerV2Manifest_201ServedWithDockerType() throws Exception {
    byte[] body = dockerManifest();
    assertCreated(put("docker", DOCKER_MANIFEST, body), body);
    assertServed("docker", DOCKER_MANIFEST, body);
    assertServed(sha256(body), DOCKER_MANIFEST, body);
  }

  @Test
  void put_dockerManifestList_201ServedWithListType() throws Exception {
    byte[] child = dockerManifest();
    oci.pushManifest(name, sha256(child), DOCKER_MANIFEST, child);
    byte[] body = index(DOCKER_MANIFEST_LIST, List.of(platform(descriptor(DOCKER_MANIFEST, child), "arm64")));
    assertCreated(put("dockerlist", DOCKER_MANIFEST_LIST, body), body);
    assertServed("dockerlist", DOCKER_MANIFEST_LIST, body);
    assertServed(sha256(body), DOCKER_MANIFEST_LIST, body);
  }

  @Test
  void put_dockerManifestListWithMissingChild_400ManifestBlobUnknown() throws Exception {
    byte[] body = index(DOCKER_MANIFEST_LIST, List.of(descriptor(DOCKER_MANIFEST, random(100, 33))));
    assertOciError(put("brokenlist", DOCKER_MANIFEST_LIST, body), 400, "MANIFEST_BLOB_UNKNOWN");
  }

  @Test
  void get_acceptListsAnotherTypeOnly_404ManifestUnknown() throws Exception {
    byte[] body = dockerManifest();
    oci.pushManifest(name, "acceptcheck", DOCKER_MANIFEST, body);
    assertOciError(oci.get(path("acceptcheck"), "Accept", OCI_MANIFEST + ", " + OCI_INDEX), 404, "MANIFEST_UNKNOWN");
    HttpResponse<byte[]> listed = oci.get(path("acceptcheck"), "Accept", OCI_MANIFEST + ", " + DOCKER_MANIFEST);
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.body()).isEqualTo(body);
    assertThat(oci.get(path("acceptcheck"), "Accept", "*/*").statusCode()).isEqualTo(200);
  }

  // ---- validation ----

  @Test
  void put_manifestReferencingMissingBlob_400ManifestBlobUnknown() throws Exception {
    byte[] missingLayer = random(500, 34);
    byte[] body = imageManifest(OCI_MANIFEST, descriptor(OCI_CONFIG, config),
        List.of(descriptor(OCI_LAYER, missingLayer)), null);
    HttpResponse<byte[]> r = put("missingblob", OCI_MANIFEST, body);
    assertOciError(r, 400, "MANIFEST_BLOB_UNKNOWN");
    assertThat(json(r).get("errors").get(0).path("detail").asText()).isEqualTo(sha256(missingLayer));
    assertOciError(oci.get(path("missingblob")), 404, "MANIFEST_UNKNOWN");

    byte[] missingConfig = imageManifest(OCI_MANIFEST, descriptor(OCI_CONFIG, random(50, 35)),
        List.of(descriptor(OCI_LAYER, layer)), null);
    assertOciError(put(sha256(missingConfig), OCI_MANIFEST, missingConfig), 400, "MANIFEST_BLOB_UNKNOWN");
  }

  @Test
  void put_refusedManifest_leavesNoSealedFile() throws Exception {
    byte[] body = imageManifest(OCI_MANIFEST, descriptor(OCI_CONFIG, config),
        List.of(descriptor(OCI_LAYER, random(501, 36))), null);
    assertOciError(put("orphan", OCI_MANIFEST, body), 400, "MANIFEST_BLOB_UNKNOWN");
    String hex = sha256(body).substring("sha256:".length());
    try (Stream<Path> files = Files.walk(dir.resolve("content"))) {
      assertThat(files.filter(p -> p.getFileName().toString().equals(hex)).toList())
          .as("sealed copy of a refused manifest").isEmpty();
    }
  }

  @Test
  void put_blobOfAnotherRepository_400ManifestBlobUnknown() throws Exception {
    byte[] foreign = random(321, 37);
    oci.pushBlob(reg + "/foreign", foreign);
    byte[] body = imageManifest(OCI_MANIFEST, descriptor(OCI_CONFIG, config),
        List.of(descriptor(OCI_LAYER, foreign)), null);
    assertOciError(put("foreignblob", OCI_MANIFEST, body), 400, "MANIFEST_BLOB_UNKNOWN");
  }

  @Test
  void put_malformedJson_400ManifestInvalid() throws Exception {
    assertOciError(put("malformed", OCI_MANIFEST, "{\"schemaVersion\": 2,".getBytes(StandardCharsets.UTF_8)), 400,
        "MANIFEST_INVALID");
    assertOciError(put("malformed", OCI_MANIFEST, "[1,2,3]".getBytes(StandardCharsets.UTF_8)), 400,
        "MANIFEST_INVALID");
    assertOciError(put("malformed", OCI_MANIFEST, new byte[0]), 400, "MANIFEST_INVALID");
    assertOciError(oci.get(path("malformed")), 404, "MANIFEST_UNKNOWN");
  }

  @Test
  void put_structurallyInvalid_400ManifestInvalid() throws Exception {
    byte[] noLayers = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":"
        + "{\"mediaType\":\"" + OCI_CONFIG + "\",\"digest\":\"" + sha256(config) + "\",\"size\":" + config.length
        + "}}").getBytes(StandardCharsets.UTF_8);
    assertOciError(put("invalid", OCI_MANIFEST, noLayers), 400, "MANIFEST_INVALID");
    byte[] schema1 = ociManifest("schema").clone();
    String s = new String(schema1, StandardCharsets.UTF_8).replace("\"schemaVersion\":2", "\"schemaVersion\":1");
    assertOciError(put("invalid", OCI_MANIFEST, s.getBytes(StandardCharsets.UTF_8)), 400, "MANIFEST_INVALID");
    String badDigest = new String(ociManifest("bad-digest"), StandardCharsets.UTF_8)
        .replace(sha256(layer), "sha256:1234");
    assertOciError(put("invalid", OCI_MANIFEST, badDigest.getBytes(StandardCharsets.UTF_8)), 400, "MANIFEST_INVALID");
  }

  @Test
  void put_contentTypeDisagreesWithMediaType_400ManifestInvalid() throws Exception {
    assertOciError(put("mismatch", DOCKER_MANIFEST, ociManifest("mismatch")), 400, "MANIFEST_INVALID");
    assertOciError(put("mismatch", "application/vnd.unknown.manifest+json",
        "{\"schemaVersion\":2,\"config\":{},\"layers\":[]}".getBytes(StandardCharsets.UTF_8)), 400,
        "MANIFEST_INVALID");
  }

  @Test
  void put_invalidTag_400() throws Exception {
    HttpResponse<byte[]> r = put("-starts-with-dash", OCI_MANIFEST, ociManifest("badtag"));
    assertThat(r.statusCode()).as(text(r)).isEqualTo(400);
    assertOciError(put("t".repeat(129), OCI_MANIFEST, ociManifest("longtag")), 400, "MANIFEST_INVALID");
  }

  @Test
  void put_largerThanFourMiB_413() throws Exception {
    // Valid JSON padded with an annotation past the limit.
    String padding = "x".repeat(4 * 1024 * 1024);
    byte[] body = imageManifest(OCI_MANIFEST, descriptor(OCI_CONFIG, config), List.of(descriptor(OCI_LAYER, layer)),
        Map.of("annotations", Map.of("padding", padding)));
    assertThat(body.length).isGreaterThan(4 * 1024 * 1024);
    assertOciError(put("toolarge", OCI_MANIFEST, body), 413, "MANIFEST_INVALID");
    // Sent without a Content-Length (chunked), the limit holds too.
    HttpResponse<byte[]> chunked = oci.send(oci.request(path("toolarge")).header("Content-Type", OCI_MANIFEST)
        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))));
    assertOciError(chunked, 413, "MANIFEST_INVALID");
    assertOciError(oci.get(path("toolarge")), 404, "MANIFEST_UNKNOWN");
  }

  @Test
  void put_digestReferenceNotMatchingBody_400DigestInvalid() throws Exception {
    byte[] body = ociManifest("digest-mismatch");
    byte[] other = ociManifest("something-else");
    assertOciError(put(sha256(other), OCI_MANIFEST, body), 400, "DIGEST_INVALID");
    assertOciError(oci.get(path(sha256(other))), 404, "MANIFEST_UNKNOWN");
    assertOciError(oci.get(path(sha256(body))), 404, "MANIFEST_UNKNOWN");
    assertOciError(put("sha256:nothex", OCI_MANIFEST, body), 400, "DIGEST_INVALID");
  }

  // ---- unknown references ----

  @Test
  void get_unknownTag_404ManifestUnknown() throws Exception {
    assertOciError(oci.get(path("nosuchtag")), 404, "MANIFEST_UNKNOWN");
    HttpResponse<byte[]> head = oci.head(path("nosuchtag"));
    assertThat(head.statusCode()).isEqualTo(404);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void get_unknownDigest_404ManifestUnknown() throws Exception {
    assertOciError(oci.get(path(sha256(random(10, 38)))), 404, "MANIFEST_UNKNOWN");
    assertThat(oci.head(path(sha256(random(10, 38)))).statusCode()).isEqualTo(404);
  }

  @Test
  void get_blobDigestAsManifest_404ManifestUnknown() throws Exception {
    assertOciError(oci.get(path(sha256(layer))), 404, "MANIFEST_UNKNOWN");
  }

  @Test
  void get_unknownRepository_404NameUnknown() throws Exception {
    assertOciError(oci.get("/v2/" + reg + "/nosuchrepo/manifests/latest"), 404, "NAME_UNKNOWN");
  }

  // ---- deletes ----

  @Test
  void delete_byDigest_202ThenGone404AndTagGone() throws Exception {
    byte[] body = ociManifest("delete-by-digest");
    oci.pushManifest(name, "doomed", OCI_MANIFEST, body);
    oci.pushManifest(name, "doomed2", OCI_MANIFEST, body);
    HttpResponse<byte[]> r = oci.delete(path(sha256(body)));
    assertThat(r.statusCode()).as(text(r)).isEqualTo(202);
    assertOciError(oci.get(path(sha256(body))), 404, "MANIFEST_UNKNOWN");
    assertThat(oci.head(path(sha256(body))).statusCode()).isEqualTo(404);
    assertOciError(oci.get(path("doomed")), 404, "MANIFEST_UNKNOWN");
    assertOciError(oci.get(path("doomed2")), 404, "MANIFEST_UNKNOWN");
    assertThat(tags()).doesNotContain("doomed", "doomed2");
    assertOciError(oci.delete(path(sha256(body))), 404, "MANIFEST_UNKNOWN");
    // The blobs it referenced are still there.
    assertThat(oci.get("/v2/" + name + "/blobs/" + sha256(layer)).statusCode()).isEqualTo(200);
  }

  @Test
  void delete_tag_202ManifestStillReachableByDigest() throws Exception {
    byte[] body = ociManifest("delete-tag");
    oci.pushManifest(name, "untagme", OCI_MANIFEST, body);
    oci.pushManifest(name, "keepme", OCI_MANIFEST, body);
    HttpResponse<byte[]> r = oci.delete(path("untagme"));
    assertThat(r.statusCode()).as(text(r)).isEqualTo(202);
    assertOciError(oci.get(path("untagme")), 404, "MANIFEST_UNKNOWN");
    assertThat(tags()).doesNotContain("untagme").contains("keepme");
    assertServed(sha256(body), OCI_MANIFEST, body);
    assertServed("keepme", OCI_MANIFEST, body);
    assertOciError(oci.delete(path("untagme")), 404, "MANIFEST_UNKNOWN");
  }

  @Test
  void delete_unknownRepository_404NameUnknown() throws Exception {
    assertOciError(oci.delete("/v2/" + reg + "/nosuchrepo/manifests/" + sha256(config)), 404, "NAME_UNKNOWN");
  }

  @Test
  void delete_configAndLayerBlobs_202Then404() throws Exception {
    String repo = reg + "/blobdelete";
    OciHttp.Image image = oci.pushImage(repo, "v1", "blobdelete");
    for (String digest : List.of(image.config(), image.layer())) {
      HttpResponse<byte[]> r = oci.delete("/v2/" + repo + "/blobs/" + digest);
      assertThat(r.statusCode()).as(text(r)).isEqualTo(202);
      assertOciError(oci.get("/v2/" + repo + "/blobs/" + digest), 404, "BLOB_UNKNOWN");
    }
    HttpResponse<byte[]> manifest = oci.delete("/v2/" + repo + "/manifests/" + image.manifest());
    assertThat(manifest.statusCode()).isEqualTo(202);
    assertOciError(oci.get("/v2/" + repo + "/manifests/v1"), 404, "MANIFEST_UNKNOWN");
  }
}
