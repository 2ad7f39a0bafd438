package io.coffer.registry.encryption;

import io.coffer.registry.encryption.EncryptionStatus.Health;
import io.coffer.storage.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Rows of {@code registry_keys}: the wrapped data key and the versioned id of the key that wraps it;
 * for a customer key also the key id as configured, the identity, automatic rotation, and the key's
 * health on last use. Every method runs in the caller's connection.
 */
final class KeyRecords {
  /** One registry's key row; {@code keyIdentifier} is null under the service-managed key. */
  record KeyRecord(String registryId, byte[] wrapped, String kekId, String keyIdentifier, KeyIdentity identity,
      boolean rotationEnabled, Long rotatedAt, Health health, String lastError, Long lastErrorAt) {
    boolean customerManaged() {
      return keyIdentifier != null;
    }

    EncryptionStatus status() {
      if (!customerManaged()) {
        return new EncryptionStatus(false, null, null, null, false, null, Health.HEALTHY, null, null);
      }
      return new EncryptionStatus(true, keyIdentifier, kekId, identity, rotationEnabled, instant(rotatedAt), health,
          lastError, instant(lastErrorAt));
    }

    private static Instant instant(Long millis) {
      return millis == null ? null : Instant.ofEpochMilli(millis);
    }
  }

  private static final String COLUMNS = "SELECT registry_id, wrapped_dek, kek_id, key_identifier, identity_kind, "
      + "identity_principal_id, identity_client_id, identity_resource_id, key_rotation_enabled, rotated_at, key_health, "
      + "last_error, last_error_at FROM registry_keys ";

  private static KeyRecord row(ResultSet rs) throws SQLException {
    String kind = rs.getString(5);
    KeyIdentity identity = kind == null ? null : new KeyIdentity(KeyIdentity.Kind.valueOf(kind), rs.getString(6),
        rs.getString(7), rs.getString(8));
    return new KeyRecord(rs.getString(1), rs.getBytes(2), rs.getString(3), rs.getString(4), identity,
        rs.getBoolean(9), nullableLong(rs, 10), Health.valueOf(rs.getString(11)), rs.getString(12),
        nullableLong(rs, 13));
  }

  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  Optional<KeyRecord> get(Connection c, String registryId) throws SQLException {
    return Sql.one(c, COLUMNS + "WHERE registry_id = ?", KeyRecords::row, registryId);
  }

  /** Customer-keyed registries whose key id is versionless: they follow the vault's latest version. */
  List<KeyRecord> autoRotating(Connection c) throws SQLException {
    return Sql.query(c, COLUMNS + "WHERE key_identifier IS NOT NULL AND key_rotation_enabled = ? ORDER BY registry_id",
        KeyRecords::row, true);
  }

  void insertCustomer(Connection c, String registryId, byte[] wrapped, String kid, CustomerKey key,
      boolean rotationEnabled, long now) throws SQLException {
    KeyIdentity i = key.identity();
    Sql.update(c, "INSERT INTO registry_keys (registry_id, wrapped_dek, kek_id, created_at, rotated_at, key_identifier, "
        + "identity_kind, identity_principal_id, identity_client_id, identity_resource_id, key_rotation_enabled, "
        + "key_health) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", registryId, wrapped, kid, now, now, key.keyIdentifier(),
        i.kind().name(), i.principalId(), i.clientId(), i.resourceId(), rotationEnabled, Health.HEALTHY.name());
  }

  /**
   * The data key wrapped anew, and the configuration that did it; when {@code expectedKekId} is not
   * null only if the row still names that key and key id (a concurrent rotation wins). Returns
   * whether the row changed.
   */
  boolean rewrap(Connection c, String registryId, byte[] wrapped, String kid, CustomerKey key,
      boolean rotationEnabled, long now, String expectedKekId, String expectedKeyIdentifier) throws SQLException {
    KeyIdentity i = key.identity();
    String sql = "UPDATE registry_keys SET wrapped_dek = ?, kek_id = ?, rotated_at = ?, key_identifier = ?, "
        + "identity_kind = ?, identity_principal_id = ?, identity_client_id = ?, identity_resource_id = ?, "
        + "key_rotation_enabled = ?, key_health = ? WHERE registry_id = ?";
    if (expectedKekId == null) {
      return Sql.update(c, sql, wrapped, kid, now, key.keyIdentifier(), i.kind().name(), i.principalId(),
          i.clientId(), i.resourceId(), rotationEnabled, Health.HEALTHY.name(), registryId) == 1;
    }
    return Sql.update(c, sql + " AND kek_id = ? AND key_identifier = ?", wrapped, kid, now, key.keyIdentifier(),
        i.kind().name(), i.principalId(), i.clientId(), i.resourceId(), rotationEnabled, Health.HEALTHY.name(),
        registryId, expectedKekId, expectedKeyIdentifier) == 1;
  }

  /** Healthy again: the last error stays, as history. */
  void healthy(Connection c, String registryId) throws SQLException {
    Sql.update(c, "UPDATE registry_keys SET key_health = ? WHERE registry_id = ?", Health.HEALTHY.name(), registryId);
  }

  void failed(Connection c, String registryId, Health health, String error, long at) throws SQLException {
    Sql.update(c, "UPDATE registry_keys SET key_health = ?, last_error = ?, last_error_at = ? WHERE registry_id = ?",
        health.name(), error, at, registryId);
  }
}
