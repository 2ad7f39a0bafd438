package io.coffer.registry.infrastructure.sql;

import io.coffer.storage.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** What the retention policy reads of a repository: its manifests, their links and which are tagged. */
public final class SqlRetention {
  /** A manifest with its age and the subject it refers to (null without one). */
  public record Node(String digest, long createdAt, String subject) {}

  /** {@code from} lists {@code to} among its manifests (an index and its children). */
  public record Edge(String from, String to) {}

  public List<String> repositories(Connection c, String registryId) throws SQLException {
    return Sql.query(c, "SELECT id FROM repositories WHERE registry_id = ? ORDER BY name",
        rs -> rs.getString(1), registryId);
  }

  public List<Node> manifests(Connection c, String repositoryId) throws SQLException {
    return Sql.query(c, "SELECT digest, created_at, subject_digest FROM manifests WHERE repository_id = ?",
        rs -> new Node(rs.getString(1), rs.getLong(2), rs.getString(3)), repositoryId);
  }

  /** Links from one manifest of the repository to another (blob references are left out). */
  public List<Edge> manifestLinks(Connection c, String repositoryId) throws SQLException {
    return Sql.query(c, "SELECT r.manifest_digest, r.ref_digest FROM manifest_refs r JOIN manifests m "
        + "ON m.repository_id = r.repository_id AND m.digest = r.ref_digest WHERE r.repository_id = ?",
        rs -> new Edge(rs.getString(1), rs.getString(2)), repositoryId);
  }

  public List<String> taggedDigests(Connection c, String repositoryId) throws SQLException {
    return Sql.query(c, "SELECT DISTINCT manifest_digest FROM tags WHERE repository_id = ?",
        rs -> rs.getString(1), repositoryId);
  }

  /**
   * Takes the repository's row lock before reading: on PostgreSQL a push into the repository waits
   * for the deleting transaction (and the reverse), as {@code ManifestService.put} touches the row
   * first. SQLite write transactions are serialised already.
   */
  public void lock(Connection c, String repositoryId) throws SQLException {
    Sql.update(c, "UPDATE repositories SET updated_at = updated_at WHERE id = ?", repositoryId);
  }

  /** Registries, by id. */
  public List<String> registries(Connection c) throws SQLException {
    return Sql.query(c, "SELECT id FROM registries ORDER BY id", rs -> rs.getString(1));
  }
}
