package io.coffer.server.registry;

import static io.coffer.server.registry.OciHttp.assertOciError;
import static io.coffer.server.registry.OciHttp.header;
import static io.coffer.server.registry.OciHttp.location;
import static io.coffer.server.registry.OciHttp.random;
import static io.coffer.server.registry.OciHttp.sha256;
import static io.coffer.server.registry.OciHttp.text;
import static io.coffer.server.registry.OciHttp.withQuery;
import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.server.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pulling blobs (HEAD, GET, Range), deleting them, and cross-repository mounts. */
class BlobPullTest {
  private static final int MIB = 1 << 20;
  @TempDir static Path dir;
  static TestServer server;
  static OciHttp oci;
  static String reg;
  static String name;
  static byte[] small;
  static String smallDigest;
  /** About 3 MiB: many encryption segments, the last one partial. */
  static byte[] large;
  static String largeDigest;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    oci = new OciHttp(server);
    reg = server.createRegistry("pulls");
    name = reg + "/app";
    small = random(1000, 21);
    smallDigest = oci.pushBlob(name, small);
    large = random(3 * MIB + 12_345, 22);
    largeDigest = oci.pushBlob(name, large);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<byte[]> range(String digest, String range) throws Exception {
    return oci.get("/v2/" + name + "/blobs/" + digest, "Range", range);
  }

  private static void assertPartial(HttpResponse<byte[]> r, byte[] content, int from, int to) {
    assertThat(r.statusCode()).as(text(r)).isEqualTo(206);
    assertThat(header(r, "Content-Range")).isEqualTo("bytes " + from + "-" + to + "/" + content.length);
    assertThat(header(r, "Content-Length")).isEqualTo(Integer.toString(to - from + 1));
    assertThat(r.body()).isEqualTo(Arrays.copyOfRange(content, from, to + 1));
  }

  // ---- HEAD and GET ----

