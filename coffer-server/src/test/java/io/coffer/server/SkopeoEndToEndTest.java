package io.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skopeo (a real registry client) copies a multi-layer image in and out over HTTPS with credentials. */
class SkopeoEndToEndTest {
  @TempDir Path dir;

  @Test
  void skopeoCopy_inAndOutOverTls_everyDigestMatches() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    int port = ServerProcess.freePort();
    try (ServerProcess p = ServerProcess.start(data, port, Map.of(), "--tls")) {
      Path ca = data.resolve("tls").resolve("ca.pem");
      HttpClient https = HttpClient.newBuilder().sslContext(TestServer.trusting(ca)).build();
      String reg = CrashRecoveryTest.createRegistry(https, p.url, "skopeoreg");
      Path certDir = Files.createDirectories(dir.resolve("certs"));
      Files.copy(ca, certDir.resolve("ca.crt"));

      Path source = dir.resolve("source");
      Map<String, byte[]> blobs = writeLayout(source);
      String target = "docker://127.0.0.1:" + port + "/" + reg + "/team/app:v1";
      String creds = "admin:" + TestServer.ADMIN_PASSWORD;
      run("skopeo", "--insecure-policy", "copy", "--preserve-digests", "--dest-creds", creds,
          "--dest-cert-dir", certDir.toString(), "oci:" + source + ":v1", target);

      Path copy = dir.resolve("copy");
      run("skopeo", "--insecure-policy", "copy", "--preserve-digests", "--src-creds", creds,
          "--src-cert-dir", certDir.toString(), target, "oci:" + copy + ":v1");

      JsonNode index = Json.parse(Files.readAllBytes(copy.resolve("index.json")));
      String manifestDigest = index.get("manifests").get(0).get("digest").asText();
      assertThat(blobs).containsKey(manifestDigest);
      for (var e : blobs.entrySet()) {
        Path f = copy.resolve("blobs").resolve("sha256").resolve(e.getKey().substring(7));
        assertThat(f).exists();
        assertThat(Files.readAllBytes(f)).as(e.getKey()).isEqualTo(e.getValue());
      }
      String inspect = run("skopeo", "inspect", "--creds", creds, "--cert-dir", certDir.toString(), target);
      assertThat(Json.parse(inspect).get("Digest").asText()).isEqualTo(manifestDigest);
    }
  }

  /** An OCI layout with three gzip layers; returns every blob (config, layers, manifest) by digest. */
  private static Map<String, byte[]> writeLayout(Path layout) throws Exception {
    Map<String, byte[]> blobs = new LinkedHashMap<>();
    Random random = new Random(7);
    List<Map<String, Object>> layers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      byte[] raw = new byte[300_000 * (i + 1)];
      random.nextBytes(raw);
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
        out.write(raw);
      }
      byte[] layer = gz.toByteArray();
      blobs.put(OciClient.sha256(layer), layer);
      layers.add(Map.of("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip",
          "digest", OciClient.sha256(layer), "size", layer.length));
    }
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
        .getBytes();
    blobs.put(OciClient.sha256(config), config);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    manifest.put("config", Map.of("mediaType", "application/vnd.oci.image.config.v1+json",
        "digest", OciClient.sha256(config), "size", config.length));
    manifest.put("layers", layers);
    byte[] manifestBytes = Json.bytes(manifest);
    blobs.put(OciClient.sha256(manifestBytes), manifestBytes);
    Path dirOfBlobs = Files.createDirectories(layout.resolve("blobs").resolve("sha256"));
    for (var e : blobs.entrySet()) Files.write(dirOfBlobs.resolve(e.getKey().substring(7)), e.getValue());
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.write(layout.resolve("index.json"), Json.bytes(Map.of("schemaVersion", 2, "manifests", List.of(Map.of(
        "mediaType", "application/vnd.oci.image.manifest.v1+json", "digest", OciClient.sha256(manifestBytes),
        "size", manifestBytes.length, "annotations", Map.of("org.opencontainers.image.ref.name", "v1"))))));
    return blobs;
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes());
    }
    assertThat(p.waitFor()).as(String.join(" ", command) + "\n" + out).isZero();
    return out;
  }
}
