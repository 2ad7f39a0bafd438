package io.coffer.server.registry;

import static io.coffer.server.registry.OciHttp.EMPTY_JSON;
import static io.coffer.server.registry.OciHttp.OCI_CONFIG;
import static io.coffer.server.registry.OciHttp.OCI_EMPTY;
import static io.coffer.server.registry.OciHttp.OCI_INDEX;
import static io.coffer.server.registry.OciHttp.OCI_MANIFEST;
import static io.coffer.server.registry.OciHttp.assertOciError;
import static io.coffer.server.registry.OciHttp.descriptor;
import static io.coffer.server.registry.OciHttp.header;
import static io.coffer.server.registry.OciHttp.imageManifest;
import static io.coffer.server.registry.OciHttp.json;
import static io.coffer.server.registry.OciHttp.location;
import static io.coffer.server.registry.OciHttp.random;
import static io.coffer.server.registry.OciHttp.sha256;
import static io.coffer.server.registry.OciHttp.strings;
import static io.coffer.server.registry.OciHttp.text;
import static io.coffer.server.registry.OciHttp.withQuery;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.server.TestServer;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviour the OCI distribution-spec conformance workflows (pull, push, content discovery,
 * content management) rely on and the other registry tests leave unpinned: references that cannot
 * name anything, descriptors with fields the registry does not know, chunk order on a fresh
 * session, content pushed again after a delete, and a referrers graph of every kind of referrer.
 */
class ConformanceGapsTest {
  private static final String GZIP_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
  private static final String TYPE_A = "application/vnd.example.conformance.alpha";
  private static final String TYPE_B = "application/vnd.example.conformance.beta";
  private static final String TYPE_INDEX = "application/vnd.example.conformance.index";
  private static final String NOTE = "org.example.conformance.note";
  @TempDir static Path dir;
  static TestServer server;
  static OciHttp oci;
  static String reg;
  static Graph graph;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    oci = new OciHttp(server);
    reg = server.createRegistry("conformance");
    graph = populate(reg + "/referrers", "graph");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  // ---- helpers ----