  @Test
  void head_existingBlob_200WithLengthAndDigestNoBody() throws Exception {
    HttpResponse<byte[]> r = oci.head("/v2/" + name + "/blobs/" + smallDigest);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(header(r, "Content-Length")).isEqualTo("1000");
    assertThat(header(r, "Docker-Content-Digest")).isEqualTo(smallDigest);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void get_existingBlob_exactBytes() throws Exception {
    HttpResponse<byte[]> r = oci.get("/v2/" + name + "/blobs/" + smallDigest);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(header(r, "Docker-Content-Digest")).isEqualTo(smallDigest);
    assertThat(header(r, "Content-Length")).isEqualTo("1000");
    assertThat(r.body()).isEqualTo(small);
  }

  @Test
  void get_largeBlob_exactBytes() throws Exception {
    HttpResponse<byte[]> r = oci.get("/v2/" + name + "/blobs/" + largeDigest);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(header(r, "Content-Length")).isEqualTo(Integer.toString(large.length));
    assertThat(sha256(r.body())).isEqualTo(largeDigest);
  }

  @Test
  void get_unknownBlob_404BlobUnknown() throws Exception {
    String unknown = sha256(random(10, 23));
    assertOciError(oci.get("/v2/" + name + "/blobs/" + unknown), 404, "BLOB_UNKNOWN");
    HttpResponse<byte[]> head = oci.head("/v2/" + name + "/blobs/" + unknown);
    assertThat(head.statusCode()).isEqualTo(404);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void get_blobOfAnotherRepository_404BlobUnknown() throws Exception {
    oci.pushBlob(reg + "/neighbour", random(5, 24));
    assertOciError(oci.get("/v2/" + reg + "/neighbour/blobs/" + smallDigest), 404, "BLOB_UNKNOWN");
    assertOciError(oci.get("/v2/" + reg + "/never/blobs/" + smallDigest), 404, "BLOB_UNKNOWN");
  }

  // ---- Range ----

  @Test
  void get_rangeWithinSegment_206ExactBytes() throws Exception {
    assertPartial(range(smallDigest, "bytes=10-99"), small, 10, 99);
    assertPartial(range(largeDigest, "bytes=10-99"), large, 10, 99);
  }

  @Test
  void get_rangeAcrossSegments_206ExactBytes() throws Exception {
    assertPartial(range(largeDigest, "bytes=1048000-2098000"), large, 1_048_000, 2_098_000);
    // Starts exactly on a segment boundary and ends exactly before one.
    assertPartial(range(largeDigest, "bytes=" + MIB + "-" + (3 * MIB - 1)), large, MIB, 3 * MIB - 1);
    // The single byte on each side of a boundary.
    assertPartial(range(largeDigest, "bytes=" + (2 * MIB - 1) + "-" + (2 * MIB)), large, 2 * MIB - 1, 2 * MIB);
  }

  @Test
  void get_suffixRange_206LastBytes() throws Exception {
    assertPartial(range(smallDigest, "bytes=-5"), small, 995, 999);
    assertPartial(range(largeDigest, "bytes=-5"), large, large.length - 5, large.length - 1);
    // A suffix longer than the blob is the whole blob.
    assertPartial(range(smallDigest, "bytes=-5000"), small, 0, 999);
  }

  @Test
  void get_openEndedRange_206ToTheEnd() throws Exception {
    assertPartial(range(largeDigest, "bytes=" + (3 * MIB) + "-"), large, 3 * MIB, large.length - 1);
    // An end past the blob is clipped.
    assertPartial(range(smallDigest, "bytes=900-5000"), small, 900, 999);
  }

  @Test
  void get_unsatisfiableRange_416() throws Exception {
    for (String bad : new String[] {"bytes=1000-", "bytes=2000-3000", "bytes=50-10", "bytes=-"}) {
      HttpResponse<byte[]> r = range(smallDigest, bad);
      assertThat(r.statusCode()).as(bad + ": " + text(r)).isEqualTo(416);
      assertThat(header(r, "Content-Range")).as(bad).isEqualTo("bytes */1000");
    }
  }

  @Test
  void get_rangeWithUnknownUnit_200WholeBlob() throws Exception {
    // RFC 9110 section 14.2: a Range with a unit the server does not understand is ignored.
    HttpResponse<byte[]> r = range(smallDigest, "items=0-5");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(header(r, "Content-Range")).isNull();
    assertThat(r.body()).isEqualTo(small);
  }

  // ---- DELETE ----

  @Test
  void delete_blob_202Then404() throws Exception {
    byte[] doomed = random(300, 25);
    String digest = oci.pushBlob(name, doomed);
    HttpResponse<byte[]> r = oci.delete("/v2/" + name + "/blobs/" + digest);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(202);
    assertOciError(oci.get("/v2/" + name + "/blobs/" + digest), 404, "BLOB_UNKNOWN");
    assertThat(oci.head("/v2/" + name + "/blobs/" + digest).statusCode()).isEqualTo(404);
    assertOciError(oci.delete("/v2/" + name + "/blobs/" + digest), 404, "BLOB_UNKNOWN");
  }

  @Test
  void delete_blobInOneRepository_otherRepositoryStillServesIt() throws Exception {
    byte[] shared = random(400, 26);
    String digest = oci.pushBlob(reg + "/first", shared);
    oci.pushBlob(reg + "/second", shared);
    assertThat(oci.delete("/v2/" + reg + "/first/blobs/" + digest).statusCode()).isEqualTo(202);
    assertThat(oci.get("/v2/" + reg + "/second/blobs/" + digest).body()).isEqualTo(shared);
  }

  @Test
  void delete_malformedDigest_400DigestInvalid() throws Exception {
    assertOciError(oci.delete("/v2/" + name + "/blobs/sha256:nothex"), 400, "DIGEST_INVALID");
  }

  // ---- mount ----

  @Test
  void mount_sourceHasBlob_201() throws Exception {
    byte[] content = random(600, 27);
    String digest = oci.pushBlob(reg + "/mountsource", content);
    HttpResponse<byte[]> r = oci.post("/v2/" + reg + "/mounttarget/blobs/uploads/?mount=" + digest + "&from="
        + reg + "/mountsource", null);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    assertThat(location(r)).isEqualTo("/v2/" + reg + "/mounttarget/blobs/" + digest);
    assertThat(header(r, "Docker-Content-Digest")).isEqualTo(digest);
    assertThat(oci.get("/v2/" + reg + "/mounttarget/blobs/" + digest).body()).isEqualTo(content);
  }

  @Test
  void mount_sourceLacksBlob_202UploadSession() throws Exception {
    byte[] content = random(650, 28);
    String digest = sha256(content);
    oci.pushBlob(reg + "/emptysource", random(3, 29));
    HttpResponse<byte[]> r = oci.post("/v2/" + reg + "/fallback/blobs/uploads/?mount=" + digest + "&from="
        + reg + "/emptysource", null);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(202);
    assertThat(location(r)).startsWith("/v2/" + reg + "/fallback/blobs/uploads/");
    assertThat(header(r, "Docker-Upload-UUID")).isNotBlank();
    // The session it opened takes the upload.
    HttpResponse<byte[]> put = oci.put(withQuery(location(r), "digest", digest), content, "application/octet-stream");
    assertThat(put.statusCode()).as(text(put)).isEqualTo(201);
    assertThat(oci.get("/v2/" + reg + "/fallback/blobs/" + digest).body()).isEqualTo(content);
  }

  @Test
  void mount_sourceRepositoryUnknown_202() throws Exception {
    HttpResponse<byte[]> r = oci.post("/v2/" + reg + "/fallback2/blobs/uploads/?mount=" + smallDigest + "&from="
        + reg + "/doesnotexist", null);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(202);
    assertThat(location(r)).startsWith("/v2/" + reg + "/fallback2/blobs/uploads/");
  }

  @Test
  void mount_fromAnotherRegistry_202() throws Exception {
    String otherReg = server.createRegistry("pullsother");
    byte[] content = random(700, 30);
    String digest = oci.pushBlob(otherReg + "/src", content);
    HttpResponse<byte[]> r = oci.post("/v2/" + reg + "/crossmount/blobs/uploads/?mount=" + digest + "&from="
        + otherReg + "/src", null);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(202);
    assertThat(location(r)).startsWith("/v2/" + reg + "/crossmount/blobs/uploads/");
    assertOciError(oci.get("/v2/" + reg + "/crossmount/blobs/" + digest), 404, "BLOB_UNKNOWN");
  }

  @Test
  void mount_withoutFrom_blobHeldInTheRegistry_201() throws Exception {
    HttpResponse<byte[]> r = oci.post("/v2/" + reg + "/nofrom/blobs/uploads/?mount=" + smallDigest, null);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    assertThat(location(r)).isEqualTo("/v2/" + reg + "/nofrom/blobs/" + smallDigest);
    assertThat(oci.get("/v2/" + reg + "/nofrom/blobs/" + smallDigest).body()).isEqualTo(small);
  }

  @Test
  void mount_withoutFrom_blobOnlyInAnotherRegistry_202() throws Exception {
    String otherReg = server.createRegistry("pullsnofrom");
    String digest = oci.pushBlob(otherReg + "/src", random(710, 31));
    HttpResponse<byte[]> r = oci.post("/v2/" + reg + "/nofrom2/blobs/uploads/?mount=" + digest, null);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(202);
    assertThat(location(r)).startsWith("/v2/" + reg + "/nofrom2/blobs/uploads/");
    assertOciError(oci.get("/v2/" + reg + "/nofrom2/blobs/" + digest), 404, "BLOB_UNKNOWN");
  }

  @Test
  void mount_malformedDigest_400DigestInvalid() throws Exception {
    assertOciError(oci.post("/v2/" + reg + "/badmount/blobs/uploads/?mount=sha256:zz&from=" + name, null), 400,
        "DIGEST_INVALID");
  }
}
