package io.coffer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class BlobSourceTest {
  private static final long ODD_SIZE = 3 * 1024 + 5; // not a whole number of words or buffers

  @Test
  void writeTo_differentBufferSizes_sameBytes() throws IOException {
    BlobSource blob = new BlobSource(42, ODD_SIZE);
    ByteArrayOutputStream small = new ByteArrayOutputStream();
    ByteArrayOutputStream large = new ByteArrayOutputStream();
    blob.writeTo(small, new byte[16]);
    blob.writeTo(large, new byte[BlobSource.CHUNK]);
    assertThat(small.toByteArray()).hasSize((int) ODD_SIZE).isEqualTo(large.toByteArray());
  }

  @Test
  void digest_sameSeed_matchesWrittenBytes() throws IOException {
    BlobSource blob = new BlobSource(7, ODD_SIZE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    blob.writeTo(out, new byte[64]);
    assertThat(blob.digest(new byte[BlobSource.CHUNK])).isEqualTo(Digests.of(out.toByteArray()));
  }

  @Test
  void digest_differentSeeds_differ() {
    byte[] buffer = new byte[BlobSource.CHUNK];
    assertThat(new BlobSource(BlobSource.derive(1, 2, 0), 4096).digest(buffer))
        .isNotEqualTo(new BlobSource(BlobSource.derive(1, 2, 1), 4096).digest(buffer));
  }

  @Test
  void generate_bufferNotWholeWords_refused() {
    assertThatThrownBy(() -> new BlobSource(1, 10).generate(new byte[12], (b, n) -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
