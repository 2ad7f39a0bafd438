package io.coffer.common.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OverlappedCopyTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private static byte[] data(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  @Test
  void copy_wholeSource_sameBytesInOrder() throws Exception {
    for (boolean direct : new boolean[] {false, true}) {
      byte[] in = data(1_000_003);
      ReadableByteChannel source = Channels.newChannel(new ByteArrayInputStream(in));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      long n = new OverlappedCopy(pool, 4096, 3, direct).copy(source::read, b -> {
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.write(chunk);
      }, Long.MAX_VALUE);
      assertThat(n).isEqualTo(in.length);
      assertThat(out.toByteArray()).isEqualTo(in);
    }
  }

  @Test
  void copy_limit_stopsExactlyThere() throws Exception {
    byte[] in = data(100_000);
    ReadableByteChannel source = Channels.newChannel(new ByteArrayInputStream(in));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = new OverlappedCopy(pool, 1000, 2, false).copy(source::read,
        b -> out.write(b.array(), b.position(), b.remaining()), 12_345);
    assertThat(n).isEqualTo(12_345);
    assertThat(out.size()).isEqualTo(12_345);
  }

  @Test
  void copy_sourceFails_failureReachesCaller() {
    assertThatThrownBy(() -> new OverlappedCopy(pool, 1000, 2, false).copy(b -> {
      throw new IOException("disk gone");
    }, b -> { }, Long.MAX_VALUE)).isInstanceOf(IOException.class).hasMessageContaining("disk gone");
  }

  @Test
  void copy_sinkFails_producerStopsAndFailureReachesCaller() {
    byte[] in = data(10_000_000);
    ReadableByteChannel source = Channels.newChannel(new ByteArrayInputStream(in));
    assertThatThrownBy(() -> new OverlappedCopy(pool, 1000, 2, false).copy(source::read, b -> {
      throw new IOException("client went away");
    }, Long.MAX_VALUE)).hasMessageContaining("client went away");
  }
}
