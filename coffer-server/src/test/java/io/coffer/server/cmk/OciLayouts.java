package io.coffer.server.cmk;

import io.coffer.common.Json;
import io.coffer.server.OciClient;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** An OCI image layout on disk (one gzip layer, a config, a manifest tagged v1), for skopeo to copy. */
final class OciLayouts {
  private OciLayouts() {}

  record Layout(Map<String, byte[]> blobs, byte[] manifest) {}

  static Layout write(Path layout, long seed) throws Exception {
    Map<String, byte[]> blobs = new LinkedHashMap<>();
    byte[] raw = new byte[500_000];
    new Random(seed).nextBytes(raw);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(raw);
    }
    byte[] layer = gz.toByteArray();
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
        .getBytes();
    blobs.put(OciClient.sha256(layer), layer);
    blobs.put(OciClient.sha256(config), config);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    manifest.put("config", Map.of("mediaType", "application/vnd.oci.image.config.v1+json",
        "digest", OciClient.sha256(config), "size", config.length));
    manifest.put("layers", List.of(Map.of("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip",
        "digest", OciClient.sha256(layer), "size", layer.length)));
    byte[] manifestBytes = Json.bytes(manifest);
    blobs.put(OciClient.sha256(manifestBytes), manifestBytes);
    Path dirOfBlobs = Files.createDirectories(layout.resolve("blobs").resolve("sha256"));
    for (var e : blobs.entrySet()) Files.write(dirOfBlobs.resolve(e.getKey().substring(7)), e.getValue());
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(layout.resolve("index.json"), Json.string(Map.of("schemaVersion", 2, "manifests",
        List.of(Map.of("mediaType", "application/vnd.oci.image.manifest.v1+json",
            "digest", OciClient.sha256(manifestBytes), "size", manifestBytes.length,
            "annotations", Map.of("org.opencontainers.image.ref.name", "v1"))))));
    return new Layout(blobs, manifestBytes);
  }
}
