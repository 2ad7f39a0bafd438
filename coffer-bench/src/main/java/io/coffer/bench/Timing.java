package io.coffer.bench;

import java.util.Arrays;

/** Wall-clock intervals and latency percentiles. */
final class Timing {
  private Timing() {}

  static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Latencies of one worker, in nanoseconds; a growable array, read after the worker ends. */
  static final class Latencies {
    private long[] values = new long[4096];
    private int size;

    void add(long nanos) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = nanos;
    }

    int size() {
      return size;
    }

    static long[] sorted(Latencies[] parts) {
      long[] all = new long[Arrays.stream(parts).mapToInt(Latencies::size).sum()];
      int at = 0;
      for (Latencies part : parts) {
        System.arraycopy(part.values, 0, all, at, part.size);
        at += part.size;
      }
      Arrays.sort(all);
      return all;
    }
  }

  /** Nearest-rank percentile of sorted values, {@code q} in (0, 1]. */
  static long percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }
}
