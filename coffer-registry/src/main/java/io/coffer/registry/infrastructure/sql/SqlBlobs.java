package io.coffer.registry.infrastructure.sql;

import io.coffer.storage.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;

/** Content stored once per registry, and the links that let a repository serve it. */
public final class SqlBlobs {
  public OptionalLong size(Connection c, String registryId, String digest) throws SQLException {
    return Sql.one(c, "SELECT size FROM blobs WHERE registry_id = ? AND digest = ?",
        rs -> rs.getLong(1), registryId, digest).map(OptionalLong::of).orElse(OptionalLong.empty());
  }

  /** Size of a blob the repository may serve, if linked. */
  public OptionalLong linkedSize(Connection c, String repositoryId, String registryId, String digest)
      throws SQLException {
    return Sql.one(c, "SELECT b.size FROM repository_blobs l JOIN blobs b ON b.registry_id = ? AND b.digest = l.digest "
        + "WHERE l.repository_id = ? AND l.digest = ?", rs -> rs.getLong(1), registryId, repositoryId, digest)
        .map(OptionalLong::of).orElse(OptionalLong.empty());
  }

  /** Names of up to {@code limit} repositories of the registry that link a stored blob. */
  public List<String> holders(Connection c, String registryId, String digest, int limit) throws SQLException {
    return Sql.query(c, "SELECT p.name FROM repository_blobs l JOIN repositories p ON p.id = l.repository_id "
        + "JOIN blobs b ON b.registry_id = p.registry_id AND b.digest = l.digest "
        + "WHERE p.registry_id = ? AND l.digest = ? ORDER BY p.name LIMIT ?",
        rs -> rs.getString(1), registryId, digest, limit);
  }

  public void record(Connection c, String registryId, String digest, long size, long now) throws SQLException {
    if (Sql.count(c, "SELECT COUNT(*) FROM blobs WHERE registry_id = ? AND digest = ?", registryId, digest) == 0) {
      Sql.update(c, "INSERT INTO blobs (registry_id, digest, size, created_at) VALUES (?,?,?,?)",
          registryId, digest, size, now);
    }
  }

  /**
   * Links a blob into a repository. A link's time is its latest push or mount, so that garbage
   * collection leaves a blob alone while a manifest that needs it may be on its way.
   */
  public void link(Connection c, String repositoryId, String digest, long now) throws SQLException {
    if (Sql.update(c, "UPDATE repository_blobs SET created_at = ? WHERE repository_id = ? AND digest = ?",
        now, repositoryId, digest) == 0) {
      Sql.update(c, "INSERT INTO repository_blobs (repository_id, digest, created_at) VALUES (?,?,?)",
          repositoryId, digest, now);
    }
  }

  public boolean unlink(Connection c, String repositoryId, String digest) throws SQLException {
    return Sql.update(c, "DELETE FROM repository_blobs WHERE repository_id = ? AND digest = ?",
        repositoryId, digest) > 0;
  }

  public record Unreferenced(String digest, long size) {}

  /**
   * Blobs of the registry that no manifest references and that are not manifests themselves,
   * neither stored nor pushed or mounted again since {@code before} (newer ones may belong to a
   * push in flight).
   */
  public List<Unreferenced> unreferenced(Connection c, String registryId, long before) throws SQLException {
    return Sql.query(c, "SELECT b.digest, b.size FROM blobs b WHERE b.registry_id = ? AND b.created_at < ? AND "
        + UNREFERENCED, rs -> new Unreferenced(rs.getString(1), rs.getLong(2)), registryId, before, before);
  }

  /** Whether one blob is still unreferenced and old enough, checked inside the deleting transaction. */
  public boolean isUnreferenced(Connection c, String registryId, String digest, long before)
      throws SQLException {
    return Sql.count(c, "SELECT COUNT(*) FROM blobs b WHERE b.registry_id = ? AND b.digest = ? AND b.created_at < ? "
        + "AND " + UNREFERENCED, registryId, digest, before, before) > 0;
  }

  /** Its first parameter is the time bound: a link made or renewed since then keeps the blob. */
  private static final String UNREFERENCED =
      "NOT EXISTS (SELECT 1 FROM repository_blobs l JOIN repositories p ON p.id = l.repository_id "
      + "  WHERE p.registry_id = b.registry_id AND l.digest = b.digest AND l.created_at >= ?) "
      + "AND NOT EXISTS (SELECT 1 FROM manifest_refs r JOIN repositories p ON p.id = r.repository_id "
      + "  WHERE p.registry_id = b.registry_id AND r.ref_digest = b.digest) "
      + "AND NOT EXISTS (SELECT 1 FROM manifests m JOIN repositories p ON p.id = m.repository_id "
      + "  WHERE p.registry_id = b.registry_id AND m.digest = b.digest)";

  public void forget(Connection c, String registryId, String digest) throws SQLException {
    Sql.update(c, "DELETE FROM repository_blobs WHERE digest = ? AND repository_id IN "
        + "(SELECT id FROM repositories WHERE registry_id = ?)", digest, registryId);
    Sql.update(c, "DELETE FROM blobs WHERE registry_id = ? AND digest = ?", registryId, digest);
  }
}
