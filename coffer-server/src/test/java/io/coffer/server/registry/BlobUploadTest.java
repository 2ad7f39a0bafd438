package io.coffer.server.registry;

import static io.coffer.server.registry.OciHttp.assertOciError;
import static io.coffer.server.registry.OciHttp.header;
import static io.coffer.server.registry.OciHttp.location;
import static io.coffer.server.registry.OciHttp.random;
import static io.coffer.server.registry.OciHttp.sha256;
import static io.coffer.server.registry.OciHttp.sha512;
import static io.coffer.server.registry.OciHttp.text;
import static io.coffer.server.registry.OciHttp.withQuery;
import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.server.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushing blobs: monolithic, single-request, chunked and streamed uploads; session status and cancel. */
class BlobUploadTest {
  @TempDir static Path dir;
  static TestServer server;
  static OciHttp oci;
  static String reg;
  static String name;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    oci = new OciHttp(server);
    reg = server.createRegistry("uploads");
    name = reg + "/app";
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void assertStored(String repository, String digest, byte[] content) throws Exception {
    HttpResponse<byte[]> head = oci.head("/v2/" + repository + "/blobs/" + digest);
    assertThat(head.statusCode()).as(text(head)).isEqualTo(200);
    assertThat(header(head, "Docker-Content-Digest")).isEqualTo(digest);
    assertThat(header(head, "Content-Length")).isEqualTo(Long.toString(content.length));
    HttpResponse<byte[]> get = oci.get("/v2/" + repository + "/blobs/" + digest);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo(content);
  }

  private static void assertCreated(HttpResponse<byte[]> r, String repository, String digest) {
    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    assertThat(location(r)).isEqualTo("/v2/" + repository + "/blobs/" + digest);
    assertThat(header(r, "Docker-Content-Digest")).isEqualTo(digest);
  }

  private static void assertAbsent(String repository, String digest) throws Exception {
    assertOciError(oci.head("/v2/" + repository + "/blobs/" + digest), 404, "BLOB_UNKNOWN");
    assertOciError(oci.get("/v2/" + repository + "/blobs/" + digest), 404, "BLOB_UNKNOWN");
  }

  // ---- starting and finishing ----

  @Test
  void post_noQuery_202UploadSession() throws Exception {
    HttpResponse<byte[]> r = oci.post("/v2/" + name + "/blobs/uploads/", null);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(202);
    String uuid = header(r, "Docker-Upload-UUID");
    assertThat(uuid).isNotBlank();
    assertThat(location(r)).isEqualTo("/v2/" + name + "/blobs/uploads/" + uuid);
    assertThat(header(r, "Range")).isEqualTo("0-0");
    assertThat(header(r, "Docker-Distribution-API-Version")).isEqualTo("registry/2.0");
  }

  @Test
  void postThenPut_monolithic_201WithLocationAndDigest() throws Exception {
    byte[] content = random(3000, 1);
    String digest = sha256(content);
    String location = oci.startUpload(name);
    HttpResponse<byte[]> put = oci.put(withQuery(location, "digest", digest), content, "application/octet-stream");
    assertCreated(put, name, digest);
    assertStored(name, digest, content);
    // The session is finished.
    assertOciError(oci.get(location), 404, "BLOB_UPLOAD_UNKNOWN");
  }

  @Test
  void post_withDigestAndBody_201() throws Exception {
    byte[] content = random(1500, 2);
    String digest = sha256(content);
    HttpResponse<byte[]> r = oci.post("/v2/" + name + "/blobs/uploads/?digest=" + digest, content);
    assertCreated(r, name, digest);
    assertStored(name, digest, content);
  }

  @Test
  void post_emptyBlobWithDigest_201() throws Exception {
    byte[] empty = new byte[0];
    String digest = sha256(empty);
    assertCreated(oci.post("/v2/" + name + "/blobs/uploads/?digest=" + digest, empty), name, digest);
    HttpResponse<byte[]> get = oci.get("/v2/" + name + "/blobs/" + digest);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEmpty();
    assertThat(header(oci.head("/v2/" + name + "/blobs/" + digest), "Content-Length")).isEqualTo("0");
  }

