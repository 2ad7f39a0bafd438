package io.coffer.registry.application;

import io.coffer.registry.domain.Digest;
import io.coffer.registry.domain.ErrorKind;
import io.coffer.registry.domain.ManifestParser;
import io.coffer.registry.domain.ParsedManifest;
import io.coffer.registry.domain.Registry;
import io.coffer.registry.domain.RegistryException;
import io.coffer.registry.domain.RegistrySettingsStore;
import io.coffer.registry.domain.RepositoryName;
import io.coffer.registry.domain.Tag;
import io.coffer.registry.encryption.SealedStore;
import io.coffer.registry.infrastructure.sql.SqlBlobs;
import io.coffer.registry.infrastructure.sql.SqlManifests;
import io.coffer.registry.infrastructure.sql.SqlManifests.ManifestRow;
import io.coffer.registry.infrastructure.sql.SqlRepositories;
import io.coffer.storage.db.Database;
import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/** Pushing, pulling and deleting manifests; tags; the referrers API; quarantine. */
public final class ManifestService {
  private final Database db;
  private final SqlRepositories repositories;
  private final SqlBlobs blobs;
  private final SqlManifests manifests;
  private final SealedStore sealed;
  private final ContentLocks locks;
  private final Clock clock;
  private final RegistrySettingsStore settings;

  public ManifestService(Database db, SqlRepositories repositories, SqlBlobs blobs, SqlManifests manifests,
      SealedStore sealed, ContentLocks locks, Clock clock, RegistrySettingsStore settings) {
    this.db = db;
    this.repositories = repositories;
    this.blobs = blobs;
    this.manifests = manifests;
    this.sealed = sealed;
    this.locks = locks;
    this.clock = clock;
    this.settings = settings;
  }

  public record PutResult(Digest digest, Digest subject) {}

  /** {@code quarantineState}: the stored state, null when the manifest was pushed without quarantine. */
  public record Manifest(Digest digest, String mediaType, long size, String quarantineState) {}

  public PutResult put(Registry r, RepositoryName repo, String reference, byte[] body, String contentType)
      throws IOException {
    if (body.length > ManifestParser.MAX_SIZE) {
      throw new RegistryException(ErrorKind.MANIFEST_TOO_LARGE, "manifest exceeds the 4 MiB limit");
    }
    boolean byDigest = Digest.looksLikeDigest(reference);
    Digest digest;
    if (byDigest) {
      Digest claimed = Digest.parse(reference);
      digest = Digest.of(claimed.algorithm(), claimed.newHasher().digest(body));
      if (!digest.equals(claimed)) {
        throw new RegistryException(ErrorKind.DIGEST_INVALID, "manifest digest does not match the reference",
            java.util.Map.of("expected", claimed.toString(), "actual", digest.toString()));
      }
    } else {
      Tag.validate(reference);
      digest = Digest.sha256(body);
    }
    ParsedManifest parsed = ManifestParser.parse(body, contentType);
    ReentrantLock lock = locks.lockFor(r.id(), digest.toString());
    lock.lock();
    try {
      boolean written = false;
      if (db.read(c -> blobs.size(c, r.id(), digest.toString())).isEmpty()
          || sealed.raw().size(SealedStore.blobPath(r.id(), digest)).isEmpty()) {
        try (var w = sealed.sealBlob(r.id(), digest)) {
          w.plaintext().write(body);
          w.commit(SealedStore.blobPath(r.id(), digest));
          written = true;
        }
      }
      try {
        db.inTransaction(c -> {
          long now = clock.millis();
          String repoId = repositories.ensure(c, r.id(), repo.repository(), now);
          // First, as the retention job does: on PostgreSQL the row lock keeps the two from
          // interleaving (SQLite serialises write transactions anyway), so a manifest that job
          // deletes is never one this push has just found and links to.
          repositories.touch(c, repoId, now);
          List<String> refs = new ArrayList<>();
          for (Digest b : parsed.blobs()) {
            if (blobs.linkedSize(c, repoId, r.id(), b.toString()).isEmpty()) {
              throw new RegistryException(ErrorKind.MANIFEST_BLOB_UNKNOWN, "blob unknown to registry", b.toString());
            }
            refs.add(b.toString());
          }
          for (Digest m : parsed.manifests()) {
            if (manifests.find(c, repoId, m.toString()).isEmpty()) {
              throw new RegistryException(ErrorKind.MANIFEST_BLOB_UNKNOWN, "manifest unknown to registry",
                  m.toString());
            }
            refs.add(m.toString());
          }
          blobs.record(c, r.id(), digest.toString(), body.length, now);
          // Read in this transaction: a policy switched on is exact for the next push. A manifest
          // already stored keeps the state it has.
          String quarantine = settings.get(c, r.id()).policies().quarantineEnabled()
              ? QuarantineState.QUARANTINED.wireName() : null;
          manifests.insert(c, repoId, new ManifestRow(digest.toString(), parsed.mediaType(), body.length,
              parsed.artifactType(), quarantine),
              parsed.subject() == null ? null : parsed.subject().toString(), refs, now);
          if (!byDigest) repositories.tag(c, repoId, reference, digest.toString(), now);
          return null;
        });
      } catch (RuntimeException e) {
        // A refused manifest leaves no sealed copy: with no blobs row, garbage collection would never find it.
        if (written) sealed.raw().delete(SealedStore.blobPath(r.id(), digest));
        throw e;
      }
    } finally {
      lock.unlock();
    }
    return new PutResult(digest, parsed.subject());
  }