  /** A config like a container image's, unique per {@code seed}. */
  private static byte[] imageConfig(String seed) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("author", seed);
    c.put("architecture", "amd64");
    c.put("os", "linux");
    c.put("rootfs", Map.of("type", "layers", "diff_ids", List.of()));
    return Json.bytes(c);
  }

  /**
   * A descriptor carrying what a registry must pass over: {@code data} (the content itself,
   * base64) when given, and a field no specification defines, here null.
   */
  private static Map<String, Object> rich(String mediaType, byte[] content, boolean embed) {
    Map<String, Object> d = descriptor(mediaType, content);
    if (embed) d.put("data", Base64.getEncoder().encodeToString(content));
    d.put("newUnspecifiedField", embed ? Base64.getEncoder().encodeToString("hello".getBytes()) : null);
    return d;
  }

  private static HttpResponse<byte[]> getManifest(String repository, String reference) throws Exception {
    return oci.get("/v2/" + repository + "/manifests/" + reference, "Accept", OCI_MANIFEST);
  }

  private static HttpResponse<byte[]> headManifest(String repository, String reference) throws Exception {
    return oci.send(oci.request("/v2/" + repository + "/manifests/" + reference).header("Accept", OCI_MANIFEST)
        .method("HEAD", BodyPublishers.noBody()));
  }

  private static List<String> tags(String repository) throws Exception {
    HttpResponse<byte[]> r = oci.get("/v2/" + repository + "/tags/list");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    return strings(json(r).get("tags"));
  }

  private static void assertAccepted(HttpResponse<byte[]> r) {
    assertThat(r.statusCode()).as(r.request().method() + " " + r.uri() + ": " + text(r)).isEqualTo(202);
  }

  // ---- pull: references ----

  @Test
  void get_referenceThatIsNoValidTag_404ManifestUnknown() throws Exception {
    String repo = reg + "/badreference";
    oci.pushImage(repo, "v1", "badreference");
    for (String reference : List.of(".INVALID_MANIFEST_NAME", "-dash-first", "t".repeat(129))) {
      assertOciError(getManifest(repo, reference), 404, "MANIFEST_UNKNOWN");
      HttpResponse<byte[]> head = headManifest(repo, reference);
      assertThat(head.statusCode()).as(reference + ": " + text(head)).isEqualTo(404);
      assertThat(head.body()).isEmpty();
    }
  }

  @Test
  void get_malformedDigestReferenceWithBody_400DigestInvalid() throws Exception {
    String repo = reg + "/baddigest";
    oci.pushImage(repo, "v1", "baddigest");
    HttpResponse<byte[]> r = oci.send(oci.request("/v2/" + repo + "/manifests/sha256:totallywrong")
        .header("Content-Type", OCI_MANIFEST)
        .method("GET", BodyPublishers.ofByteArray("blablabla".getBytes(StandardCharsets.UTF_8))));
    assertOciError(r, 400, "DIGEST_INVALID");
  }

  // ---- push: manifests ----

  @Test
  void put_descriptorsWithDataAndUnknownFields_201AndServedByTagAndDigest() throws Exception {
    String repo = reg + "/richdescriptors";
    byte[] layer = random(777, 301);
    oci.pushBlob(repo, layer);
    List<byte[]> bodies = new ArrayList<>();
    for (String seed : List.of("rich-0", "rich-1")) {
      byte[] config = imageConfig(seed);
      oci.pushBlob(repo, config);
      bodies.add(imageManifest(OCI_MANIFEST, rich(OCI_CONFIG, config, true), List.of(rich(GZIP_LAYER, layer, false)),
          null));
    }
    assertThat(new String(bodies.get(0), StandardCharsets.UTF_8)).contains("\"newUnspecifiedField\":null");

    HttpResponse<byte[]> byTag = oci.put("/v2/" + repo + "/manifests/tagtest0", bodies.get(0), OCI_MANIFEST);
    assertThat(byTag.statusCode()).as(text(byTag)).isEqualTo(201);
    assertThat(location(byTag)).isEqualTo("/v2/" + repo + "/manifests/" + sha256(bodies.get(0)));
    HttpResponse<byte[]> byDigest = oci.put("/v2/" + repo + "/manifests/" + sha256(bodies.get(1)), bodies.get(1),
        OCI_MANIFEST);
    assertThat(byDigest.statusCode()).as(text(byDigest)).isEqualTo(201);
    assertThat(location(byDigest)).isEqualTo("/v2/" + repo + "/manifests/" + sha256(bodies.get(1)));

    for (String[] pair : new String[][] {{"tagtest0", "0"}, {sha256(bodies.get(0)), "0"},
        {sha256(bodies.get(1)), "1"}}) {
      byte[] body = bodies.get(Integer.parseInt(pair[1]));
      HttpResponse<byte[]> head = headManifest(repo, pair[0]);
      assertThat(head.statusCode()).as(pair[0] + ": " + text(head)).isEqualTo(200);
      assertThat(header(head, "Docker-Content-Digest")).isEqualTo(sha256(body));
      HttpResponse<byte[]> get = getManifest(repo, pair[0]);
      assertThat(get.statusCode()).as(pair[0] + ": " + text(get)).isEqualTo(200);
      assertThat(get.body()).isEqualTo(body);
    }
  }

  @Test
  void put_manifestWithoutMediaTypeOrLayers_201ServedAsOciManifestAndDeletable() throws Exception {
    String repo = reg + "/emptylayer";
    byte[] config = imageConfig("emptylayer");
    oci.pushBlob(repo, config);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", 2);
    m.put("config", rich(OCI_CONFIG, config, true));
    m.put("layers", List.of());
    byte[] body = Json.bytes(m);
    assertThat(new String(body, StandardCharsets.UTF_8)).doesNotContain("\"mediaType\":\"" + OCI_MANIFEST);

    HttpResponse<byte[]> put = oci.put("/v2/" + repo + "/manifests/emptylayer", body, OCI_MANIFEST);
    assertThat(put.statusCode()).as(text(put)).isEqualTo(201);
    assertThat(location(put)).isEqualTo("/v2/" + repo + "/manifests/" + sha256(body));
    HttpResponse<byte[]> get = getManifest(repo, sha256(body));
    assertThat(get.statusCode()).as(text(get)).isEqualTo(200);
    assertThat(header(get, "Content-Type")).isEqualTo(OCI_MANIFEST);
    assertThat(get.body()).isEqualTo(body);

    assertAccepted(oci.delete("/v2/" + repo + "/manifests/" + sha256(body)));
    assertOciError(getManifest(repo, "emptylayer"), 404, "MANIFEST_UNKNOWN");
  }

  // ---- push: chunked uploads ----

  @Test
  void patch_firstChunkNotAtOffsetZero_416() throws Exception {
    String repo = reg + "/chunks";
    byte[] blob = random(42, 302);
    String location = oci.startUpload(repo);
    HttpResponse<byte[]> r = oci.patch(location, Arrays.copyOfRange(blob, 22, 42), "22-41");
    assertOciError(r, 416, "BLOB_UPLOAD_INVALID");
    HttpResponse<byte[]> status = oci.get(location);
    assertThat(status.statusCode()).isEqualTo(204);
    assertThat(header(status, "Range")).isEqualTo("0-0");
  }

  @Test
  void chunkedUpload_retryAndStatusOnSessionLocation_416Then204ThenCreated() throws Exception {
    String repo = reg + "/chunks";
    byte[] blob = random(42, 303);
    String digest = sha256(blob);
    String session = oci.startUpload(repo);

    HttpResponse<byte[]> first = oci.patch(session, Arrays.copyOfRange(blob, 0, 22), "0-21");
    assertAccepted(first);
    assertThat(header(first, "Range")).isEqualTo("0-21");

    // The same chunk again, sent to the Location the POST returned.
    assertOciError(oci.patch(session, Arrays.copyOfRange(blob, 0, 22), "0-21"), 416, "BLOB_UPLOAD_INVALID");

    HttpResponse<byte[]> status = oci.get(session);
    assertThat(status.statusCode()).isEqualTo(204);
    assertThat(header(status, "Range")).isEqualTo("0-21");
    String resume = location(status);
    assertThat(resume).isNotBlank();

    HttpResponse<byte[]> second = oci.patch(resume, Arrays.copyOfRange(blob, 22, 42), "22-41");
    assertAccepted(second);
    assertThat(location(second)).isNotBlank();

    HttpResponse<byte[]> put = oci.put(withQuery(location(second), "digest", digest), null,
        "application/octet-stream");
    assertThat(put.statusCode()).as(text(put)).isEqualTo(201);
    assertThat(location(put)).isEqualTo("/v2/" + repo + "/blobs/" + digest);
    assertThat(oci.get("/v2/" + repo + "/blobs/" + digest).body()).isEqualTo(blob);
  }

  // ---- push: cross-repository mount ----

  @Test
  void mount_unknownDigestWithoutFrom_202UploadSession() throws Exception {
    String target = reg + "/mount-" + java.util.UUID.randomUUID();
    String unknown = sha256("hello world".getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> r = oci.post("/v2/" + target + "/blobs/uploads/?mount=" + unknown, null);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(202);
    assertThat(location(r)).startsWith("/v2/" + target + "/blobs/uploads/");
    assertThat(oci.get(location(r)).statusCode()).isEqualTo(204);
  }

  // ---- content pushed again after a delete ----

  @Test
  void push_blobAgainAfterItsDelete_201AndServed() throws Exception {
    String repo = reg + "/repush";
    byte[] blob = random(512, 304);
    String digest = sha256(blob);
    String blobPath = "/v2/" + repo + "/blobs/" + digest;
    oci.pushBlob(repo, blob);
    assertAccepted(oci.delete(blobPath));
    assertOciError(oci.get(blobPath), 404, "BLOB_UNKNOWN");

    // Single request, then the two-step upload, each after a delete.
    HttpResponse<byte[]> post = oci.post("/v2/" + repo + "/blobs/uploads/?digest=" + digest, blob);
    assertThat(post.statusCode()).as(text(post)).isEqualTo(201);
    assertThat(location(post)).isEqualTo(blobPath);
    assertThat(oci.get(blobPath).body()).isEqualTo(blob);
    assertAccepted(oci.delete(blobPath));

    String session = oci.startUpload(repo);
    HttpResponse<byte[]> put = oci.put(withQuery(session, "digest", digest), blob, "application/octet-stream");
    assertThat(put.statusCode()).as(text(put)).isEqualTo(201);
    HttpResponse<byte[]> get = oci.get(blobPath);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo(blob);
  }

  @Test
  void push_manifestAgainAfterItsDelete_201UnderNewTagOnly() throws Exception {
    String repo = reg + "/remanifest";
    OciHttp.Image image = oci.pushImage(repo, "tagtest0", "remanifest");
    assertAccepted(oci.delete("/v2/" + repo + "/manifests/" + image.manifest()));
    assertOciError(getManifest(repo, "tagtest0"), 404, "MANIFEST_UNKNOWN");
    assertThat(tags(repo)).isEmpty();

    HttpResponse<byte[]> put = oci.put("/v2/" + repo + "/manifests/test0", image.manifestBytes(), OCI_MANIFEST);
    assertThat(put.statusCode()).as(text(put)).isEqualTo(201);
    assertThat(getManifest(repo, image.manifest()).body()).isEqualTo(image.manifestBytes());
    assertThat(tags(repo)).containsExactly("test0");
  }

  // ---- content management: tag and manifest deletes as the tag list sees them ----

  @Test
  void delete_tagThenItsManifest_202Then202AndOneTagFewer() throws Exception {
    String repo = reg + "/tagcount";
    OciHttp.Image kept = oci.pushImage(repo, "keep", "tagcount-kept");
    OciHttp.Image doomed = oci.pushImage(repo, "tagtest0", "tagcount-doomed");
    int before = tags(repo).size();

    assertAccepted(oci.delete("/v2/" + repo + "/manifests/tagtest0"));
    assertAccepted(oci.delete("/v2/" + repo + "/manifests/" + doomed.manifest()));
    assertOciError(getManifest(repo, doomed.manifest()), 404, "MANIFEST_UNKNOWN");
    assertThat(tags(repo)).hasSize(before - 1).containsExactly("keep");
    assertThat(getManifest(repo, kept.manifest()).statusCode()).isEqualTo(200);

    for (String digest : List.of(doomed.config(), doomed.layer())) {
      assertAccepted(oci.delete("/v2/" + repo + "/blobs/" + digest));
      assertOciError(oci.get("/v2/" + repo + "/blobs/" + digest), 404, "BLOB_UNKNOWN");
    }
  }

  // ---- referrers: a graph with every kind of referrer ----

  /**
   * Digests of a subject and its referrers: two artifacts typed by their config's media type, two
   * by {@code artifactType}, an index, and one referrer of a subject that is never pushed.
   */
  record Graph(String repository, String subject, String subjectConfig, String subjectLayer, String blobA,
      String blobB, String configA, String layerA, String index, String configB, String layerB, String orphan,
      String missingSubject, Map<String, String> notes) {}

  private static Map<String, Object> referring(Map<String, Object> subject, String artifactType, String note) {
    Map<String, Object> extra = new LinkedHashMap<>();
    if (artifactType != null) extra.put("artifactType", artifactType);
    extra.put("subject", subject);
    if (note != null) extra.put("annotations", Map.of(NOTE, note));
    return extra;
  }

  private static String pushReferrer(String repo, String mediaType, byte[] body) throws Exception {
    HttpResponse<byte[]> r = oci.put("/v2/" + repo + "/manifests/" + sha256(body), body, mediaType);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    String subject = Json.parse(body).path("subject").path("digest").asText();
    assertThat(header(r, "OCI-Subject")).isEqualTo(subject);
    return sha256(body);
  }

  /** Two referrers of one artifact type: one carrying it as its config, one as its layer. */
  private record Artifacts(byte[] config, byte[] layer) {}

  /**
   * Pushes {@code blob} and the two referrers of {@code type} that carry it, annotated "config
   * {label}" and "layer {label}" (recorded in {@code notes} by digest).
   */
  private static Artifacts pushArtifacts(String repo, String type, byte[] blob, Map<String, Object> subjectRef,
      String label, Map<String, String> notes) throws Exception {
    oci.pushBlob(repo, blob);
    // The config blob is plain text of the artifact's own type: not an image config.
    byte[] config = imageManifest(OCI_MANIFEST, descriptor(type, blob), List.of(descriptor(OCI_EMPTY, EMPTY_JSON)),
        referring(subjectRef, null, "config " + label));
    notes.put(pushReferrer(repo, OCI_MANIFEST, config), "config " + label);
    byte[] layer = imageManifest(OCI_MANIFEST, descriptor(OCI_EMPTY, EMPTY_JSON), List.of(descriptor(type, blob)),
        referring(subjectRef, type, "layer " + label));
    notes.put(pushReferrer(repo, OCI_MANIFEST, layer), "layer " + label);
    return new Artifacts(config, layer);
  }

  /** Pushes the graph in the order the conformance workflow does: some referrers before their subject. */
  static Graph populate(String repo, String seed) throws Exception {
    byte[] blobA = ("alpha payload " + seed).getBytes(StandardCharsets.UTF_8);
    byte[] blobB = ("beta payload " + seed).getBytes(StandardCharsets.UTF_8);
    byte[] subjectConfig = imageConfig(seed);
    byte[] subjectLayer = random(300, seed.hashCode());
    byte[] subject = imageManifest(OCI_MANIFEST, descriptor(OCI_CONFIG, subjectConfig),
        List.of(descriptor(GZIP_LAYER, subjectLayer)), null);
    Map<String, Object> subjectRef = descriptor(OCI_MANIFEST, subject);
    byte[] missing = imageManifest(OCI_MANIFEST, descriptor(OCI_CONFIG, imageConfig(seed + "-missing")),
        List.of(descriptor(GZIP_LAYER, subjectLayer)), null);
    Map<String, String> notes = new LinkedHashMap<>();

    oci.pushBlob(repo, EMPTY_JSON);
    Artifacts a = pushArtifacts(repo, TYPE_A, blobA, subjectRef, "a", notes);
    Map<String, Object> idx = new LinkedHashMap<>();
    idx.put("schemaVersion", 2);
    idx.put("mediaType", OCI_INDEX);
    idx.put("artifactType", TYPE_INDEX);
    idx.put("manifests", List.of(descriptor(OCI_MANIFEST, a.config()), descriptor(OCI_MANIFEST, a.layer())));
    idx.put("subject", subjectRef);
    idx.put("annotations", Map.of(NOTE, "index"));
    byte[] index = Json.bytes(idx);
    notes.put(pushReferrer(repo, OCI_INDEX, index), "index");

    oci.pushBlob(repo, subjectConfig);
    oci.pushBlob(repo, subjectLayer);
    oci.pushManifest(repo, "tagtest0", OCI_MANIFEST, subject);

    Artifacts b = pushArtifacts(repo, TYPE_B, blobB, subjectRef, "b", notes);
    byte[] orphan = imageManifest(OCI_MANIFEST, descriptor(OCI_EMPTY, EMPTY_JSON), List.of(descriptor(TYPE_B, blobB)),
        referring(descriptor(OCI_MANIFEST, missing), TYPE_B, null));
    pushReferrer(repo, OCI_MANIFEST, orphan);

    return new Graph(repo, sha256(subject), sha256(subjectConfig), sha256(subjectLayer), sha256(blobA),
        sha256(blobB), sha256(a.config()), sha256(a.layer()), sha256(index), sha256(b.config()), sha256(b.layer()),
        sha256(orphan), sha256(missing), notes);
  }

  private static JsonNode referrersIndex(String repo, String digest, String query) throws Exception {
    HttpResponse<byte[]> r = oci.get("/v2/" + repo + "/referrers/" + digest + (query == null ? "" : "?" + query));
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(header(r, "Content-Type")).isEqualTo(OCI_INDEX);
    if (query != null && query.startsWith("artifactType=")) {
      assertThat(header(r, "OCI-Filters-Applied")).isEqualTo("artifactType");
    }
    return json(r).get("manifests");
  }

  private static List<String> digests(JsonNode manifests) {
    List<String> out = new ArrayList<>();
    manifests.forEach(m -> out.add(m.path("digest").asText()));
    return out;
  }

  @Test
  void referrers_graph_everyReferrerOnceWithExactlyItsAnnotations() throws Exception {
    JsonNode manifests = referrersIndex(graph.repository(), graph.subject(), null);
    assertThat(digests(manifests)).containsExactlyInAnyOrder(graph.configA(), graph.layerA(), graph.index(),
        graph.configB(), graph.layerB());
    for (JsonNode m : manifests) {
      String digest = m.path("digest").asText();
      JsonNode annotations = m.path("annotations");
      assertThat(annotations.size()).as(digest + " annotations " + annotations).isEqualTo(1);
      assertThat(annotations.path(NOTE).asText()).isEqualTo(graph.notes().get(digest));
    }
    assertThat(find(manifests, graph.configA()).path("artifactType").asText()).isEqualTo(TYPE_A);
    assertThat(find(manifests, graph.index()).path("mediaType").asText()).isEqualTo(OCI_INDEX);
    assertThat(find(manifests, graph.index()).path("artifactType").asText()).isEqualTo(TYPE_INDEX);
  }

  private static JsonNode find(JsonNode manifests, String digest) {
    for (JsonNode m : manifests) {
      if (m.path("digest").asText().equals(digest)) return m;
    }
    throw new AssertionError(digest + " not in " + manifests);
  }

  @Test
  void referrers_artifactTypeFilter_matchesConfigTypedAndArtifactTyped() throws Exception {
    JsonNode a = referrersIndex(graph.repository(), graph.subject(), "artifactType=" + TYPE_A);
    assertThat(digests(a)).containsExactlyInAnyOrder(graph.configA(), graph.layerA());
    for (JsonNode m : a) assertThat(m.path("annotations").size()).isEqualTo(1);
    JsonNode b = referrersIndex(graph.repository(), graph.subject(), "artifactType=" + TYPE_B);
    assertThat(digests(b)).containsExactlyInAnyOrder(graph.configB(), graph.layerB());
  }

  @Test
  void referrers_subjectNeverPushed_onlyItsReferrer() throws Exception {
    JsonNode manifests = referrersIndex(graph.repository(), graph.missingSubject(), null);
    assertThat(digests(manifests)).containsExactly(graph.orphan());
    assertOciError(getManifest(graph.repository(), graph.missingSubject()), 404, "MANIFEST_UNKNOWN");
  }

  @Test
  void referrers_unknownDigest_200EmptyIndexOfIndexType() throws Exception {
    String unknown = sha256("hello world".getBytes(StandardCharsets.UTF_8));
    assertThat(referrersIndex(graph.repository(), unknown, null).size()).isZero();
    assertThat(referrersIndex(reg + "/never-pushed", unknown, null).size()).isZero();
  }

  @Test
  void delete_graphManifestsBeforeBlobs_every202() throws Exception {
    Graph g = populate(reg + "/teardown-manifests-first", "manifests-first");
    String base = "/v2/" + g.repository();
    // The subject goes while referrers still point at it.
    for (String m : List.of(g.index(), g.subject(), g.configA(), g.layerA(), g.configB(), g.layerB(), g.orphan())) {
      assertAccepted(oci.delete(base + "/manifests/" + m));
      assertOciError(getManifest(g.repository(), m), 404, "MANIFEST_UNKNOWN");
    }
    assertThat(referrersIndex(g.repository(), g.subject(), null).size()).isZero();
    for (String b : List.of(g.subjectConfig(), g.subjectLayer(), g.blobA(), g.blobB(), sha256(EMPTY_JSON))) {
      assertAccepted(oci.delete(base + "/blobs/" + b));
      assertOciError(oci.get(base + "/blobs/" + b), 404, "BLOB_UNKNOWN");
    }
  }

  @Test
  void delete_graphBlobsBeforeManifests_every202() throws Exception {
    Graph g = populate(reg + "/teardown-blobs-first", "blobs-first");
    String base = "/v2/" + g.repository();
    // Blobs go while manifests still reference them.
    for (String b : List.of(g.subjectConfig(), g.subjectLayer(), g.blobA(), g.blobB(), sha256(EMPTY_JSON))) {
      assertAccepted(oci.delete(base + "/blobs/" + b));
    }
    for (String m : List.of(g.index(), g.configA(), g.layerA(), g.subject(), g.configB(), g.layerB(), g.orphan())) {
      assertAccepted(oci.delete(base + "/manifests/" + m));
    }
    assertThat(tags(g.repository())).isEmpty();
  }
}
