package io.coffer.registry.encryption;

import io.coffer.common.Ids;
import io.coffer.registry.domain.ErrorKind;
import io.coffer.registry.domain.RegistryException;
import io.coffer.registry.encryption.EncryptionStatus.Health;
import io.coffer.registry.encryption.KeyRecords.KeyRecord;
import io.coffer.storage.db.Database;
import io.coffer.storage.db.Sql;
import io.coffer.vault.kek.KeyAccessException;
import io.coffer.vault.kek.KeyEncryptionKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each registry's data key (DEK): 256 random bits, stored only wrapped by a key-encryption key
 * together with that key's versioned id. The unwrapped key lives only in memory, inside a
 * {@link ContentCipher}, for at most the configured TTL; then the key-encryption key is asked
 * again, so revoking it locks the registry within that bound, and restoring it unlocks the
 * registry on the next use. Every unwrap of a customer key records the key's health.
 */
public final class DataKeys {
  private static final Logger LOG = LoggerFactory.getLogger(DataKeys.class);
  private final Database db;
  private final KeyEncryptionKeys keks;
  private final KeyRecords records = new KeyRecords();
  private final Duration ttl;
  private final int segmentSize;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  // One unwrap per registry at a time: concurrent requests after expiry wait for it instead of all calling the vault.
  private final Map<String, Object> unwrapping = new ConcurrentHashMap<>();

  private record Cached(ContentCipher cipher, long until) {}

  public DataKeys(Database db, KeyEncryptionKeys keks, Duration ttl, int segmentSize, Clock clock) {
    this.db = db;
    this.keks = keks;
    this.ttl = ttl;
    this.segmentSize = segmentSize;
    this.clock = clock;
  }

  int segmentSize() {
    return segmentSize;
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

  /**
   * The cipher of a key prepared by {@link RegistryEncryption#prepare}, remembered for the registry
   * so its creation transaction can seal without calling the vault again.
   */
  public ContentCipher adopt(String registryId, RegistryEncryption.PreparedKey key) {
    ContentCipher cipher = ((CustomerKeyEncryption.Prepared) key).cipher();
    cache.put(registryId, new Cached(cipher, clock.millis() + ttl.toMillis()));
    return cipher;
  }

  /** The cipher of a registry, unwrapping its data key when the cached one has expired. */
  public ContentCipher cipher(String registryId) {
    Cached cached = cache.get(registryId);
    if (cached != null && cached.until > clock.millis()) return cached.cipher;
    synchronized (unwrapping.computeIfAbsent(registryId, id -> new Object())) {
      cached = cache.get(registryId);
      if (cached != null && cached.until > clock.millis()) return cached.cipher;
      return unwrap(registryId);
    }
  }

  private ContentCipher unwrap(String registryId) {
    KeyRecord row = db.read(c -> records.get(c, registryId))
        .orElseThrow(() -> new RegistryException(ErrorKind.KEY_UNAVAILABLE, "the registry has no data key"));
    byte[] dek = null;
    try {
      dek = keks.of(registryId, row.kekId(), row.identity()).unwrap(row.wrapped());
      ContentCipher cipher = new ContentCipher(dek, segmentSize);
      cache.put(registryId, new Cached(cipher, clock.millis() + ttl.toMillis()));
      if (row.customerManaged() && row.health() != Health.HEALTHY) recordHealthy(registryId);
      return cipher;
    } catch (KeyAccessException e) {
      cache.remove(registryId);
      if (row.customerManaged()) recordFailure(registryId, e);
      throw unavailable(e);
    } finally {
      if (dek != null) Arrays.fill(dek, (byte) 0);
    }
  }

  private void recordHealthy(String registryId) {
    try {
      db.inTransaction(c -> {
        records.healthy(c, registryId);
        return null;
      });
    } catch (RuntimeException e) {
      LOG.warn("cannot record the key health of registry {}: {}", registryId, e.toString());
    }
  }

  /** Records a refused key access in the registry's key row; never fails the caller for it. */
  void recordFailure(String registryId, KeyAccessException e) {
    try {
      db.inTransaction(c -> {
        records.failed(c, registryId, KeyHealth.of(e.reason()), e.getMessage(), clock.millis());
        return null;
      });
    } catch (RuntimeException failure) {
      LOG.warn("cannot record the key health of registry {}: {}", registryId, failure.toString());
    }
  }

  /** The versioned id of the key that currently wraps the registry's data key. */
  public String keyId(String registryId) {
    return db.read(c -> Sql.one(c, "SELECT kek_id FROM registry_keys WHERE registry_id = ?",
        rs -> rs.getString(1), registryId)).orElse(null);
  }

  public void forget(String registryId) {
    cache.remove(registryId);
    unwrapping.remove(registryId);
  }

  /** The refusal every data operation of the registry gets: it names the cause and keeps the vault's words. */
  static RegistryException unavailable(KeyAccessException e) {
    return new RegistryException(ErrorKind.KEY_UNAVAILABLE, "the registry's encryption key cannot be used ("
        + KeyHealth.words(e.reason()) + "): " + e.getMessage());
  }
}
