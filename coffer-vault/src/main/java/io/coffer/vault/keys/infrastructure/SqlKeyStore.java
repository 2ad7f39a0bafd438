package io.coffer.vault.keys.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.common.Json;
import io.coffer.storage.db.Sql;
import io.coffer.vault.keys.Curve;
import io.coffer.vault.keys.IsoPeriod;
import io.coffer.vault.keys.KeyAttributes;
import io.coffer.vault.keys.KeyMaterial;
import io.coffer.vault.keys.KeyNames;
import io.coffer.vault.keys.KeyOperation;
import io.coffer.vault.keys.KeyType;
import io.coffer.vault.keys.KeyVersion;
import io.coffer.vault.keys.RotationPolicy;
import io.coffer.vault.keys.StoredKey;
import io.coffer.vault.keys.crypto.KeyPairs;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keys and key versions in the metadata store (tables {@code vault_keys}, {@code vault_key_versions}). */
public final class SqlKeyStore {
  private static final String KEY_COLUMNS = "vault_id, name, current_version, rotation_policy, policy_created_at, "
      + "policy_updated_at, deleted_at, scheduled_purge_at";
  private static final String VERSION_COLUMNS = "v.vault_id, k.name, v.version, v.kty, v.key_size, v.curve, "
      + "v.key_ops, v.public_key, v.sealed_private_key, v.hsm_alias, v.enabled, v.not_before, v.expires, v.tags, "
      + "v.created_at, v.updated_at";
  private static final String VERSION_FROM = " FROM vault_key_versions v JOIN vault_keys k "
      + "ON k.vault_id = v.vault_id AND k.name_key = v.name_key ";

  public Optional<StoredKey> findKey(Connection c, String vaultId, String name) throws SQLException {
    return Sql.one(c, "SELECT " + KEY_COLUMNS + " FROM vault_keys WHERE vault_id = ? AND name_key = ?",
        SqlKeyStore::key, vaultId, KeyNames.key(name));
  }

  /** Keys of a vault in name order, active or deleted, after {@code afterName} (exclusive, may be null). */
  public List<StoredKey> listKeys(Connection c, String vaultId, boolean deleted, String afterName, int limit)
      throws SQLException {
    return Sql.query(c, "SELECT " + KEY_COLUMNS + " FROM vault_keys WHERE vault_id = ? AND deleted_at IS "
        + (deleted ? "NOT NULL" : "NULL") + " AND name_key > ? ORDER BY name_key LIMIT ?", SqlKeyStore::key,
        vaultId, afterName == null ? "" : KeyNames.key(afterName), limit);
  }

  public List<StoredKey> dueForPurge(Connection c, Instant now) throws SQLException {
    return Sql.query(c, "SELECT " + KEY_COLUMNS + " FROM vault_keys WHERE scheduled_purge_at IS NOT NULL "
        + "AND scheduled_purge_at <= ?", SqlKeyStore::key, now.toEpochMilli());
  }

  public List<StoredKey> withPolicy(Connection c) throws SQLException {
    return Sql.query(c, "SELECT " + KEY_COLUMNS + " FROM vault_keys WHERE deleted_at IS NULL "
        + "AND rotation_policy IS NOT NULL", SqlKeyStore::key);
  }

  public List<StoredKey> ofVault(Connection c, String vaultId) throws SQLException {
    return Sql.query(c, "SELECT " + KEY_COLUMNS + " FROM vault_keys WHERE vault_id = ?", SqlKeyStore::key, vaultId);
  }

  /** Adds a version and makes it the key's current one, creating the key row on first use. */
  public void addVersion(Connection c, KeyVersion v) throws SQLException {
    String nameKey = KeyNames.key(v.name());
    long created = v.attributes().created().toEpochMilli();
    KeyMaterial m = v.material();
    Sql.update(c, "INSERT INTO vault_key_versions (vault_id, name_key, version, kty, key_size, curve, key_ops, "
        + "public_key, sealed_private_key, hsm_alias, enabled, not_before, expires, tags, created_at, updated_at) "
        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", v.vaultId(), nameKey, v.version(), v.type().wireName(),
        v.keySize(), v.curve() == null ? null : v.curve().wireName(), ops(v.operations()), v.publicKey().getEncoded(),
        m instanceof KeyMaterial.Sealed s ? s.ciphertext() : null,
        m instanceof KeyMaterial.Hardware h ? h.alias() : null, v.attributes().enabled(),
        millis(v.attributes().notBefore()), millis(v.attributes().expires()), Json.string(v.tags()), created,
        v.attributes().updated().toEpochMilli());
    int updated = Sql.update(c, "UPDATE vault_keys SET current_version = ? WHERE vault_id = ? AND name_key = ?",
        v.version(), v.vaultId(), nameKey);
    if (updated == 0) {
      Sql.update(c, "INSERT INTO vault_keys (vault_id, name_key, name, current_version, created_at) VALUES (?,?,?,?,?)",
          v.vaultId(), nameKey, v.name(), v.version(), created);
    }
  }

