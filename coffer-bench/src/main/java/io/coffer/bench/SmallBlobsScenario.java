package io.coffer.bench;

import io.coffer.bench.Report.Row;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Many small blobs pushed, then pulled, by concurrent clients: per-request cost under load. One
 * round of pulls lasts under a second, so it is repeated and the median round is reported.
 */
final class SmallBlobsScenario {
  private static final long STREAM = 2;
  private static final long WARM_UP_STREAM = 5;

  private SmallBlobsScenario() {}

  static List<Row> run(RegistryClient registry, int count, long bytesEach, int concurrency, int pullRounds,
      long seed, Consumer<String> log) {
    Blobs blobs = Blobs.hashed(count, bytesEach, concurrency, seed, STREAM);

    log.accept("small blobs: push " + count + " x " + bytesEach + " bytes, " + concurrency + " clients");
    long start = System.nanoTime();
    blobs.push(registry, concurrency);
    double push = Timing.secondsSince(start);

    double[] pulls = new double[pullRounds];
    for (int i = 0; i < pullRounds; i++) {
      log.accept("small blobs: pull " + (i + 1) + "/" + pullRounds);
      start = System.nanoTime();
      blobs.pull(registry, concurrency);
      pulls[i] = Timing.secondsSince(start);
    }
    Arrays.sort(pulls);
    double pull = pulls[pullRounds / 2];

    double mib = count * (double) bytesEach / (1 << 20);
    return List.of(
        new Row("small push", mib / push, Report.MIB_S, true),
        new Row("small pull", mib / pull, Report.MIB_S, true));
  }

  /**
   * Pushes and pulls {@code totalBytes} split over the concurrent clients, unmeasured, so that
   * the first measured transfer does not pay for the JIT compilers of the client and of a
   * JVM-based registry, nor for cold connection pools.
   */
  static void warmUp(RegistryClient registry, long totalBytes, int concurrency, long seed, Consumer<String> log) {
    log.accept("warm-up: push and pull " + totalBytes / (1 << 20) + " MiB (not counted)");
    Blobs blobs = Blobs.hashed(concurrency, Math.max(1, totalBytes / concurrency), concurrency, seed,
        WARM_UP_STREAM);
    blobs.push(registry, concurrency);
    blobs.pull(registry, concurrency);
  }

  /** Blobs with their digests computed in advance (untimed), ready to push and pull. */
  private record Blobs(BlobSource[] sources, String[] digests) {
    static Blobs hashed(int count, long bytesEach, int concurrency, long seed, long stream) {
      BlobSource[] sources = new BlobSource[count];
      String[] digests = new String[count];
      for (int i = 0; i < count; i++) {
        sources[i] = new BlobSource(BlobSource.derive(seed, stream, i), bytesEach);
      }
      Parallel.forEach(concurrency, count, (i, buffer) -> digests[i] = sources[i].digest(buffer));
      return new Blobs(sources, digests);
    }

    void push(RegistryClient registry, int concurrency) {
      Parallel.forEach(concurrency, sources.length,
          (i, buffer) -> registry.pushBlob(digests[i], RegistryClient.Body.of(sources[i], buffer)));
    }

    void pull(RegistryClient registry, int concurrency) {
      Parallel.forEach(concurrency, sources.length,
          (i, buffer) -> registry.pullBlob(digests[i], sources[i].size(), buffer));
    }
  }
}