  @Test
  void postThenPut_emptyBlob_201() throws Exception {
    byte[] empty = new byte[0];
    String digest = sha256(empty);
    String location = oci.startUpload(reg + "/empty");
    assertCreated(oci.put(withQuery(location, "digest", digest), null, "application/octet-stream"), reg + "/empty",
        digest);
    assertStored(reg + "/empty", digest, empty);
  }

  @Test
  void post_sameBlobTwice_201Both() throws Exception {
    byte[] content = random(700, 3);
    String digest = sha256(content);
    assertCreated(oci.post("/v2/" + name + "/blobs/uploads/?digest=" + digest, content), name, digest);
    assertCreated(oci.post("/v2/" + name + "/blobs/uploads/?digest=" + digest, content), name, digest);
    assertStored(name, digest, content);
  }

  // ---- chunks ----

  @Test
  void patch_chunksInOrder_202WithRangeThenPut201() throws Exception {
    byte[] content = random(250, 4);
    String digest = sha256(content);
    String location = oci.startUpload(name);

    HttpResponse<byte[]> first = oci.patch(location, Arrays.copyOfRange(content, 0, 100), "0-99");
    assertThat(first.statusCode()).as(text(first)).isEqualTo(202);
    assertThat(header(first, "Range")).isEqualTo("0-99");
    assertThat(location(first)).contains("/v2/" + name + "/blobs/uploads/");
    assertThat(header(first, "Docker-Upload-UUID")).isNotBlank();

    HttpResponse<byte[]> second = oci.patch(location(first), Arrays.copyOfRange(content, 100, 200), "100-199");
    assertThat(second.statusCode()).as(text(second)).isEqualTo(202);
    assertThat(header(second, "Range")).isEqualTo("0-199");

    HttpResponse<byte[]> status = oci.get(location(second));
    assertThat(status.statusCode()).isEqualTo(204);
    assertThat(header(status, "Range")).isEqualTo("0-199");

    // The last piece comes with the PUT.
    HttpResponse<byte[]> put = oci.put(withQuery(location(second), "digest", digest),
        Arrays.copyOfRange(content, 200, 250), "application/octet-stream");
    assertCreated(put, name, digest);
    assertStored(name, digest, content);
  }

  @Test
  void patch_allChunksThenEmptyPut_201() throws Exception {
    byte[] content = random(120, 5);
    String digest = sha256(content);
    String location = oci.startUpload(name);
    location = location(oci.patch(location, Arrays.copyOfRange(content, 0, 60), "bytes=0-59"));
    HttpResponse<byte[]> last = oci.patch(location, Arrays.copyOfRange(content, 60, 120), "60-119/120");
    assertThat(last.statusCode()).as(text(last)).isEqualTo(202);
    assertThat(header(last, "Range")).isEqualTo("0-119");
    assertCreated(oci.put(withQuery(location(last), "digest", digest), null, "application/octet-stream"), name,
        digest);
    assertStored(name, digest, content);
  }

  @Test
  void patch_chunkOutOfOrder_416AndSessionUnchanged() throws Exception {
    byte[] content = random(30, 6);
    String location = oci.startUpload(name);
    location = location(oci.patch(location, Arrays.copyOfRange(content, 0, 10), "0-9"));

    HttpResponse<byte[]> skip = oci.patch(location, Arrays.copyOfRange(content, 20, 30), "20-29");
    assertOciError(skip, 416, "BLOB_UPLOAD_INVALID");
    assertThat(header(skip, "Range")).isEqualTo("0-9");
    HttpResponse<byte[]> replay = oci.patch(location, Arrays.copyOfRange(content, 0, 10), "0-9");
    assertOciError(replay, 416, "BLOB_UPLOAD_INVALID");

    HttpResponse<byte[]> status = oci.get(location);
    assertThat(status.statusCode()).isEqualTo(204);
    assertThat(header(status, "Range")).isEqualTo("0-9");

    // The client resumes from the reported offset.
    location = location(oci.patch(location, Arrays.copyOfRange(content, 10, 30), "10-29"));
    assertCreated(oci.put(withQuery(location, "digest", sha256(content)), null, "application/octet-stream"), name,
        sha256(content));
    assertStored(name, sha256(content), content);
  }

