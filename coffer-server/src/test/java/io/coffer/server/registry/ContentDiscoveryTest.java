package io.coffer.server.registry;

import static io.coffer.server.registry.OciHttp.EMPTY_JSON;
import static io.coffer.server.registry.OciHttp.OCI_EMPTY;
import static io.coffer.server.registry.OciHttp.OCI_INDEX;
import static io.coffer.server.registry.OciHttp.OCI_MANIFEST;
import static io.coffer.server.registry.OciHttp.assertOciError;
import static io.coffer.server.registry.OciHttp.descriptor;
import static io.coffer.server.registry.OciHttp.header;
import static io.coffer.server.registry.OciHttp.imageManifest;
import static io.coffer.server.registry.OciHttp.json;
import static io.coffer.server.registry.OciHttp.random;
import static io.coffer.server.registry.OciHttp.sha256;
import static io.coffer.server.registry.OciHttp.strings;
import static io.coffer.server.registry.OciHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.server.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tag lists, the two catalogs (with paging) and the referrers API. */
class ContentDiscoveryTest {
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
  private static final List<String> TAGS = List.of("1.0", "1.1", "2.0", "alpha", "beta", "latest");
  private static final List<String> REPOSITORIES = List.of("alpha", "beta", "gamma/one", "gamma/two", "zeta");
  @TempDir static Path dir;
  static TestServer server;
  static OciHttp oci;
  static String reg;
  static String catalogReg;
  static String tagged;
  static OciHttp.Image subject;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    oci = new OciHttp(server);
    reg = server.createRegistry("discovery");
    catalogReg = server.createRegistry("zzcatalog");
    tagged = reg + "/tagged";
    OciHttp.Image image = oci.pushImage(tagged, TAGS.get(0), "tags");
    for (String tag : TAGS.subList(1, TAGS.size())) {
      oci.pushManifest(tagged, tag, OCI_MANIFEST, image.manifestBytes());
    }
    for (String repo : REPOSITORIES) oci.pushBlob(catalogReg + "/" + repo, repo.getBytes(StandardCharsets.UTF_8));
    subject = oci.pushImage(reg + "/referred", "v1", "subject");
    oci.pushBlob(reg + "/referred", EMPTY_JSON);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String next(HttpResponse<byte[]> r) {
    String link = header(r, "Link");
    if (link == null) return null;
    Matcher m = NEXT.matcher(link);
    assertThat(m.find()).as("Link header " + link).isTrue();
    return m.group(1);
  }

  /** Follows Link headers from {@code first}; returns every page's entries under {@code field}. */
  private static List<List<String>> pages(String first, String field) throws Exception {
    List<List<String>> pages = new ArrayList<>();
    String url = first;
    while (url != null) {
      HttpResponse<byte[]> r = oci.get(url);
      assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
      assertThat(header(r, "Content-Type")).startsWith("application/json");
      pages.add(strings(json(r).get(field)));
      url = next(r);
      assertThat(pages.size()).as("too many pages").isLessThan(20);
    }
    return pages;
  }

  // ---- tags ----

  @Test
  void tagsList_all_200SortedWithoutLink() throws Exception {
    HttpResponse<byte[]> r = oci.get("/v2/" + tagged + "/tags/list");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(json(r).path("name").asText()).isEqualTo(tagged);
    assertThat(strings(json(r).get("tags"))).containsExactlyElementsOf(TAGS);
    assertThat(header(r, "Link")).isNull();
  }

  @Test
  void tagsList_withN_firstNAndLinkToNext() throws Exception {
    HttpResponse<byte[]> r = oci.get("/v2/" + tagged + "/tags/list?n=2");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(strings(json(r).get("tags"))).containsExactly("1.0", "1.1");
    assertThat(header(r, "Link")).isEqualTo("</v2/" + tagged + "/tags/list?n=2&last=1.1>; rel=\"next\"");
  }

  @Test
  void tagsList_withNAndLast_tagsAfterLast() throws Exception {
    HttpResponse<byte[]> r = oci.get("/v2/" + tagged + "/tags/list?n=3&last=1.1");
    assertThat(strings(json(r).get("tags"))).containsExactly("2.0", "alpha", "beta");
    assertThat(next(r)).isNotNull();
    HttpResponse<byte[]> tail = oci.get("/v2/" + tagged + "/tags/list?n=3&last=beta");
    assertThat(strings(json(tail).get("tags"))).containsExactly("latest");
    assertThat(header(tail, "Link")).isNull();
    HttpResponse<byte[]> onlyLast = oci.get("/v2/" + tagged + "/tags/list?last=alpha");
    assertThat(strings(json(onlyLast).get("tags"))).containsExactly("beta", "latest");
  }

