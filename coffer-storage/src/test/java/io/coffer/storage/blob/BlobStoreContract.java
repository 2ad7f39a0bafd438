package io.coffer.storage.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What every {@link BlobStore} must do; each backend's test only says how to make one. */
public abstract class BlobStoreContract {
  protected abstract BlobStore store() throws Exception;

  private static byte[] read(BlobStore s, BlobPath p) throws Exception {
    try (SeekableByteChannel ch = s.open(p)) {
      ByteBuffer buf = ByteBuffer.allocate((int) ch.size());
      while (buf.hasRemaining() && ch.read(buf) >= 0) { }
      return buf.array();
    }
  }

  @Test
  void commit_thenOpen_returnsBytes() throws Exception {
    BlobStore s = store();
    var w = s.create();
    w.stream().write("hello".getBytes(StandardCharsets.UTF_8));
    w.commit(BlobPath.of("a", "b", "c"));
    assertThat(read(s, BlobPath.of("a", "b", "c"))).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
    assertThat(s.size(BlobPath.of("a", "b", "c"))).hasValue(5);
  }

  @Test
  void abort_beforeCommit_leavesNothing() throws Exception {
    BlobStore s = store();
    var w = s.create();
    OutputStream out = w.stream();
    out.write(new byte[1000]);
    w.abort();
    w.abort();
    assertThat(s.list(BlobPath.of("x"))).isEmpty();
    assertThat(s.size(BlobPath.of("x", "y"))).isEmpty();
  }

  @Test
  void open_missing_throwsNotFound() throws Exception {
    assertThatThrownBy(() -> store().open(BlobPath.of("nope"))).isInstanceOf(BlobNotFoundException.class);
  }

  @Test
  void commit_existingPath_replacesAtomically() throws Exception {
    BlobStore s = store();
    for (String v : new String[] {"one", "two"}) {
      var w = s.create();
      w.stream().write(v.getBytes(StandardCharsets.UTF_8));
      w.commit(BlobPath.of("k"));
    }
    assertThat(new String(read(s, BlobPath.of("k")), StandardCharsets.UTF_8)).isEqualTo("two");
  }

  @Test
  void deleteAll_prefix_removesEverythingUnderIt() throws Exception {
    BlobStore s = store();
    for (String name : new String[] {"1", "2"}) {
      var w = s.create();
      w.stream().write(1);
      w.commit(BlobPath.of("p", "q", name));
    }
    var w = s.create();
    w.stream().write(1);
    w.commit(BlobPath.of("keep"));
    assertThat(s.list(BlobPath.of("p"))).hasSize(2);
    s.deleteAll(BlobPath.of("p"));
    assertThat(s.list(BlobPath.of("p"))).isEmpty();
    assertThat(s.size(BlobPath.of("keep"))).hasValue(1);
    s.delete(BlobPath.of("keep"));
    s.delete(BlobPath.of("keep"));
    assertThat(s.size(BlobPath.of("keep"))).isEmpty();
  }

  @Test
  void blobPath_traversal_isRefused() {
    assertThatThrownBy(() -> BlobPath.of("a", "..")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BlobPath.of("a/b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BlobPath.of("")).isInstanceOf(IllegalArgumentException.class);
  }
}
