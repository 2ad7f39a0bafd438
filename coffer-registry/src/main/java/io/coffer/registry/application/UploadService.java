package io.coffer.registry.application;

import io.coffer.common.io.OverlappedCopy;
import io.coffer.registry.domain.Digest;
import io.coffer.registry.domain.ErrorKind;
import io.coffer.registry.domain.Registry;
import io.coffer.registry.domain.RegistryException;
import io.coffer.registry.domain.RepositoryName;
import io.coffer.registry.encryption.SealedStore;
import io.coffer.registry.infrastructure.sql.SqlBlobs;
import io.coffer.registry.infrastructure.sql.SqlRepositories;
import io.coffer.registry.infrastructure.sql.SqlUploads;
import io.coffer.storage.blob.BlobPath;
import io.coffer.storage.db.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.UUID;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The upload lifecycle: start → append sealed chunks → complete (verify digest → seal into
 * content-addressed storage → record and link → drop the chunks), or cancel at any point.
 *
 * <p>A streaming ciphertext cannot be appended to, so each PATCH is sealed as its own chunk; the
 * commit streams the chunks' plaintext once through the digest and into the final sealed blob.
 * No plaintext byte reaches the disk at any step.
 */
public final class UploadService {
  private final Database db;
  private final SqlRepositories repositories;
  private final SqlBlobs blobs;
  private final SqlUploads uploads;
  private final SealedStore sealed;
  private final ContentLocks locks;
  private final Clock clock;
  private final int maxOpenUploads;
  private final OverlappedCopy overlapped;
  // One lock per open upload (not striped: a long PATCH must not hold up unrelated uploads).
  private final Map<String, ReentrantLock> uploadLocks = new ConcurrentHashMap<>();

  public UploadService(Database db, SqlRepositories repositories, SqlBlobs blobs, SqlUploads uploads,
      SealedStore sealed, ContentLocks locks, Clock clock, int maxOpenUploads, ExecutorService io) {
    this.db = db;
    this.repositories = repositories;
    this.blobs = blobs;
    this.uploads = uploads;
    this.sealed = sealed;
    this.locks = locks;
    this.clock = clock;
    this.maxOpenUploads = maxOpenUploads;
    this.overlapped = new OverlappedCopy(io, 256 * 1024, 3, false);
  }

  public record UploadState(String id, long size) {}

  public UploadState start(Registry r, RepositoryName repo) {
    String id = UUID.randomUUID().toString();
    db.inTransaction(c -> {
      if (uploads.countOpen(c, r.id()) >= maxOpenUploads) {
        throw new RegistryException(ErrorKind.TOO_MANY_REQUESTS,
            "too many uploads in progress for this registry; finish or cancel some and retry");
      }
      long now = clock.millis();
      repositories.ensure(c, r.id(), repo.repository(), now);
      uploads.insert(c, id, r.id(), repo.repository(), now);
      return null;
    });
    return new UploadState(id, 0);
  }

  private SqlUploads.UploadRow find(Registry r, RepositoryName repo, String uploadId) {
    return db.read(c -> uploads.find(c, uploadId))
        .filter(u -> u.registryId().equals(r.id()) && u.repository().equals(repo.repository()))
        .orElseThrow(() -> new RegistryException(ErrorKind.BLOB_UPLOAD_UNKNOWN, "blob upload unknown to registry",
            uploadId));
  }

  public UploadState status(Registry r, RepositoryName repo, String uploadId) {
    var u = find(r, repo, uploadId);
    return new UploadState(u.id(), u.size());
  }

  /**
   * Appends one chunk. {@code rangeStart}, when the client sent Content-Range, must equal the
   * bytes received so far; otherwise the chunk is out of order and refused.
   */
  public UploadState append(Registry r, RepositoryName repo, String uploadId, InputStream body, Long rangeStart,
      Long rangeEnd) throws IOException {
    // One request at a time per upload: a second PATCH, the PUT or a cancel waits for this chunk.
    ReentrantLock lock = uploadLock(uploadId);
    lock.lock();
    try {
      return appendLocked(r, repo, uploadId, body, rangeStart, rangeEnd);
    } finally {
      lock.unlock();
    }
  }