  public Optional<KeyVersion> findVersion(Connection c, String vaultId, String name, String version)
      throws SQLException {
    return Sql.one(c, "SELECT " + VERSION_COLUMNS + VERSION_FROM + "WHERE v.vault_id = ? AND v.name_key = ? "
        + "AND v.version = ?", SqlKeyStore::version, vaultId, KeyNames.key(name), version.toLowerCase(java.util.Locale.ROOT));
  }

  /** Versions in creation order after the position {@code after} ("created_at:version", exclusive, may be null). */
  public List<KeyVersion> listVersions(Connection c, String vaultId, String name, String after, int limit)
      throws SQLException {
    long afterCreated = Long.MIN_VALUE;
    String afterVersion = "";
    if (after != null) {
      int colon = after.indexOf(':');
      afterCreated = Long.parseLong(after.substring(0, colon));
      afterVersion = after.substring(colon + 1);
    }
    return Sql.query(c, "SELECT " + VERSION_COLUMNS + VERSION_FROM + "WHERE v.vault_id = ? AND v.name_key = ? "
        + "AND (v.created_at > ? OR (v.created_at = ? AND v.version > ?)) ORDER BY v.created_at, v.version LIMIT ?",
        SqlKeyStore::version, vaultId, KeyNames.key(name), afterCreated, afterCreated, afterVersion, limit);
  }

  /** The position after a version, for {@link #listVersions}. */
  public static String position(KeyVersion v) {
    return v.attributes().created().toEpochMilli() + ":" + v.version();
  }

  public void updateVersion(Connection c, KeyVersion v) throws SQLException {
    Sql.update(c, "UPDATE vault_key_versions SET key_ops = ?, enabled = ?, not_before = ?, expires = ?, tags = ?, "
        + "updated_at = ? WHERE vault_id = ? AND name_key = ? AND version = ?", ops(v.operations()),
        v.attributes().enabled(), millis(v.attributes().notBefore()), millis(v.attributes().expires()),
        Json.string(v.tags()), v.attributes().updated().toEpochMilli(), v.vaultId(), KeyNames.key(v.name()),
        v.version());
  }

  public void markDeleted(Connection c, String vaultId, String name, Instant deletedAt, Instant purgeAt)
      throws SQLException {
    Sql.update(c, "UPDATE vault_keys SET deleted_at = ?, scheduled_purge_at = ? WHERE vault_id = ? AND name_key = ?",
        deletedAt.toEpochMilli(), purgeAt.toEpochMilli(), vaultId, KeyNames.key(name));
  }

  public void markRecovered(Connection c, String vaultId, String name) throws SQLException {
    Sql.update(c, "UPDATE vault_keys SET deleted_at = NULL, scheduled_purge_at = NULL WHERE vault_id = ? "
        + "AND name_key = ?", vaultId, KeyNames.key(name));
  }

  /** The aliases of the key's hardware versions, to destroy them after the rows are gone. */
  public List<String> hardwareAliases(Connection c, String vaultId, String name) throws SQLException {
    return Sql.query(c, "SELECT hsm_alias FROM vault_key_versions WHERE vault_id = ? AND name_key = ? "
        + "AND hsm_alias IS NOT NULL", rs -> rs.getString(1), vaultId, KeyNames.key(name));
  }

  public void deleteKey(Connection c, String vaultId, String name) throws SQLException {
    Sql.update(c, "DELETE FROM vault_key_versions WHERE vault_id = ? AND name_key = ?", vaultId, KeyNames.key(name));
    Sql.update(c, "DELETE FROM vault_keys WHERE vault_id = ? AND name_key = ?", vaultId, KeyNames.key(name));
  }

