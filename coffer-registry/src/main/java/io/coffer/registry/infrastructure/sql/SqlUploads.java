package io.coffer.registry.infrastructure.sql;

import io.coffer.storage.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Upload sessions: how many sealed chunks they hold and how many bytes. */
public final class SqlUploads {
  public record UploadRow(String id, String registryId, String repository, int chunkCount, long size,
      long startedAt) {}

  private static UploadRow row(java.sql.ResultSet rs) throws SQLException {
    return new UploadRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5),
        rs.getLong(6));
  }

  public void insert(Connection c, String id, String registryId, String repository, long now) throws SQLException {
    Sql.update(c, "INSERT INTO uploads (id, registry_id, repository, chunk_count, size, started_at, updated_at) "
        + "VALUES (?,?,?,0,0,?,?)", id, registryId, repository, now, now);
  }

  public Optional<UploadRow> find(Connection c, String id) throws SQLException {
    return Sql.one(c, "SELECT id, registry_id, repository, chunk_count, size, started_at FROM uploads WHERE id = ?",
        SqlUploads::row, id);
  }

  public long countOpen(Connection c, String registryId) throws SQLException {
    return Sql.count(c, "SELECT COUNT(*) FROM uploads WHERE registry_id = ?", registryId);
  }

  /** Records one more chunk, only if nobody else appended since {@code expectedChunks}. */
  public boolean appendChunk(Connection c, String id, int expectedChunks, long bytes, long now) throws SQLException {
    return Sql.update(c, "UPDATE uploads SET chunk_count = chunk_count + 1, size = size + ?, updated_at = ? "
        + "WHERE id = ? AND chunk_count = ?", bytes, now, id, expectedChunks) == 1;
  }

  public boolean delete(Connection c, String id) throws SQLException {
    return Sql.update(c, "DELETE FROM uploads WHERE id = ?", id) > 0;
  }

  public List<UploadRow> idleSince(Connection c, long before) throws SQLException {
    return Sql.query(c, "SELECT id, registry_id, repository, chunk_count, size, started_at FROM uploads "
        + "WHERE updated_at < ?", SqlUploads::row, before);
  }
}
