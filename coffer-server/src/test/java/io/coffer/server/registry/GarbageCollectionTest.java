package io.coffer.server.registry;

import static io.coffer.server.registry.OciHttp.assertOciError;
import static io.coffer.server.registry.OciHttp.random;
import static io.coffer.server.registry.OciHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.server.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST .../garbageCollect} with no grace period: unreferenced blobs go, referenced ones stay. */
class GarbageCollectionTest {
  @TempDir static Path dir;
  static TestServer server;
  static OciHttp oci;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, Map.of("COFFER_GC_GRACE_PERIOD", "0s", "COFFER_GC_INTERVAL", "0s"));
    oci = new OciHttp(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode collect(String registry) throws Exception {
    return collect(server, registry);
  }

  private static JsonNode collect(TestServer server, String registry) throws Exception {
    return server.management("POST", "/subscriptions/" + server.subscription
        + "/resourceGroups/testgroup/providers/Microsoft.ContainerRegistry/registries/" + registry
        + "/garbageCollect", null);
  }

  private static List<Path> sealedFiles(String digest) throws Exception {
    String hex = digest.substring(digest.indexOf(':') + 1);
    try (Stream<Path> files = Files.walk(dir.resolve("content").resolve("registries"))) {
      return files.filter(p -> p.getFileName().toString().equals(hex)).toList();
    }
  }

  @Test
  void garbageCollect_unreferencedBlob_removedReferencedBlobsKept() throws Exception {
    String reg = server.createRegistry("gcreg");
    String name = reg + "/app";
    OciHttp.Image image = oci.pushImage(name, "v1", "kept");
    byte[] loose = random(1234, 61);
    String looseDigest = oci.pushBlob(name, loose);
    assertThat(sealedFiles(looseDigest)).hasSize(1);
    Thread.sleep(5); // created strictly before the collection starts

    JsonNode result = collect(reg);
    assertThat(result.path("blobsDeleted").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(result.path("bytesFreed").asLong()).isGreaterThanOrEqualTo(loose.length);

    assertOciError(oci.get("/v2/" + name + "/blobs/" + looseDigest), 404, "BLOB_UNKNOWN");
    assertThat(oci.head("/v2/" + name + "/blobs/" + looseDigest).statusCode()).isEqualTo(404);
    assertThat(sealedFiles(looseDigest)).isEmpty();

    for (String digest : List.of(image.config(), image.layer())) {
      HttpResponse<byte[]> r = oci.get("/v2/" + name + "/blobs/" + digest);
      assertThat(r.statusCode()).as(digest + ": " + text(r)).isEqualTo(200);
      assertThat(OciHttp.sha256(r.body())).isEqualTo(digest);
      assertThat(sealedFiles(digest)).hasSize(1);
    }
    HttpResponse<byte[]> manifest = oci.get("/v2/" + name + "/manifests/v1");
    assertThat(manifest.statusCode()).isEqualTo(200);
    assertThat(manifest.body()).isEqualTo(image.manifestBytes());

    // Collecting again finds nothing more, and the blob can be pushed anew.
    assertThat(collect(reg).path("blobsDeleted").asInt()).isZero();
    oci.pushBlob(name, loose);
    assertThat(oci.get("/v2/" + name + "/blobs/" + looseDigest).body()).isEqualTo(loose);
  }

  @Test
  void garbageCollect_deletedManifest_itsBlobsAndItselfRemoved() throws Exception {
    String reg = server.createRegistry("gcdeleted");
    String name = reg + "/app";
    OciHttp.Image image = oci.pushImage(name, "v1", "deleted");
    assertThat(oci.delete("/v2/" + name + "/manifests/" + image.manifest()).statusCode()).isEqualTo(202);
    Thread.sleep(5);

    assertThat(collect(reg).path("blobsDeleted").asInt()).isGreaterThanOrEqualTo(3);
    for (String digest : List.of(image.config(), image.layer(), image.manifest())) {
      assertThat(sealedFiles(digest)).as(digest).isEmpty();
    }
    assertOciError(oci.get("/v2/" + name + "/blobs/" + image.layer()), 404, "BLOB_UNKNOWN");
  }

  @Test
  void garbageCollect_blobReferencedFromAnotherRepository_kept() throws Exception {
    String reg = server.createRegistry("gcshared");
    OciHttp.Image image = oci.pushImage(reg + "/referencing", "v1", "shared");
    // The same layer, only linked (never referenced) in a second repository.
    byte[] layer = oci.get("/v2/" + reg + "/referencing/blobs/" + image.layer()).body();
    oci.pushBlob(reg + "/linking", layer);
    Thread.sleep(5);

    collect(reg);
    assertThat(oci.get("/v2/" + reg + "/referencing/blobs/" + image.layer()).statusCode()).isEqualTo(200);
    assertThat(oci.get("/v2/" + reg + "/linking/blobs/" + image.layer()).statusCode()).isEqualTo(200);
  }

  @Test
  void garbageCollect_oldBlobPushedOrMountedAgain_keptForAnotherGracePeriod(@TempDir Path own) throws Exception {
    try (TestServer graced = TestServer.start(own, Map.of("COFFER_GC_GRACE_PERIOD", "2s", "COFFER_GC_INTERVAL", "0s"))) {
      OciHttp client = new OciHttp(graced);
      String reg = graced.createRegistry("gcgrace");
      byte[] repushed = random(300, 63);
      String repushedDigest = client.pushBlob(reg + "/app", repushed);
      String mountedDigest = client.pushBlob(reg + "/app", random(301, 64));
      Thread.sleep(2_100); // both unreferenced and past the grace period

      // A client pushes a layer the registry holds, and mounts another, before its manifest.
      client.pushBlob(reg + "/app", repushed);
      HttpResponse<byte[]> mount = client.post("/v2/" + reg + "/other/blobs/uploads/?mount=" + mountedDigest
          + "&from=" + reg + "/app", null);
      assertThat(mount.statusCode()).as(text(mount)).isEqualTo(201);
      assertThat(collect(graced, reg).path("blobsDeleted").asInt()).isZero();
      assertThat(client.get("/v2/" + reg + "/app/blobs/" + repushedDigest).statusCode()).isEqualTo(200);
      assertThat(client.get("/v2/" + reg + "/other/blobs/" + mountedDigest).statusCode()).isEqualTo(200);

      Thread.sleep(2_100); // no manifest came
      assertThat(collect(graced, reg).path("blobsDeleted").asInt()).isEqualTo(2);
      assertOciError(client.get("/v2/" + reg + "/other/blobs/" + mountedDigest), 404, "BLOB_UNKNOWN");
    }
  }

  @Test
  void garbageCollect_otherRegistry_untouched() throws Exception {
    String collected = server.createRegistry("gcfirst");
    String spared = server.createRegistry("gcsecond");
    String digest = oci.pushBlob(spared + "/app", random(99, 62));
    Thread.sleep(5);
    collect(collected);
    assertThat(oci.get("/v2/" + spared + "/app/blobs/" + digest).statusCode()).isEqualTo(200);
  }
}
