package io.coffer.registry.application;

import io.coffer.registry.domain.ErrorKind;
import io.coffer.registry.domain.Registry;
import io.coffer.registry.domain.RegistryException;
import io.coffer.registry.domain.RepositoryName;
import io.coffer.registry.infrastructure.sql.SqlManifests;
import io.coffer.registry.infrastructure.sql.SqlRepositories;
import io.coffer.storage.db.Database;
import java.util.List;

/** Listing repositories and tags, page by page; whole-repository reads and deletes. */
public final class CatalogService {
  private final Database db;
  private final SqlRepositories repositories;
  private final SqlManifests manifests;

  public CatalogService(Database db, SqlRepositories repositories, SqlManifests manifests) {
    this.db = db;
    this.repositories = repositories;
    this.manifests = manifests;
  }

  public List<String> repositories(Registry r, String last, int n) {
    return db.read(c -> repositories.names(c, r.id(), last, n));
  }

  /** Full names {@code registry/repository}, of every registry or only of {@code registryIdOrNull}. */
  public List<String> fullNames(String registryIdOrNull, String last, int n) {
    return db.read(c -> repositories.fullNames(c, registryIdOrNull, last, n));
  }

  public List<String> tags(Registry r, RepositoryName repo, String last, int n) {
    return db.read(c -> {
      String id = repositoryId(c, r, repo);
      return repositories.tags(c, id, last, n);
    });
  }

  public List<SqlRepositories.TagRow> tagsByTime(Registry r, RepositoryName repo, boolean newestFirst, int n) {
    return db.read(c -> repositories.tagsByTime(c, repositoryId(c, r, repo), newestFirst, n));
  }

  public SqlRepositories.RepositoryInfo info(Registry r, RepositoryName repo) {
    return db.read(c -> repositories.info(c, r.id(), repo.repository())).orElseThrow(() -> unknown(repo));
  }

  public record Deleted(List<String> manifests, List<String> tags) {}

  /** Deletes a repository with its manifests and tags; blobs go at the next garbage collection. */
  public Deleted delete(Registry r, RepositoryName repo) {
    return db.inTransaction(c -> {
      String id = repositoryId(c, r, repo);
      List<String> digests = manifests.all(c, id).stream().map(SqlManifests.ManifestRow::digest).toList();
      List<String> tags = repositories.tags(c, id, null, Integer.MAX_VALUE);
      repositories.delete(c, id);
      return new Deleted(digests, tags);
    });
  }

  public List<SqlManifests.ManifestRow> manifests(Registry r, RepositoryName repo) {
    return db.read(c -> manifests.all(c, repositoryId(c, r, repo)));
  }

  public List<String> tagsOf(Registry r, RepositoryName repo, String digest) {
    return db.read(c -> repositories.tagsOf(c, repositoryId(c, r, repo), digest));
  }

  private String repositoryId(java.sql.Connection c, Registry r, RepositoryName repo) throws java.sql.SQLException {
    return repositories.id(c, r.id(), repo.repository()).orElseThrow(() -> unknown(repo));
  }

  private static RegistryException unknown(RepositoryName repo) {
    return new RegistryException(ErrorKind.NAME_UNKNOWN, "repository name not known to registry", repo.full());
  }
}
