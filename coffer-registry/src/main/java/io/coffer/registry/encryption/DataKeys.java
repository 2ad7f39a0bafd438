package io.coffer.registry.encryption;

import io.coffer.common.Ids;
import io.coffer.registry.domain.ErrorKind;
import io.coffer.registry.domain.RegistryException;
import io.coffer.storage.db.Database;
import io.coffer.storage.db.Sql;
import io.coffer.vault.kek.KeyAccessException;
import io.coffer.vault.kek.KeyEncryptionKey;
import io.coffer.vault.kek.KeyEncryptionKeyResolver;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each registry's data key (DEK): 256 random bits, stored only wrapped by a key-encryption key
 * together with that key's versioned id. The unwrapped key lives only in memory, inside a
 * {@link ContentCipher}, for at most the configured TTL; then the key-encryption key is asked
 * again, so revoking it locks the registry within that bound.
 */
public final class DataKeys {
  private final Database db;
  private final KeyEncryptionKeyResolver resolver;
  private final Duration ttl;
  private final int segmentSize;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(ContentCipher cipher, long until) {}

  public DataKeys(Database db, KeyEncryptionKeyResolver resolver, Duration ttl, int segmentSize, Clock clock) {
    this.db = db;
    this.resolver = resolver;
    this.ttl = ttl;
    this.segmentSize = segmentSize;
    this.clock = clock;
  }

  /**
   * Makes a new data key for a registry and stores it wrapped, inside the caller's transaction;
   * returns its cipher so the caller can seal within that same transaction.
   */
  public ContentCipher create(Connection c, String registryId, KeyEncryptionKey kek) throws SQLException {
    byte[] dek = Ids.randomBytes(32);
    try {
      byte[] wrapped = kek.wrap(dek);
      Sql.update(c, "INSERT INTO registry_keys (registry_id, wrapped_dek, kek_id, created_at) VALUES (?,?,?,?)",
          registryId, wrapped, kek.keyId(), clock.millis());
      return new ContentCipher(dek, segmentSize);
    } catch (KeyAccessException e) {
      throw unavailable(e);
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }

  /** The cipher of a registry, unwrapping its data key when the cached one has expired. */
  public ContentCipher cipher(String registryId) {
    long now = clock.millis();
    Cached cached = cache.get(registryId);
    if (cached != null && cached.until > now) return cached.cipher;
    record Row(byte[] wrapped, String kekId) {}
    Row row = db.read(c -> Sql.one(c, "SELECT wrapped_dek, kek_id FROM registry_keys WHERE registry_id = ?",
        rs -> new Row(rs.getBytes(1), rs.getString(2)), registryId))
        .orElseThrow(() -> new RegistryException(ErrorKind.KEY_UNAVAILABLE, "the registry has no data key"));
    byte[] dek = null;
    try {
      dek = resolver.resolve(row.kekId).unwrap(row.wrapped);
      ContentCipher cipher = new ContentCipher(dek, segmentSize);
      cache.put(registryId, new Cached(cipher, now + ttl.toMillis()));
      return cipher;
    } catch (KeyAccessException e) {
      cache.remove(registryId);
      throw unavailable(e);
    } finally {
      if (dek != null) Arrays.fill(dek, (byte) 0);
    }
  }

  /** The versioned id of the key that currently wraps the registry's data key. */
  public String keyId(String registryId) {
    return db.read(c -> Sql.one(c, "SELECT kek_id FROM registry_keys WHERE registry_id = ?",
        rs -> rs.getString(1), registryId)).orElse(null);
  }

  public void forget(String registryId) {
    cache.remove(registryId);
  }

  private static RegistryException unavailable(KeyAccessException e) {
    return new RegistryException(ErrorKind.KEY_UNAVAILABLE,
        "the registry's encryption key cannot be used (" + e.reason().name().toLowerCase(java.util.Locale.ROOT)
            .replace('_', ' ') + "): " + e.getMessage());
  }
}
