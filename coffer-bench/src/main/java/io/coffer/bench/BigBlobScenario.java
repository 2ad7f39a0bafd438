package io.coffer.bench;

import io.coffer.bench.Report.Row;
import java.util.List;
import java.util.function.Consumer;

/** One large blob pushed monolithically, then pulled and verified: single-stream throughput. */
final class BigBlobScenario {
  private BigBlobScenario() {}

  static List<Row> run(RegistryClient registry, long bytes, long seed, String name, Consumer<String> log) {
    BlobSource blob = new BlobSource(seed, bytes);
    byte[] buffer = new byte[BlobSource.CHUNK];
    double mib = bytes / (double) (1 << 20);
    log.accept(String.format("%s: hashing %.0f MiB (untimed)", name, mib));
    String digest = blob.digest(buffer);

    log.accept(name + ": push " + digest);
    long start = System.nanoTime();
    registry.pushBlob(digest, RegistryClient.Body.of(blob, buffer));
    double push = Timing.secondsSince(start);

    log.accept(name + ": pull");
    start = System.nanoTime();
    registry.pullBlob(digest, bytes, buffer);
    double pull = Timing.secondsSince(start);

    return List.of(
        new Row(name + " push", mib / push, Report.MIB_S, true),
        new Row(name + " pull", mib / pull, Report.MIB_S, true));
  }
}