  @Test
  void patch_malformedContentRange_416() throws Exception {
    String location = oci.startUpload(name);
    assertOciError(oci.patch(location, new byte[10], "ten bytes"), 416, "BLOB_UPLOAD_INVALID");
    assertOciError(oci.patch(location, new byte[10], "9-0"), 416, "BLOB_UPLOAD_INVALID");
  }

  @Test
  void patch_rangeLengthDiffersFromBody_400SizeInvalid() throws Exception {
    String location = oci.startUpload(name);
    assertOciError(oci.patch(location, new byte[10], "0-19"), 400, "SIZE_INVALID");
    HttpResponse<byte[]> status = oci.get(location);
    assertThat(status.statusCode()).isEqualTo(204);
    assertThat(header(status, "Range")).isEqualTo("0-0");
  }

  @Test
  void patch_withoutContentRange_streamed202() throws Exception {
    byte[] content = random(64 * 1024 + 17, 7);
    String digest = sha256(content);
    String location = oci.startUpload(name);
    HttpResponse<byte[]> first = oci.patch(location, Arrays.copyOfRange(content, 0, 40_000), null);
    assertThat(first.statusCode()).as(text(first)).isEqualTo(202);
    assertThat(header(first, "Range")).isEqualTo("0-39999");
    HttpResponse<byte[]> second = oci.patch(location(first), Arrays.copyOfRange(content, 40_000, content.length),
        null);
    assertThat(second.statusCode()).isEqualTo(202);
    assertThat(header(second, "Range")).isEqualTo("0-" + (content.length - 1));
    assertCreated(oci.put(withQuery(location(second), "digest", digest), null, "application/octet-stream"), name,
        digest);
    assertStored(name, digest, content);
  }

  // ---- session status and cancel ----

  @Test
  void getUploadStatus_openSession_204WithRange() throws Exception {
    String location = oci.startUpload(name);
    HttpResponse<byte[]> empty = oci.get(location);
    assertThat(empty.statusCode()).as(text(empty)).isEqualTo(204);
    assertThat(header(empty, "Range")).isEqualTo("0-0");
    assertThat(location(empty)).isEqualTo(location);
    assertThat(header(empty, "Docker-Upload-UUID")).isEqualTo(location.substring(location.lastIndexOf('/') + 1));

    oci.patch(location, new byte[5], "0-4");
    HttpResponse<byte[]> five = oci.get(location);
    assertThat(five.statusCode()).isEqualTo(204);
    assertThat(header(five, "Range")).isEqualTo("0-4");
  }

  @Test
  void deleteUpload_openSession_204ThenStatus404() throws Exception {
    String location = oci.startUpload(name);
    oci.patch(location, new byte[8], "0-7");
    HttpResponse<byte[]> cancel = oci.delete(location);
    assertThat(cancel.statusCode()).as(text(cancel)).isEqualTo(204);
    assertOciError(oci.get(location), 404, "BLOB_UPLOAD_UNKNOWN");
    assertOciError(oci.patch(location, new byte[8], "8-15"), 404, "BLOB_UPLOAD_UNKNOWN");
    assertOciError(oci.delete(location), 404, "BLOB_UPLOAD_UNKNOWN");
    // Nothing of the session is left on disk.
    String id = location.substring(location.lastIndexOf('/') + 1);
    try (Stream<Path> files = Files.walk(dir.resolve("content"))) {
      assertThat(files.map(Path::toString)).noneMatch(p -> p.contains(id));
    }
  }

