package io.coffer.storage.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading through the sliding mapped window gives exactly the file's bytes, wherever reads start and end. */
class MappedReadChannelTest {
  @TempDir Path dir;

  private Path file(int size) throws Exception {
    byte[] content = new byte[size];
    new Random(size).nextBytes(content);
    return Files.write(dir.resolve("blob-" + size), content);
  }

  @Test
  void sequentialReads_acrossSeveralWindows_returnTheWholeFile() throws Exception {
    Path f = file(2 * MappedReadChannel.WINDOW + 12_345);
    byte[] expected = Files.readAllBytes(f);
    ByteBuffer out = ByteBuffer.allocate(expected.length);
    try (SeekableByteChannel ch = MappedReadChannel.of(FileChannel.open(f))) {
      assertThat(ch).isInstanceOf(MappedReadChannel.class);
      ByteBuffer chunk = ByteBuffer.allocate(100_003); // reads that straddle window boundaries
      while (ch.read(chunk.clear()) > 0) out.put(chunk.flip());
      assertThat(ch.read(chunk.clear())).isEqualTo(-1);
    }
    assertThat(out.array()).isEqualTo(expected);
  }

  @Test
  void positionedReads_forwardAndBack_matchTheFile() throws Exception {
    Path f = file(MappedReadChannel.WINDOW + 4096);
    byte[] expected = Files.readAllBytes(f);
    try (SeekableByteChannel ch = MappedReadChannel.of(FileChannel.open(f))) {
      for (long at : new long[] {MappedReadChannel.WINDOW - 10, 5, MappedReadChannel.WINDOW + 4000, 0}) {
        ByteBuffer b = ByteBuffer.allocateDirect(64);
        ch.position(at);
        int n = ch.read(b);
        byte[] got = new byte[n];
        b.flip().get(got);
        assertThat(got).as("at " + at).isEqualTo(Arrays.copyOfRange(expected, (int) at, (int) at + n));
        assertThat(ch.position()).isEqualTo(at + n);
      }
      assertThat(ch.size()).isEqualTo(expected.length);
      assertThat(ch.position(expected.length + 10).read(ByteBuffer.allocate(1))).isEqualTo(-1);
    }
  }

  @Test
  void emptyFile_endsAtOnce_andTheChannelIsReadOnlyAndClosable() throws Exception {
    Path f = file(0);
    SeekableByteChannel ch = MappedReadChannel.of(FileChannel.open(f));
    assertThat(ch.read(ByteBuffer.allocate(8))).isEqualTo(-1);
    assertThatThrownBy(() -> ch.write(ByteBuffer.allocate(1))).isInstanceOf(NonWritableChannelException.class);
    ch.close();
    assertThat(ch.isOpen()).isFalse();
    assertThatThrownBy(() -> ch.read(ByteBuffer.allocate(8))).isInstanceOf(ClosedChannelException.class);
  }
}