  @Test
  void tagsList_followingLinks_everyTagOnce() throws Exception {
    List<List<String>> pages = pages("/v2/" + tagged + "/tags/list?n=4", "tags");
    assertThat(pages).hasSize(2);
    assertThat(pages.get(0)).hasSize(4);
    assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(TAGS);
    // A page that ends exactly at the last tag has no Link.
    assertThat(pages("/v2/" + tagged + "/tags/list?n=3", "tags")).hasSize(2);
    assertThat(pages("/v2/" + tagged + "/tags/list?n=6", "tags")).hasSize(1);
  }

  @Test
  void tagsList_nZero_emptyList() throws Exception {
    HttpResponse<byte[]> r = oci.get("/v2/" + tagged + "/tags/list?n=0");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("tags").size()).isZero();
  }

  @Test
  void tagsList_repositoryWithoutTags_emptyList() throws Exception {
    oci.pushBlob(reg + "/untagged", random(10, 51));
    HttpResponse<byte[]> r = oci.get("/v2/" + reg + "/untagged/tags/list");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(json(r).get("tags").isArray()).isTrue();
    assertThat(json(r).get("tags").size()).isZero();
  }

  @Test
  void tagsList_unknownRepository_404NameUnknown() throws Exception {
    assertOciError(oci.get("/v2/" + reg + "/nosuchrepo/tags/list"), 404, "NAME_UNKNOWN");
  }

  // ---- catalogs ----

  @Test
  void registryCatalog_all_relativeNamesSorted() throws Exception {
    HttpResponse<byte[]> r = oci.get("/v2/" + catalogReg + "/_catalog");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(strings(json(r).get("repositories"))).containsExactlyElementsOf(REPOSITORIES);
    assertThat(header(r, "Link")).isNull();
  }

  @Test
  void registryCatalog_paged_linksCoverEveryRepositoryOnce() throws Exception {
    HttpResponse<byte[]> first = oci.get("/v2/" + catalogReg + "/_catalog?n=2");
    assertThat(strings(json(first).get("repositories"))).containsExactly("alpha", "beta");
    assertThat(header(first, "Link")).isEqualTo("</v2/" + catalogReg + "/_catalog?n=2&last=beta>; rel=\"next\"");
    List<List<String>> pages = pages("/v2/" + catalogReg + "/_catalog?n=2", "repositories");
    assertThat(pages).hasSize(3);
    assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(REPOSITORIES);
    HttpResponse<byte[]> after = oci.get("/v2/" + catalogReg + "/_catalog?n=2&last=gamma/one");
    assertThat(strings(json(after).get("repositories"))).containsExactly("gamma/two", "zeta");
  }

  @Test
  void globalCatalog_admin_fullNamesOfEveryRegistry() throws Exception {
    HttpResponse<byte[]> r = oci.get("/v2/_catalog");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    List<String> names = strings(json(r).get("repositories"));
    assertThat(names).contains(tagged, reg + "/referred");
    assertThat(names).containsSubsequence(REPOSITORIES.stream().map(n -> catalogReg + "/" + n).toList());
    assertThat(names).isSorted();
  }

  @Test
  void globalCatalog_paged_linksCoverEveryRepositoryOnce() throws Exception {
    List<String> all = strings(json(oci.get("/v2/_catalog")).get("repositories"));
    List<List<String>> pages = pages("/v2/_catalog?n=2", "repositories");
    assertThat(pages.get(0)).hasSize(2);
    assertThat(header(oci.get("/v2/_catalog?n=2"), "Link")).startsWith("</v2/_catalog?n=2&last=");
    assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(all);
    // Starting after the last name of another registry lists this one's repositories.
    HttpResponse<byte[]> mine = oci.get("/v2/_catalog?n=3&last=" + catalogReg + "/");
    assertThat(strings(json(mine).get("repositories")))
        .containsExactly(catalogReg + "/alpha", catalogReg + "/beta", catalogReg + "/gamma/one");
  }

  @Test
  void globalCatalog_anonymous_401() throws Exception {
    HttpResponse<byte[]> r = oci.as(null).get("/v2/_catalog");
    assertOciError(r, 401, "UNAUTHORIZED");
    assertThat(header(r, "WWW-Authenticate")).contains("scope=\"registry:catalog:*\"");
  }

  // ---- referrers ----

  private static Map<String, Object> extra(String artifactType, Map<String, String> annotations) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("artifactType", artifactType);
    extra.put("subject", descriptor(OCI_MANIFEST, subject.manifestBytes()));
    extra.put("annotations", annotations);
    return extra;
  }

  private static byte[] referrer(String artifactType, Map<String, String> annotations) {
    return imageManifest(OCI_MANIFEST, descriptor(OCI_EMPTY, EMPTY_JSON), List.of(descriptor(OCI_EMPTY, EMPTY_JSON)),
        extra(artifactType, annotations));
  }

  private static HttpResponse<byte[]> referrers(String repository, String digest, String query) throws Exception {
    return oci.get("/v2/" + repository + "/referrers/" + digest + (query == null ? "" : "?" + query));
  }

  private static JsonNode find(JsonNode manifests, String digest) {
    for (JsonNode m : manifests) {
      if (m.path("digest").asText().equals(digest)) return m;
    }
    throw new AssertionError(digest + " not in " + manifests);
  }

  @Test
  void putManifestWithSubject_201WithOciSubjectHeader() throws Exception {
    byte[] body = referrer("application/vnd.example.sbom", Map.of("org.example.kind", "sbom"));
    HttpResponse<byte[]> r = oci.put("/v2/" + reg + "/referred/manifests/" + sha256(body), body, OCI_MANIFEST);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    assertThat(header(r, "OCI-Subject")).isEqualTo(subject.manifest());
    assertThat(header(r, "Docker-Content-Digest")).isEqualTo(sha256(body));
  }

  @Test
  void putManifestWithoutSubject_noOciSubjectHeader() throws Exception {
    OciHttp.Image plain = oci.pushImage(reg + "/plain", "v1", "plain");
    HttpResponse<byte[]> r = oci.put("/v2/" + reg + "/plain/manifests/v2", plain.manifestBytes(), OCI_MANIFEST);
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(header(r, "OCI-Subject")).isNull();
  }

  @Test
  void referrers_subjectWithReferrers_indexWithDescriptors() throws Exception {
    String repo = reg + "/referred";
    byte[] signature = referrer("application/vnd.example.signature", Map.of("org.example.signer", "alice"));
    byte[] sbom = referrer("application/vnd.example.sbom.v2", Map.of("org.example.format", "spdx"));
    oci.pushManifest(repo, sha256(signature), OCI_MANIFEST, signature);
    oci.pushManifest(repo, sha256(sbom), OCI_MANIFEST, sbom);

    HttpResponse<byte[]> r = referrers(repo, subject.manifest(), null);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(header(r, "Content-Type")).isEqualTo(OCI_INDEX);
    assertThat(header(r, "OCI-Filters-Applied")).isNull();
    JsonNode index = json(r);
    assertThat(index.path("schemaVersion").asInt()).isEqualTo(2);
    assertThat(index.path("mediaType").asText()).isEqualTo(OCI_INDEX);
    JsonNode sig = find(index.get("manifests"), sha256(signature));
    assertThat(sig.path("mediaType").asText()).isEqualTo(OCI_MANIFEST);
    assertThat(sig.path("size").asLong()).isEqualTo(signature.length);
    assertThat(sig.path("artifactType").asText()).isEqualTo("application/vnd.example.signature");
    assertThat(sig.path("annotations").path("org.example.signer").asText()).isEqualTo("alice");
    JsonNode bom = find(index.get("manifests"), sha256(sbom));
    assertThat(bom.path("artifactType").asText()).isEqualTo("application/vnd.example.sbom.v2");
    assertThat(bom.path("annotations").path("org.example.format").asText()).isEqualTo("spdx");
  }

  @Test
  void referrers_artifactTypeFilter_onlyThatTypeAndFilterHeader() throws Exception {
    String repo = reg + "/referred";
    byte[] wanted = referrer("application/vnd.example.filtered", Map.of("n", "1"));
    byte[] unwanted = referrer("application/vnd.example.other", Map.of("n", "2"));
    oci.pushManifest(repo, sha256(wanted), OCI_MANIFEST, wanted);
    oci.pushManifest(repo, sha256(unwanted), OCI_MANIFEST, unwanted);
    HttpResponse<byte[]> r = referrers(repo, subject.manifest(), "artifactType=application/vnd.example.filtered");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(header(r, "OCI-Filters-Applied")).isEqualTo("artifactType");
    JsonNode manifests = json(r).get("manifests");
    assertThat(manifests.size()).isEqualTo(1);
    assertThat(manifests.get(0).path("digest").asText()).isEqualTo(sha256(wanted));
    assertThat(manifests.get(0).path("artifactType").asText()).isEqualTo("application/vnd.example.filtered");

    HttpResponse<byte[]> none = referrers(repo, subject.manifest(), "artifactType=application/vnd.example.absent");
    assertThat(none.statusCode()).isEqualTo(200);
    assertThat(header(none, "OCI-Filters-Applied")).isEqualTo("artifactType");
    assertThat(json(none).get("manifests").size()).isZero();
  }

  @Test
  void referrers_artifactTypeFromConfig_whenManifestHasNone() throws Exception {
    String repo = reg + "/referred";
    byte[] config = "{\"kind\":\"attestation\"}".getBytes(StandardCharsets.UTF_8);
    oci.pushBlob(repo, config);
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("subject", descriptor(OCI_MANIFEST, subject.manifestBytes()));
    byte[] body = imageManifest(OCI_MANIFEST, descriptor("application/vnd.example.config.v1+json", config),
        List.of(descriptor(OCI_EMPTY, EMPTY_JSON)), extra);
    oci.pushManifest(repo, sha256(body), OCI_MANIFEST, body);
    JsonNode d = find(json(referrers(repo, subject.manifest(), null)).get("manifests"), sha256(body));
    assertThat(d.path("artifactType").asText()).isEqualTo("application/vnd.example.config.v1+json");
  }

  @Test
  void referrers_subjectWithoutReferrers_200EmptyIndex() throws Exception {
    OciHttp.Image lonely = oci.pushImage(reg + "/lonely", "v1", "lonely");
    HttpResponse<byte[]> r = referrers(reg + "/lonely", lonely.manifest(), null);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(header(r, "Content-Type")).isEqualTo(OCI_INDEX);
    assertThat(json(r).path("schemaVersion").asInt()).isEqualTo(2);
    assertThat(json(r).get("manifests").isArray()).isTrue();
    assertThat(json(r).get("manifests").size()).isZero();
    // An unknown digest, too.
    HttpResponse<byte[]> unknown = referrers(reg + "/lonely", sha256(random(9, 52)), null);
    assertThat(unknown.statusCode()).isEqualTo(200);
    assertThat(json(unknown).get("manifests").size()).isZero();
  }

  @Test
  void referrers_subjectNotYetPushed_referrerAcceptedAndListed() throws Exception {
    String repo = reg + "/early";
    oci.pushBlob(repo, EMPTY_JSON);
    byte[] futureSubject = random(64, 53);
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("artifactType", "application/vnd.example.early");
    extra.put("subject", descriptor(OCI_MANIFEST, futureSubject));
    byte[] body = imageManifest(OCI_MANIFEST, descriptor(OCI_EMPTY, EMPTY_JSON),
        List.of(descriptor(OCI_EMPTY, EMPTY_JSON)), extra);
    HttpResponse<byte[]> put = oci.put("/v2/" + repo + "/manifests/" + sha256(body), body, OCI_MANIFEST);
    assertThat(put.statusCode()).as(text(put)).isEqualTo(201);
    assertThat(header(put, "OCI-Subject")).isEqualTo(sha256(futureSubject));
    JsonNode manifests = json(referrers(repo, sha256(futureSubject), null)).get("manifests");
    assertThat(manifests.size()).isEqualTo(1);
    assertThat(manifests.get(0).path("digest").asText()).isEqualTo(sha256(body));
  }

  @Test
  void referrers_deletedReferrer_noLongerListed() throws Exception {
    String repo = reg + "/referred";
    byte[] body = referrer("application/vnd.example.deleted", Map.of("d", "1"));
    oci.pushManifest(repo, sha256(body), OCI_MANIFEST, body);
    assertThat(oci.delete("/v2/" + repo + "/manifests/" + sha256(body)).statusCode()).isEqualTo(202);
    JsonNode manifests = json(referrers(repo, subject.manifest(), "artifactType=application/vnd.example.deleted"))
        .get("manifests");
    assertThat(manifests.size()).isZero();
  }

  @Test
  void referrers_malformedDigest_400DigestInvalid() throws Exception {
    assertOciError(referrers(reg + "/referred", "sha256:nothex", null), 400, "DIGEST_INVALID");
  }

  @Test
  void referrers_indexWithSubject_listedWithIndexMediaType() throws Exception {
    String repo = reg + "/referred";
    Map<String, Object> idx = new LinkedHashMap<>();
    idx.put("schemaVersion", 2);
    idx.put("mediaType", OCI_INDEX);
    idx.put("artifactType", "application/vnd.example.index-referrer");
    idx.put("manifests", List.of(descriptor(OCI_MANIFEST, subject.manifestBytes())));
    idx.put("subject", descriptor(OCI_MANIFEST, subject.manifestBytes()));
    byte[] body = io.coffer.common.Json.bytes(idx);
    HttpResponse<byte[]> put = oci.put("/v2/" + repo + "/manifests/" + sha256(body), body, OCI_INDEX);
    assertThat(put.statusCode()).as(text(put)).isEqualTo(201);
    assertThat(header(put, "OCI-Subject")).isEqualTo(subject.manifest());
    JsonNode d = find(json(referrers(repo, subject.manifest(), null)).get("manifests"), sha256(body));
    assertThat(d.path("mediaType").asText()).isEqualTo(OCI_INDEX);
    assertThat(d.path("artifactType").asText()).isEqualTo("application/vnd.example.index-referrer");
  }
}