  @Test
  void upload_unknownId_404BlobUploadUnknown() throws Exception {
    String unknown = "/v2/" + name + "/blobs/uploads/00000000-1111-2222-3333-444444444444";
    assertOciError(oci.get(unknown), 404, "BLOB_UPLOAD_UNKNOWN");
    assertOciError(oci.patch(unknown, new byte[3], "0-2"), 404, "BLOB_UPLOAD_UNKNOWN");
    assertOciError(oci.put(withQuery(unknown, "digest", sha256(new byte[3])), new byte[3], "application/octet-stream"),
        404, "BLOB_UPLOAD_UNKNOWN");
    assertOciError(oci.delete(unknown), 404, "BLOB_UPLOAD_UNKNOWN");
  }

  @Test
  void upload_sessionOfOtherRepository_404BlobUploadUnknown() throws Exception {
    String location = oci.startUpload(reg + "/owner");
    String id = location.substring(location.lastIndexOf('/') + 1);
    assertOciError(oci.get("/v2/" + reg + "/intruder/blobs/uploads/" + id), 404, "BLOB_UPLOAD_UNKNOWN");
    assertThat(oci.get(location).statusCode()).isEqualTo(204);
  }

  // ---- digests ----

  @Test
  void put_wrongDigest_400DigestInvalidNothingStored() throws Exception {
    byte[] content = random(500, 8);
    byte[] claimedContent = random(500, 9);
    String location = oci.startUpload(name);
    HttpResponse<byte[]> put = oci.put(withQuery(location, "digest", sha256(claimedContent)), content,
        "application/octet-stream");
    assertOciError(put, 400, "DIGEST_INVALID");
    assertAbsent(name, sha256(claimedContent));
    assertAbsent(name, sha256(content));

    HttpResponse<byte[]> post = oci.post("/v2/" + name + "/blobs/uploads/?digest=" + sha256(claimedContent), content);
    assertOciError(post, 400, "DIGEST_INVALID");
    assertAbsent(name, sha256(claimedContent));
    assertAbsent(name, sha256(content));
  }

  @Test
  void put_malformedDigest_400DigestInvalid() throws Exception {
    byte[] content = random(10, 10);
    for (String bad : List.of("sha256:xyz", "nodigest", "sha256:" + "A".repeat(64),
        "md5:d41d8cd98f00b204e9800998ecf8427e", "sha256:" + "a".repeat(63))) {
      String location = oci.startUpload(name);
      assertOciError(oci.put(withQuery(location, "digest", bad), content, "application/octet-stream"), 400,
          "DIGEST_INVALID");
      assertOciError(oci.post("/v2/" + name + "/blobs/uploads/?digest=" + bad, content), 400, "DIGEST_INVALID");
      assertOciError(oci.get("/v2/" + name + "/blobs/" + bad), 400, "DIGEST_INVALID");
    }
  }

  @Test
  void put_noDigest_400DigestInvalid() throws Exception {
    String location = oci.startUpload(name);
    assertOciError(oci.put(location, new byte[4], "application/octet-stream"), 400, "DIGEST_INVALID");
  }

  @Test
  void push_sha512Digest_201AndServed() throws Exception {
    byte[] mono = random(900, 11);
    String monoDigest = sha512(mono);
    assertCreated(oci.post("/v2/" + name + "/blobs/uploads/?digest=" + monoDigest, mono), name, monoDigest);
    assertStored(name, monoDigest, mono);

    byte[] chunked = random(300, 12);
    String chunkedDigest = sha512(chunked);
    String location = oci.startUpload(name);
    location = location(oci.patch(location, Arrays.copyOfRange(chunked, 0, 150), "0-149"));
    location = location(oci.patch(location, Arrays.copyOfRange(chunked, 150, 300), "150-299"));
    assertCreated(oci.put(withQuery(location, "digest", chunkedDigest), null, "application/octet-stream"), name,
        chunkedDigest);
    assertStored(name, chunkedDigest, chunked);
    assertThat(oci.get("/v2/" + name + "/blobs/" + sha512(chunked)).body()).isEqualTo(chunked);
    // The same content under sha256 is a different, unknown blob.
    assertAbsent(name, sha256(chunked));
  }