  public void setPolicy(Connection c, String vaultId, String name, RotationPolicy p) throws SQLException {
    Sql.update(c, "UPDATE vault_keys SET rotation_policy = ?, policy_created_at = ?, policy_updated_at = ? "
        + "WHERE vault_id = ? AND name_key = ?", policyJson(p), p.created().toEpochMilli(), p.updated().toEpochMilli(),
        vaultId, KeyNames.key(name));
  }

  private static StoredKey key(ResultSet rs) throws SQLException {
    String policy = rs.getString(4);
    RotationPolicy p = policy == null ? null
        : policy(Json.parse(policy), instant(rs, 5), instant(rs, 6));
    return new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3), p, instant(rs, 7), instant(rs, 8));
  }

  private static KeyVersion version(ResultSet rs) throws SQLException {
    KeyType type = KeyType.parse(rs.getString(4)).orElseThrow();
    String curve = rs.getString(6);
    List<KeyOperation> ops = new ArrayList<>();
    Json.parse(rs.getString(7)).forEach(o -> ops.add(KeyOperation.parse(o.asText()).orElseThrow()));
    byte[] sealed = rs.getBytes(9);
    String alias = rs.getString(10);
    KeyMaterial material = alias != null ? new KeyMaterial.Hardware(alias) : new KeyMaterial.Sealed(sealed);
    Map<String, String> tags = new LinkedHashMap<>();
    Json.parse(rs.getString(14)).fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
    KeyAttributes attributes = new KeyAttributes(rs.getBoolean(11), instant(rs, 12), instant(rs, 13),
        instant(rs, 15), instant(rs, 16));
    return new KeyVersion(rs.getString(1), rs.getString(2), rs.getString(3), type, rs.getInt(5),
        curve == null ? null : Curve.parse(curve).orElseThrow(), ops, publicKey(type, rs.getBytes(8)), material,
        attributes, tags);
  }

  // A version's public key never changes; decoding it is a large part of a wrap's cost, so it is done once.
  private static final Map<String, PublicKey> PUBLIC_KEYS = new ConcurrentHashMap<>();

  private static PublicKey publicKey(KeyType type, byte[] x509) {
    if (PUBLIC_KEYS.size() > 10_000) PUBLIC_KEYS.clear();
    return PUBLIC_KEYS.computeIfAbsent(Base64.getEncoder().encodeToString(x509),
        k -> KeyPairs.publicKey(type.isRsa(), x509));
  }

  private static String ops(List<KeyOperation> ops) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    ops.forEach(o -> a.add(o.wireName()));
    return a.toString();
  }

  /** A policy as stored (and as key backups carry it); {@link #policy} reads it back. */
  public static String policyJson(RotationPolicy p) {
    ObjectNode root = Json.object();
    ArrayNode actions = root.putArray("lifetimeActions");
    for (RotationPolicy.LifetimeAction a : p.lifetimeActions()) {
      ObjectNode n = actions.addObject().put("type", a.type().name());
      if (a.timeAfterCreate() != null) n.put("timeAfterCreate", a.timeAfterCreate().text());
      if (a.timeBeforeExpiry() != null) n.put("timeBeforeExpiry", a.timeBeforeExpiry().text());
    }
    if (p.expiryTime() != null) root.put("expiryTime", p.expiryTime().text());
    return root.toString();
  }

  public static RotationPolicy policy(JsonNode n, Instant created, Instant updated) {
    List<RotationPolicy.LifetimeAction> actions = new ArrayList<>();
    for (JsonNode a : n.path("lifetimeActions")) {
      actions.add(new RotationPolicy.LifetimeAction(RotationPolicy.ActionType.valueOf(a.path("type").asText()),
          a.hasNonNull("timeAfterCreate") ? IsoPeriod.parse(a.get("timeAfterCreate").asText()) : null,
          a.hasNonNull("timeBeforeExpiry") ? IsoPeriod.parse(a.get("timeBeforeExpiry").asText()) : null));
    }
    IsoPeriod expiry = n.hasNonNull("expiryTime") ? IsoPeriod.parse(n.get("expiryTime").asText()) : null;
    return new RotationPolicy(actions, expiry, created, updated);
  }

  private static Long millis(Instant i) {
    return i == null ? null : i.toEpochMilli();
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }
}