  /** Resolves a tag or digest to a manifest of the repository. */
  public Manifest resolve(Registry r, RepositoryName repo, String reference) {
    return db.read(c -> {
      var repoId = repositories.id(c, r.id(), repo.repository())
          .orElseThrow(() -> new RegistryException(ErrorKind.NAME_UNKNOWN, "repository name not known to registry",
              repo.full()));
      String digest;
      if (Digest.looksLikeDigest(reference)) {
        digest = Digest.parse(reference).toString();
      } else {
        // No tag of that form can exist, so nothing is found under it: 404, as for any unknown tag.
        if (!Tag.isValid(reference)) throw unknown(reference);
        digest = repositories.tagTarget(c, repoId, reference).orElseThrow(() -> unknown(reference));
      }
      ManifestRow row = manifests.find(c, repoId, digest).orElseThrow(() -> unknown(reference));
      return new Manifest(Digest.parse(row.digest()), row.mediaType(), row.size(), row.quarantineState());
    });
  }

  /**
   * Resolves a manifest for a pull (GET or HEAD): refused while it is quarantined and the registry's
   * quarantine policy is on. Its blobs are not checked: a client learns their digests only from the
   * manifest, and checking each blob would cost a lookup per blob request for no protection.
   */
  public Manifest pull(Registry r, RepositoryName repo, String reference) {
    Manifest m = resolve(r, repo, reference);
    if (QuarantineState.isQuarantined(m.quarantineState())
        && db.read(c -> settings.get(c, r.id())).policies().quarantineEnabled()) {
      throw new RegistryException(ErrorKind.DENIED, "The image '" + repo.full() + "@" + m.digest()
          + "' is quarantined and cannot be pulled until it is released (quarantineState Passed).",
          Map.of("image", repo.full() + "@" + m.digest(), "quarantineState", m.quarantineState()));
    }
    return m;
  }

  /** Releases a manifest from quarantine ({@code Passed}) or puts it back; returns it as now stored. */
  public Manifest setQuarantineState(Registry r, RepositoryName repo, String reference, QuarantineState state) {
    Digest digest = resolve(r, repo, reference).digest();
    boolean updated = db.inTransaction(c -> {
      var repoId = repositories.id(c, r.id(), repo.repository());
      return repoId.isPresent()
          && manifests.setQuarantineState(c, repoId.get(), digest.toString(), state.wireName());
    });
    if (!updated) throw unknown(reference); // deleted in between
    return resolve(r, repo, digest.toString());
  }

  private static RegistryException unknown(String reference) {
    return new RegistryException(ErrorKind.MANIFEST_UNKNOWN, "manifest unknown to registry", reference);
  }

  public byte[] content(Registry r, Manifest m) throws IOException {
    try (InputStream in = sealed.openBlob(r.id(), m.digest())) {
      return in.readAllBytes();
    }
  }

  /** Deletes a manifest by digest (with its tags), or only the tag when given a tag. */
  public void delete(Registry r, RepositoryName repo, String reference) {
    boolean deleted = db.inTransaction(c -> {
      var repoId = repositories.id(c, r.id(), repo.repository())
          .orElseThrow(() -> new RegistryException(ErrorKind.NAME_UNKNOWN, "repository name not known to registry",
              repo.full()));
      if (Digest.looksLikeDigest(reference)) {
        return manifests.delete(c, repoId, Digest.parse(reference).toString());
      }
      Tag.validate(reference);
      return repositories.untag(c, repoId, reference);
    });
    if (!deleted) throw unknown(reference);
  }

  /** A manifest that refers to a subject, with its annotations (read from the sealed manifest). */
  public record Referrer(ManifestRow manifest, JsonNode annotations) {}

  /** Manifests whose subject is {@code subject}, optionally only of one artifact type. */
  public List<Referrer> referrers(Registry r, RepositoryName repo, Digest subject, String artifactType)
      throws IOException {
    List<ManifestRow> rows = db.read(c -> {
      var repoId = repositories.id(c, r.id(), repo.repository());
      if (repoId.isEmpty()) return List.<ManifestRow>of();
      return manifests.referrers(c, repoId.get(), subject.toString());
    });
    List<Referrer> out = new ArrayList<>();
    for (ManifestRow m : rows) {
      if (artifactType != null && !artifactType.equals(m.artifactType())) continue;
      // Annotations are content: they stay sealed at rest and are read back only here.
      Manifest stored = new Manifest(Digest.parse(m.digest()), m.mediaType(), m.size(), m.quarantineState());
      JsonNode annotations = Json.parse(content(r, stored)).get("annotations");
      out.add(new Referrer(m, annotations != null && annotations.isObject() ? annotations : null));
    }
    return out;
  }
}
