package io.coffer.registry.application;

import io.coffer.registry.domain.Digest;
import io.coffer.registry.domain.ErrorKind;
import io.coffer.registry.domain.Registry;
import io.coffer.registry.domain.RegistryException;
import io.coffer.registry.domain.RepositoryName;
import io.coffer.registry.encryption.SealedStore;
import io.coffer.registry.infrastructure.sql.SqlBlobs;
import io.coffer.registry.infrastructure.sql.SqlRepositories;
import io.coffer.storage.db.Database;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;

/** Reading, deleting and mounting blobs of a repository. */
public final class BlobService {
  /** Repositories a mount without a source looks at, at most: enough to find one the caller may read. */
  private static final int MOUNT_CANDIDATES = 100;
  private final Database db;
  private final SqlRepositories repositories;
  private final SqlBlobs blobs;
  private final SealedStore sealed;
  private final Clock clock;

  public BlobService(Database db, SqlRepositories repositories, SqlBlobs blobs, SealedStore sealed, Clock clock) {
    this.db = db;
    this.repositories = repositories;
    this.blobs = blobs;
    this.sealed = sealed;
    this.clock = clock;
  }

  /** The size of a blob the repository may serve. */
  public long size(Registry r, RepositoryName repo, Digest d) {
    OptionalLong size = db.read(c -> {
      var id = repositories.id(c, r.id(), repo.repository());
      return id.isEmpty() ? OptionalLong.empty() : blobs.linkedSize(c, id.get(), r.id(), d.toString());
    });
    if (size.isEmpty()) throw new RegistryException(ErrorKind.BLOB_UNKNOWN, "blob unknown to registry", d.toString());
    return size.getAsLong();
  }

  /** Plaintext of the blob from {@code offset}; the caller reads what it needs and closes. */
  public SeekableByteChannel open(Registry r, Digest d, long offset) throws IOException {
    return sealed.openBlobAt(r.id(), d, offset);
  }

  public void delete(Registry r, RepositoryName repo, Digest d) {
    boolean removed = db.inTransaction(c -> {
      var id = repositories.id(c, r.id(), repo.repository());
      return id.isPresent() && blobs.unlink(c, id.get(), d.toString());
    });
    if (!removed) throw new RegistryException(ErrorKind.BLOB_UNKNOWN, "blob unknown to registry", d.toString());
  }

  /**
   * A mount that names no source ({@code POST …/uploads/?mount=<digest>}): links the blob from
   * any repository of the registry that holds it and that the caller may pull, so nobody gains
   * content they could not read already.
   */
  public boolean mountFromAnyRepository(Registry r, RepositoryName repo, Digest d, Predicate<String> mayPull) {
    List<String> holders = db.read(c -> blobs.holders(c, r.id(), d.toString(), MOUNT_CANDIDATES));
    for (String holder : holders) {
      String source = r.pathName() + "/" + holder;
      if (mayPull.test(source) && mount(r, repo, source, d)) return true;
    }
    return false;
  }

  /**
   * Links a blob of another repository of the same registry into this one. Content sealed under
   * another registry's key cannot be shared, so a mount across registries is declined (false)
   * and the client uploads instead.
   */
  public boolean mount(Registry r, RepositoryName repo, String from, Digest d) {
    RepositoryName source;
    try {
      source = RepositoryName.parse(from);
    } catch (RegistryException e) {
      return false;
    }
    if (!source.registry().equals(r.pathName())) return false;
    return db.inTransaction(c -> {
      var sourceId = repositories.id(c, r.id(), source.repository());
      if (sourceId.isEmpty() || blobs.linkedSize(c, sourceId.get(), r.id(), d.toString()).isEmpty()) return false;
      long now = clock.millis();
      String target = repositories.ensure(c, r.id(), repo.repository(), now);
      blobs.link(c, target, d.toString(), now);
      return true;
    });
  }
}
