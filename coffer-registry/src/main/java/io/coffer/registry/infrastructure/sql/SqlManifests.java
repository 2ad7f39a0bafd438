package io.coffer.registry.infrastructure.sql;

import io.coffer.storage.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Manifests of a repository, what they reference, and their subjects for the referrers API. */
public final class SqlManifests {
  /** {@code quarantineState}: null when pushed without quarantine, else "Quarantined" or "Passed". */
  public record ManifestRow(String digest, String mediaType, long size, String artifactType, String quarantineState) {}

  private static final String COLUMNS = "digest, media_type, size, artifact_type, quarantine_state";

  private static ManifestRow row(java.sql.ResultSet rs) throws SQLException {
    return new ManifestRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5));
  }

  public Optional<ManifestRow> find(Connection c, String repositoryId, String digest) throws SQLException {
    return Sql.one(c, "SELECT " + COLUMNS + " FROM manifests WHERE repository_id = ? AND digest = ?",
        SqlManifests::row, repositoryId, digest);
  }

  public void insert(Connection c, String repositoryId, ManifestRow m, String subject, List<String> refs, long now)
      throws SQLException {
    if (find(c, repositoryId, m.digest()).isPresent()) return;
    Sql.update(c, "INSERT INTO manifests (repository_id, digest, media_type, size, artifact_type, subject_digest, "
        + "created_at, quarantine_state) VALUES (?,?,?,?,?,?,?,?)",
        repositoryId, m.digest(), m.mediaType(), m.size(), m.artifactType(), subject, now, m.quarantineState());
    for (String ref : refs) {
      if (Sql.count(c, "SELECT COUNT(*) FROM manifest_refs WHERE repository_id = ? AND manifest_digest = ? "
          + "AND ref_digest = ?", repositoryId, m.digest(), ref) == 0) {
        Sql.update(c, "INSERT INTO manifest_refs (repository_id, manifest_digest, ref_digest) VALUES (?,?,?)",
            repositoryId, m.digest(), ref);
      }
    }
  }

  public boolean delete(Connection c, String repositoryId, String digest) throws SQLException {
    Sql.update(c, "DELETE FROM tags WHERE repository_id = ? AND manifest_digest = ?", repositoryId, digest);
    Sql.update(c, "DELETE FROM manifest_refs WHERE repository_id = ? AND manifest_digest = ?", repositoryId, digest);
    return Sql.update(c, "DELETE FROM manifests WHERE repository_id = ? AND digest = ?", repositoryId, digest) > 0;
  }

  public boolean setQuarantineState(Connection c, String repositoryId, String digest, String state)
      throws SQLException {
    return Sql.update(c, "UPDATE manifests SET quarantine_state = ? WHERE repository_id = ? AND digest = ?",
        state, repositoryId, digest) > 0;
  }

  public List<ManifestRow> referrers(Connection c, String repositoryId, String subject) throws SQLException {
    return Sql.query(c, "SELECT " + COLUMNS + " FROM manifests WHERE repository_id = ? AND subject_digest = ? "
        + "ORDER BY created_at, digest", SqlManifests::row, repositoryId, subject);
  }

  public List<ManifestRow> all(Connection c, String repositoryId) throws SQLException {
    return Sql.query(c, "SELECT " + COLUMNS + " FROM manifests WHERE repository_id = ? ORDER BY created_at",
        SqlManifests::row, repositoryId);
  }
}
