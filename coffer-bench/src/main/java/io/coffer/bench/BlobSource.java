package io.coffer.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;

/**
 * Deterministic pseudo-random content of a given size. The bytes are regenerated from the seed
 * whenever they are needed (once to compute the digest, once to upload), never stored, so a 1 GiB
 * blob costs one buffer of memory on the client.
 *
 * <p>The stream is a sequence of SplitMix64 words; buffers must hold a whole number of words so
 * every pass yields the same bytes whatever the buffer size.
 */
final class BlobSource {
  /** Size of the working buffer every caller passes in. */
  static final int CHUNK = 1 << 20;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final long seed;
  private final long size;

  BlobSource(long seed, long size) {
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0");
    }
    this.seed = seed;
    this.size = size;
  }

  /**
   * An independent seed for blob {@code index} of scenario {@code stream}, so every blob of a run
   * has distinct content and none is deduplicated by the registry.
   */
  static long derive(long runSeed, long stream, long index) {
    return mix(mix(runSeed + stream * 0x9E3779B97F4A7C15L) + (index + 1) * 0x9E3779B97F4A7C15L);
  }

  long size() {
    return size;
  }

  /** Receives consecutive slices of the content; the buffer is reused between calls. */
  interface Sink {
    void accept(byte[] buffer, int length) throws IOException;
  }

  void generate(byte[] buffer, Sink sink) throws IOException {
    if (buffer.length == 0 || buffer.length % Long.BYTES != 0) {
      throw new IllegalArgumentException("buffer length must be a positive multiple of 8");
    }
    long state = seed;
    long left = size;
    while (left > 0) {
      int n = (int) Math.min(buffer.length, left);
      state = fill(buffer, n, state);
      sink.accept(buffer, n);
      left -= n;
    }
  }

  void writeTo(OutputStream out, byte[] buffer) throws IOException {
    generate(buffer, (b, n) -> out.write(b, 0, n));
  }

  /** The OCI digest ({@code sha256:<hex>}) of the content, computed by a generating pass. */
  String digest(byte[] buffer) {
    MessageDigest sha = Digests.sha256();
    try {
      generate(buffer, (b, n) -> sha.update(b, 0, n));
    } catch (IOException e) {
      throw new IllegalStateException("a digest sink cannot fail", e);
    }
    return Digests.format(sha);
  }

  private static long fill(byte[] buffer, int length, long state) {
    int i = 0;
    for (; i + Long.BYTES <= length; i += Long.BYTES) {
      state += 0x9E3779B97F4A7C15L;
      LONGS.set(buffer, i, mix(state));
    }
    if (i < length) { // last, partial word of the blob
      state += 0x9E3779B97F4A7C15L;
      long word = mix(state);
      for (; i < length; i++, word >>>= 8) {
        buffer[i] = (byte) word;
      }
    }
    return state;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