  private UploadState appendLocked(Registry r, RepositoryName repo, String uploadId, InputStream body,
      Long rangeStart, Long rangeEnd) throws IOException {
    var u = find(r, repo, uploadId);
    if (rangeStart != null && rangeStart != u.size()) {
      throw new RegistryException(ErrorKind.RANGE_INVALID, "chunk out of order: upload holds " + u.size()
          + " bytes, chunk starts at " + rangeStart, u.size());
    }
    long written;
    int index = u.chunkCount();
    try (var w = sealed.sealChunk(r.id(), uploadId, index)) {
      written = copy(body, w.plaintext(), null);
      if (rangeStart != null && rangeEnd != null && written != rangeEnd - rangeStart + 1) {
        throw new RegistryException(ErrorKind.SIZE_INVALID, "Content-Range announces "
            + (rangeEnd - rangeStart + 1) + " bytes but " + written + " arrived");
      }
      w.commit(SealedStore.chunkPath(r.id(), uploadId, index));
    }
    boolean recorded = db.inTransaction(c -> uploads.appendChunk(c, uploadId, index, written, clock.millis()));
    if (!recorded) {
      sealed.raw().delete(SealedStore.chunkPath(r.id(), uploadId, index));
      throw new RegistryException(ErrorKind.RANGE_INVALID, "another chunk was appended concurrently", u.size());
    }
    return new UploadState(uploadId, u.size() + written);
  }

  /** Finishes an upload: the chunks so far plus an optional last piece must hash to {@code expected}. */
  public Digest complete(Registry r, RepositoryName repo, String uploadId, Digest expected, InputStream lastPiece)
      throws IOException {
    ReentrantLock lock = uploadLock(uploadId);
    lock.lock();
    try {
      return completeLocked(r, repo, uploadId, expected, lastPiece);
    } finally {
      lock.unlock();
    }
  }

  private Digest completeLocked(Registry r, RepositoryName repo, String uploadId, Digest expected,
      InputStream lastPiece) throws IOException {
    var u = find(r, repo, uploadId);
    try (var w = sealed.sealBlob(r.id(), expected)) {
      MessageDigest md = expected.newHasher();
      long size = 0;
      for (int i = 0; i < u.chunkCount(); i++) {
        try (InputStream chunk = sealed.openChunk(r.id(), uploadId, i)) {
          size += copy(chunk, w.plaintext(), md);
        }
      }
      if (lastPiece != null) size += copy(lastPiece, w.plaintext(), md);
      verify(expected, md);
      store(r, repo, expected, size, w);
    }
    cancelQuietly(r.id(), uploadId);
    return expected;
  }

  /** The single-request upload ({@code POST ?digest=}). */
  public Digest putMonolithic(Registry r, RepositoryName repo, Digest expected, InputStream body) throws IOException {
    try (var w = sealed.sealBlob(r.id(), expected)) {
      MessageDigest md = expected.newHasher();
      long size = copy(body, w.plaintext(), md);
      verify(expected, md);
      store(r, repo, expected, size, w);
    }
    return expected;
  }

  public void cancel(Registry r, RepositoryName repo, String uploadId) throws IOException {
    find(r, repo, uploadId);
    cancelQuietly(r.id(), uploadId);
  }

  /** Removes an upload's row and chunks; safe to call twice. */
  public void cancelQuietly(String registryId, String uploadId) throws IOException {
    db.inTransaction(c -> uploads.delete(c, uploadId));
    sealed.raw().deleteAll(SealedStore.uploadFolder(registryId, uploadId));
    uploadLocks.remove(uploadId);
  }

  private ReentrantLock uploadLock(String uploadId) {
    return uploadLocks.computeIfAbsent(uploadId, id -> new ReentrantLock());
  }

  private static void verify(Digest expected, MessageDigest md) {
    Digest actual = Digest.of(expected.algorithm(), md.digest());
    if (!actual.equals(expected)) {
      throw new RegistryException(ErrorKind.DIGEST_INVALID, "provided digest did not match uploaded content",
          java.util.Map.of("expected", expected.toString(), "actual", actual.toString()));
    }
  }

  /** Makes verified content visible under its digest (once per registry) and links it. */
  private void store(Registry r, RepositoryName repo, Digest d, long size, SealedStore.SealingWrite w)
      throws IOException {
    BlobPath path = SealedStore.blobPath(r.id(), d);
    ReentrantLock lock = locks.lockFor(r.id(), d.toString());
    lock.lock();
    try {
      boolean present = db.read(c -> blobs.size(c, r.id(), d.toString())).isPresent()
          && sealed.raw().size(path).isPresent();
      if (!present) w.commit(path);
      db.inTransaction(c -> {
        long now = clock.millis();
        blobs.record(c, r.id(), d.toString(), size, now);
        String repoId = repositories.ensure(c, r.id(), repo.repository(), now);
        blobs.link(c, repoId, d.toString(), now);
        return null;
      });
    } finally {
      lock.unlock();
    }
  }

  /** Reading and hashing on one thread, sealing and writing on the other. */
  private long copy(InputStream in, OutputStream out, MessageDigest md) throws IOException {
    return overlapped.copy(b -> {
      int n = in.read(b.array(), b.arrayOffset() + b.position(), b.remaining());
      if (n > 0) {
        if (md != null) md.update(b.array(), b.arrayOffset() + b.position(), n);
        b.position(b.position() + n);
      }
      return n;
    }, b -> out.write(b.array(), b.arrayOffset() + b.position(), b.remaining()), Long.MAX_VALUE);
  }
}
