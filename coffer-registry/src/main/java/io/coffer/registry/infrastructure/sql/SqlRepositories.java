package io.coffer.registry.infrastructure.sql;

import io.coffer.storage.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Repositories and their tags. Methods take the caller's connection so they join its transaction. */
public final class SqlRepositories {
  public Optional<String> id(Connection c, String registryId, String name) throws SQLException {
    return Sql.one(c, "SELECT id FROM repositories WHERE registry_id = ? AND name = ?",
        rs -> rs.getString(1), registryId, name);
  }

  /** The repository's id, creating the repository on first use. */
  public String ensure(Connection c, String registryId, String name, long now) throws SQLException {
    Optional<String> existing = id(c, registryId, name);
    if (existing.isPresent()) return existing.get();
    String id = UUID.randomUUID().toString();
    Sql.update(c, "INSERT INTO repositories (id, registry_id, name, created_at, updated_at) VALUES (?,?,?,?,?)",
        id, registryId, name, now, now);
    return id;
  }

  public void touch(Connection c, String repositoryId, long now) throws SQLException {
    Sql.update(c, "UPDATE repositories SET updated_at = ? WHERE id = ?", now, repositoryId);
  }

  public List<String> names(Connection c, String registryId, String after, int limit) throws SQLException {
    return Sql.query(c, "SELECT name FROM repositories WHERE registry_id = ? AND name > ? ORDER BY name LIMIT ?",
        rs -> rs.getString(1), registryId, after == null ? "" : after, limit);
  }

  public record RepositoryInfo(String id, String name, long createdAt, long updatedAt, long manifestCount,
      long tagCount) {}

  public Optional<RepositoryInfo> info(Connection c, String registryId, String name) throws SQLException {
    return Sql.one(c, "SELECT r.id, r.name, r.created_at, r.updated_at, "
        + "(SELECT COUNT(*) FROM manifests m WHERE m.repository_id = r.id), "
        + "(SELECT COUNT(*) FROM tags t WHERE t.repository_id = r.id) "
        + "FROM repositories r WHERE r.registry_id = ? AND r.name = ?",
        rs -> new RepositoryInfo(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
            rs.getLong(6)), registryId, name);
  }

  public void delete(Connection c, String repositoryId) throws SQLException {
    for (String table : new String[] {"tags", "manifest_refs", "manifests", "repository_blobs"}) {
      Sql.update(c, "DELETE FROM " + table + " WHERE repository_id = ?", repositoryId);
    }
    Sql.update(c, "DELETE FROM repositories WHERE id = ?", repositoryId);
  }

  public List<String> tags(Connection c, String repositoryId, String after, int limit) throws SQLException {
    return Sql.query(c, "SELECT name FROM tags WHERE repository_id = ? AND name > ? ORDER BY name LIMIT ?",
        rs -> rs.getString(1), repositoryId, after == null ? "" : after, limit);
  }

  public List<String> tagsOf(Connection c, String repositoryId, String digest) throws SQLException {
    return Sql.query(c, "SELECT name FROM tags WHERE repository_id = ? AND manifest_digest = ? ORDER BY name",
        rs -> rs.getString(1), repositoryId, digest);
  }

  public Optional<String> tagTarget(Connection c, String repositoryId, String tag) throws SQLException {
    return Sql.one(c, "SELECT manifest_digest FROM tags WHERE repository_id = ? AND name = ?",
        rs -> rs.getString(1), repositoryId, tag);
  }

  public void tag(Connection c, String repositoryId, String tag, String digest, long now) throws SQLException {
    if (Sql.update(c, "UPDATE tags SET manifest_digest = ?, updated_at = ? WHERE repository_id = ? AND name = ?",
        digest, now, repositoryId, tag) == 0) {
      Sql.update(c, "INSERT INTO tags (repository_id, name, manifest_digest, updated_at) VALUES (?,?,?,?)",
          repositoryId, tag, digest, now);
    }
  }

  public boolean untag(Connection c, String repositoryId, String tag) throws SQLException {
    return Sql.update(c, "DELETE FROM tags WHERE repository_id = ? AND name = ?", repositoryId, tag) > 0;
  }

  /** Full names {@code registry/repository} across registries (all, or only {@code registryId}). */
  public List<String> fullNames(Connection c, String registryId, String after, int limit) throws SQLException {
    String full = "r.name_key || '/' || p.name";
    return Sql.query(c, "SELECT " + full + " FROM repositories p JOIN registries r ON r.id = p.registry_id "
        + "WHERE (? IS NULL OR r.id = ?) AND " + full + " > ? ORDER BY " + full + " LIMIT ?",
        rs -> rs.getString(1), registryId, registryId, after == null ? "" : after, limit);
  }

  public record TagRow(String name, String digest, long updatedAt) {}

  /** Tags with the time they last moved, newest first or oldest first. */
  public List<TagRow> tagsByTime(Connection c, String repositoryId, boolean newestFirst, int limit)
      throws SQLException {
    return Sql.query(c, "SELECT name, manifest_digest, updated_at FROM tags WHERE repository_id = ? ORDER BY updated_at "
        + (newestFirst ? "DESC" : "ASC") + ", name LIMIT ?",
        rs -> new TagRow(rs.getString(1), rs.getString(2), rs.getLong(3)), repositoryId, limit);
  }
}
