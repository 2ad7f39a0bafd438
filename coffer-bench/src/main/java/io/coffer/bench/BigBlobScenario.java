package io.coffer.bench;

import io.coffer.bench.Report.Row;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * One large blob pushed monolithically, then pulled and verified: single-stream throughput.
 *
 * <p>A single pull of a few hundred MiB lasts a fraction of a second, so one run would mostly
 * measure how far the JIT compilers of client and server got: on two cores, the first pulls of a
 * fresh harness run at half the speed of later ones. The blob is first pulled {@code warmUps}
 * times unmeasured, then {@code pulls} times, and the median is reported.
 */
final class BigBlobScenario {
  private BigBlobScenario() {}

  static List<Row> run(RegistryClient registry, long bytes, long seed, String name, int warmUps,
      int pulls, Consumer<String> log) {
    BlobSource blob = new BlobSource(seed, bytes);
    byte[] buffer = new byte[BlobSource.CHUNK];
    double mib = bytes / (double) (1 << 20);
    log.accept(String.format("%s: hashing %.0f MiB (untimed)", name, mib));
    String digest = blob.digest(buffer);

    log.accept(name + ": push " + digest);
    long start = System.nanoTime();
    registry.pushBlob(digest, RegistryClient.Body.of(blob, buffer));
    double push = Timing.secondsSince(start);

    for (int i = 0; i < warmUps; i++) {
      log.accept(name + ": pull (unmeasured) " + (i + 1) + "/" + warmUps);
      registry.pullBlob(digest, bytes, buffer);
    }
    double[] seconds = new double[pulls];
    for (int i = 0; i < pulls; i++) {
      log.accept(name + ": pull" + (pulls > 1 ? " " + (i + 1) + "/" + pulls : ""));
      start = System.nanoTime();
      registry.pullBlob(digest, bytes, buffer);
      seconds[i] = Timing.secondsSince(start);
    }
    Arrays.sort(seconds);
    return List.of(
        new Row(name + " push", mib / push, Report.MIB_S, true),
        new Row(name + " pull", mib / seconds[pulls / 2], Report.MIB_S, true));
  }
}
