package io.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Content pushed with a known marker never appears in any file under the data folder. */
class AtRestEncryptionTest {
  @TempDir Path dir;

  @Test
  void push_contentWithMarker_noFileUnderDataDirContainsIt() throws Exception {
    String marker = "COFFER-PLAINTEXT-MARKER-" + java.util.UUID.randomUUID();
    byte[] markerBytes = marker.getBytes(StandardCharsets.UTF_8);
    try (TestServer s = TestServer.start(dir)) {
      String reg = s.createRegistry("markerreg");
      OciClient oci = new OciClient(s.http, s.server.url(), TestServer.basicAdmin());
      byte[] layer = (marker + "\n").repeat(50_000).getBytes(StandardCharsets.UTF_8);
      byte[] config = ("{\"marker\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8);
      String manifest = oci.pushImage(reg + "/app", "v1", config, List.of(layer, markerBytes),
          Map.of("note", marker));

      // An upload left in progress: its chunk is on disk, sealed too.
      HttpResponse<String> start = s.http.send(s.registry("/v2/" + reg + "/app/blobs/uploads/")
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      String location = start.headers().firstValue("Location").orElseThrow();
      HttpResponse<String> patch = s.http.send(HttpRequest.newBuilder(URI.create(s.server.url() + location))
          .header("Authorization", TestServer.basicAdmin())
          .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(layer)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(patch.statusCode()).isEqualTo(202);

      // The content reads back intact through the registry.
      assertThat(new String(oci.get("/v2/" + reg + "/app/manifests/" + manifest).body(), StandardCharsets.UTF_8))
          .contains(marker);
      assertThat(oci.get("/v2/" + reg + "/app/blobs/" + OciClient.sha256(layer)).body()).isEqualTo(layer);
    }
    List<Path> offenders = new ArrayList<>();
    long scanned = 0;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        scanned++;
        if (contains(Files.readAllBytes(f), markerBytes)) offenders.add(f);
      }
    }
    assertThat(scanned).isGreaterThan(5);
    assertThat(offenders).as("files holding plaintext").isEmpty();
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) continue outer;
      }
      return true;
    }
    return false;
  }
}