  @Test
  void push_sha512WrongDigest_400DigestInvalid() throws Exception {
    byte[] content = random(100, 13);
    assertOciError(oci.post("/v2/" + name + "/blobs/uploads/?digest=" + sha512(random(100, 14)), content), 400,
        "DIGEST_INVALID");
    assertAbsent(name, sha512(content));
  }

  // ---- concurrency ----

  @Test
  void push_sameBlobEightTimesConcurrently_allSucceedOneSealedFile() throws Exception {
    String repository = reg + "/concurrent";
    byte[] content = random(256 * 1024, 15);
    String digest = sha256(content);
    int clients = 8;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<HttpResponse<byte[]>>> results = new ArrayList<>();
    try {
      for (int i = 0; i < clients; i++) {
        boolean twoStep = i % 2 == 0;
        Callable<HttpResponse<byte[]>> push = () -> {
          String location = twoStep ? oci.startUpload(repository) : null;
          go.await();
          return twoStep
              ? oci.put(withQuery(location, "digest", digest), content, "application/octet-stream")
              : oci.post("/v2/" + repository + "/blobs/uploads/?digest=" + digest, content);
        };
        results.add(pool.submit(push));
      }
      go.countDown();
      for (Future<HttpResponse<byte[]>> f : results) assertCreated(f.get(), repository, digest);
    } finally {
      pool.shutdownNow();
    }
    assertStored(repository, digest, content);

    String hex = digest.substring("sha256:".length());
    Path registries = dir.resolve("content").resolve("registries");
    try (Stream<Path> files = Files.walk(registries)) {
      List<Path> sealed = files.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().equals(hex)).toList();
      assertThat(sealed).hasSize(1);
      Path file = sealed.get(0);
      assertThat(file.getParent().getFileName().toString()).isEqualTo(hex.substring(0, 2));
      assertThat(file.getParent().getParent().getFileName().toString()).isEqualTo("sha256");
      assertThat(file.getParent().getParent().getParent().getFileName().toString()).isEqualTo("blobs");
      // Sealed: not the plaintext, and somewhat larger for the encryption overhead.
      assertThat(Files.size(file)).isGreaterThan(content.length);
      assertThat(Files.readAllBytes(file)).isNotEqualTo(content);
    }
    try (Stream<Path> staging = Files.list(dir.resolve("content").resolve(".staging"))) {
      assertThat(staging).as("no staging leftovers").isEmpty();
    }
  }

  @Test
  void upload_marker_plaintextNotInContent() throws Exception {
    byte[] marker = ("UPLOAD-PLAINTEXT-" + "m".repeat(40)).getBytes(StandardCharsets.UTF_8);
    String location = oci.startUpload(reg + "/marker");
    oci.patch(location, marker, "0-" + (marker.length - 1));
    try (Stream<Path> files = Files.walk(dir.resolve("content"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
            .doesNotContain(new String(marker, StandardCharsets.ISO_8859_1));
      }
    }
  }

  @Test
  void patch_twoConcurrentChunksAtSameOffset_oneAcceptedOther416AndUploadStaysConsistent() throws Exception {
    String location = oci.startUpload(name);
    byte[] a = random(2 << 20, 91);
    byte[] b = random(2 << 20, 92);
    String range = "0-" + (a.length - 1);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var fa = pool.submit(() -> oci.patch(location, a, range));
      var fb = pool.submit(() -> oci.patch(location, b, range));
      int sa = fa.get().statusCode();
      int sb = fb.get().statusCode();
      assertThat(java.util.List.of(sa, sb)).containsExactlyInAnyOrder(202, 416);
      byte[] winner = sa == 202 ? a : b;
      HttpResponse<byte[]> put = oci.put(withQuery(location, "digest", sha256(winner)), new byte[0],
          "application/octet-stream");
      assertThat(put.statusCode()).as(text(put)).isEqualTo(201);
      assertThat(oci.get("/v2/" + name + "/blobs/" + sha256(winner)).body()).isEqualTo(winner);
    } finally {
      pool.shutdownNow();
    }
  }
}
