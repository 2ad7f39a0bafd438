package io.coffer.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.bench.Report.Row;
import io.coffer.common.Json;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * One small image manifest fetched by tag in a closed loop by concurrent keep-alive clients for a
 * fixed time: the request rate and latency of the registry's hottest path (every pull starts here).
 */
final class ManifestScenario {
  static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
  private static final String TAG = "bench";
  private static final long STREAM = 3;
  private static final int LAYER_BYTES = 64 * 1024;

  private ManifestScenario() {}

  static List<Row> run(RegistryClient registry, int connections, double seconds, double warmupSeconds,
      long seed, Consumer<String> log) {
    byte[] manifest = pushImage(registry, seed);
    log.accept("manifest: pushed " + Digests.of(manifest) + " as tag " + TAG);
    check(manifest, registry.getManifest(TAG, MANIFEST_TYPE));

    if (warmupSeconds > 0) {
      log.accept("manifest: warm-up " + warmupSeconds + " s (not counted)");
      loop(registry, manifest, connections, warmupSeconds, null);
    }
    log.accept("manifest: GET by tag, " + connections + " connections, " + seconds + " s");
    Timing.Latencies[] latencies = new Timing.Latencies[connections];
    Arrays.setAll(latencies, i -> new Timing.Latencies());
    long start = System.nanoTime();
    loop(registry, manifest, connections, seconds, latencies);
    double elapsed = Timing.secondsSince(start);

    long[] sorted = Timing.Latencies.sorted(latencies);
    return List.of(
        new Row("manifest GET", sorted.length / elapsed, Report.REQ_S, true),
        new Row("manifest GET p50", Timing.percentile(sorted, 0.50) / 1e6, Report.MS, false),
        new Row("manifest GET p99", Timing.percentile(sorted, 0.99) / 1e6, Report.MS, false));
  }

  /** Each worker issues GETs back to back until the deadline; {@code latencies} null = warm-up. */
  private static void loop(RegistryClient registry, byte[] manifest, int connections, double seconds,
      Timing.Latencies[] latencies) {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    Parallel.run(connections, (worker, stop) -> {
      while (!stop.requested() && System.nanoTime() - deadline < 0) {
        long start = System.nanoTime();
        byte[] body = registry.getManifest(TAG, MANIFEST_TYPE);
        long nanos = System.nanoTime() - start;
        check(manifest, body);
        if (latencies != null) {
          latencies[worker].add(nanos);
        }
      }
    });
  }

  private static void check(byte[] expected, byte[] actual) {
    if (!Arrays.equals(expected, actual)) {
      throw new BenchException("GET manifests/" + TAG + " returned " + actual.length
          + " bytes that differ from the " + expected.length + " bytes pushed");
    }
  }

  /** Pushes a layer, a config naming it, and a manifest referencing both; returns the manifest bytes. */
  private static byte[] pushImage(RegistryClient registry, long seed) {
    byte[] buffer = new byte[BlobSource.CHUNK];
    BlobSource layer = new BlobSource(BlobSource.derive(seed, STREAM, 0), LAYER_BYTES);
    String layerDigest = layer.digest(buffer);
    registry.pushBlob(layerDigest, RegistryClient.Body.of(layer, buffer));

    ObjectNode config = Json.object().put("architecture", "amd64").put("os", "linux");
    config.putObject("config").putArray("Cmd").add("/bench");
    config.putObject("rootfs").put("type", "layers").putArray("diff_ids").add(layerDigest);
    byte[] configBytes = Json.bytes(config);
    String configDigest = Digests.of(configBytes);
    registry.pushBlob(configDigest, RegistryClient.Body.of(configBytes));

    ObjectNode manifest = Json.object().put("schemaVersion", 2).put("mediaType", MANIFEST_TYPE);
    manifest.putObject("config")
        .put("mediaType", "application/vnd.oci.image.config.v1+json")
        .put("digest", configDigest)
        .put("size", configBytes.length);
    manifest.putArray("layers").addObject()
        .put("mediaType", "application/vnd.oci.image.layer.v1.tar")
        .put("digest", layerDigest)
        .put("size", LAYER_BYTES);
    manifest.putObject("annotations").put("org.opencontainers.image.title", "coffer-bench");
    byte[] bytes = Json.bytes(manifest);
    registry.putManifest(TAG, MANIFEST_TYPE, bytes);
    return bytes;
  }
}
