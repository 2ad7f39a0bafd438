package io.coffer.registry.application;

import io.coffer.registry.domain.Digest;
import io.coffer.registry.encryption.SealedStore;
import io.coffer.registry.infrastructure.sql.SqlBlobs;
import io.coffer.registry.infrastructure.sql.SqlUploads;
import io.coffer.storage.db.Database;
import io.coffer.storage.db.Sql;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes blobs that no manifest references and upload sessions left idle.
 *
 * <p>Safe while pushes run: blobs stored, pushed again or mounted within the grace period are
 * kept (their manifest may be on its way), and each deletion holds the content lock of that
 * digest and re-checks in the same transaction that nothing references it.
 */
public final class GarbageCollector {
  private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);
  private final Database db;
  private final SqlBlobs blobs;
  private final SqlUploads uploads;
  private final SealedStore sealed;
  private final UploadService uploadService;
  private final ContentLocks locks;
  private final Clock clock;
  private final Duration gracePeriod;
  private final Duration uploadExpiry;

  public GarbageCollector(Database db, SqlBlobs blobs, SqlUploads uploads, SealedStore sealed,
      UploadService uploadService, ContentLocks locks, Clock clock, Duration gracePeriod, Duration uploadExpiry) {
    this.db = db;
    this.blobs = blobs;
    this.uploads = uploads;
    this.sealed = sealed;
    this.uploadService = uploadService;
    this.locks = locks;
    this.clock = clock;
    this.gracePeriod = gracePeriod;
    this.uploadExpiry = uploadExpiry;
  }

  public record Result(int blobsDeleted, long bytesFreed, int uploadsExpired) {}

  /** Collects one registry. */
  public Result collect(String registryId) throws IOException {
    long cutoff = clock.millis() - gracePeriod.toMillis();
    int deleted = 0;
    long freed = 0;
    for (var candidate : db.read(c -> blobs.unreferenced(c, registryId, cutoff))) {
      ReentrantLock lock = locks.lockFor(registryId, candidate.digest());
      lock.lock();
      try {
        boolean removed = db.inTransaction(c -> {
          boolean still = blobs.isUnreferenced(c, registryId, candidate.digest(), cutoff);
          if (still) blobs.forget(c, registryId, candidate.digest());
          return still;
        });
        if (removed) {
          sealed.raw().delete(SealedStore.blobPath(registryId, Digest.parse(candidate.digest())));
          deleted++;
          freed += candidate.size();
        }
      } finally {
        lock.unlock();
      }
    }
    int expired = 0;
    long idleBefore = clock.millis() - uploadExpiry.toMillis();
    for (var u : db.read(c -> uploads.idleSince(c, idleBefore))) {
      if (u.registryId().equals(registryId)) {
        uploadService.cancelQuietly(registryId, u.id());
        expired++;
      }
    }
    return new Result(deleted, freed, expired);
  }

  /** Collects every registry; what the schedule runs. */
  public void collectAll() {
    List<String> ids = db.read(c -> Sql.query(c, "SELECT id FROM registries", rs -> rs.getString(1)));
    for (String id : ids) {
      try {
        Result r = collect(id);
        if (r.blobsDeleted() > 0 || r.uploadsExpired() > 0) {
          LOG.info("garbage collection of registry {}: {} blobs ({} bytes) and {} idle uploads removed",
              id, r.blobsDeleted(), r.bytesFreed(), r.uploadsExpired());
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("garbage collection of registry {} failed: {}", id, e.toString());
      }
    }
  }
}
