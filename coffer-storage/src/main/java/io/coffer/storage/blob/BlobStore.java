package io.coffer.storage.blob;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.OptionalLong;

/**
 * Moves bytes, nothing else: content arrives here already sealed by the encryption layer.
 *
 * <p>Writes are atomic: {@link #create()} returns a staging writer whose bytes become visible
 * under a path only on {@link PendingWrite#commit(BlobPath)}; a crash before that leaves nothing
 * under the path.
 */
public interface BlobStore {
  PendingWrite create() throws IOException;

  /** Opens a stored object for random access. */
  SeekableByteChannel open(BlobPath path) throws IOException;

  OptionalLong size(BlobPath path) throws IOException;

  /** Deletes an object; deleting a missing object is not an error. */
  void delete(BlobPath path) throws IOException;

  /** Deletes every object whose path starts with the prefix. */
  void deleteAll(BlobPath prefix) throws IOException;

  /** Paths of the objects directly or indirectly under the prefix. */
  List<BlobPath> list(BlobPath prefix) throws IOException;

  /** A staging write; {@link #abort()} is idempotent and safe after commit. */
  interface PendingWrite extends AutoCloseable {
    OutputStream stream();

    /** Makes the bytes durable and visible under the path, replacing what was there. */
    void commit(BlobPath path) throws IOException;

    void abort();

    @Override
    default void close() {
      abort();
    }
  }
}
