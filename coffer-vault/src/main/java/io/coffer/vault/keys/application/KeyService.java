package io.coffer.vault.keys.application;

import io.coffer.storage.db.Database;
import io.coffer.storage.db.ReadCache;
import io.coffer.vault.keys.DeletedKey;
import io.coffer.vault.keys.KeyAttributes;
import io.coffer.vault.keys.KeyException;
import io.coffer.vault.keys.KeyImport;
import io.coffer.vault.keys.KeyNames;
import io.coffer.vault.keys.KeyOperation;
import io.coffer.vault.keys.KeySpec;
import io.coffer.vault.keys.KeyUpdate;
import io.coffer.vault.keys.KeyVersion;
import io.coffer.vault.keys.Page;
import io.coffer.vault.keys.RotationPolicy;
import io.coffer.vault.keys.StoredKey;
import io.coffer.vault.keys.crypto.BackupSeal;
import io.coffer.vault.keys.crypto.SoftwareKeys;
import io.coffer.vault.keys.crypto.VaultRootKeys;
import io.coffer.vault.keys.infrastructure.SqlKeyStore;
import io.coffer.vault.vaults.Vault;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The key lifecycle of a vault: create (a new version when the name exists), read, list, update,
 * soft delete, recover, purge, rotate and rotation policies. Every refusal is a {@link KeyException}
 * raised before anything is stored.
 *
 * <p>Versions read for wrap, unwrap and the other key operations are kept in memory; every write
 * here empties that cache when its transaction ends (see {@link #write}).
 */
public final class KeyService {
  private final Database db;
  private final SqlKeyStore store;
  private final VersionMaker maker;
  private final SoftwareKeys software;
  private final VaultRootKeys rootKeys;
  private final Clock clock;
  private final ReadCache<String, KeyVersion> versions = new ReadCache<>(10_000);
  private final KeyBackups backups;

  public KeyService(Database db, SqlKeyStore store, SoftwareKeys software, VaultRootKeys rootKeys,
      io.coffer.vault.hsm.HardwareKeys hardware, Clock clock) {
    this.db = db;
    this.store = store;
    this.maker = new VersionMaker(software, hardware);
    this.software = software;
    this.rootKeys = rootKeys;
    this.clock = clock;
    this.backups = new KeyBackups(software, new BackupSeal(rootKeys.systemKeys()));
  }

  public KeyVersion create(Vault vault, String name, KeySpec spec) {
    KeyNames.name(name);
    requirePremiumFor(vault, spec);
    String storedName = existingName(vault, name);
    checkWindow(spec.notBefore(), spec.expires());
    return store(maker.make(vault.id(), storedName, spec, clock.instant()), null);
  }

  /** Imports a key pair as a new key, or as a new version when the name exists (as create does). */
  public KeyVersion importKey(Vault vault, String name, KeyImport key) {
    KeyNames.name(name);
    KeySpec spec = key.spec();
    requirePremiumFor(vault, spec);
    String storedName = existingName(vault, name);
    checkWindow(spec.notBefore(), spec.expires());
    return store(maker.imported(vault.id(), storedName, key, clock.instant()), null);
  }

  private static void requirePremiumFor(Vault vault, KeySpec spec) {
    if (spec.type().hardware() && vault.sku() != Vault.Sku.PREMIUM) {
      throw KeyException.badParameter(spec.type().wireName() + " keys need a premium vault; vault '" + vault.name()
          + "' is standard.");
    }
  }

  /** The stored spelling of an existing key's name (or {@code name}); refused when it is deleted. */
  private String existingName(Vault vault, String name) {
    Optional<StoredKey> existing = db.read(c -> store.findKey(c, vault.id(), name));
    existing.filter(StoredKey::deleted).ifPresent(k -> {
      throw deletedConflict(k.name());
    });
    return existing.map(StoredKey::name).orElse(name);
  }

  /**
   * Stores a new version unless the name was deleted meanwhile, or (when {@code expectedCurrent} is
   * given) another version became current meanwhile; a hardware key pair is removed if not stored.
   */
  private KeyVersion store(KeyVersion v, String expectedCurrent) {
    try {
      write(c -> {
        Optional<StoredKey> now = store.findKey(c, v.vaultId(), v.name());
        if (now.isPresent() && now.get().deleted()) throw deletedConflict(now.get().name());
        if (expectedCurrent != null && !now.map(StoredKey::currentVersion).orElse("").equals(expectedCurrent)) {
          throw new KeyException(KeyException.Kind.NOT_ALLOWED, "Key " + v.name() + " changed during rotation.");
        }
        store.addVersion(c, v);
        return null;
      });
      return v;
    } catch (RuntimeException e) {
      maker.discard(v);
      throw e;
    }
  }

  /** The named version, or the current one when {@code version} is null or empty. */
  public KeyVersion get(Vault vault, String name, String version) {
    String id = vault.id() + "|" + KeyNames.key(name) + "|" + (version == null ? "" : version);
    return versions.get(id, () -> db.read(c -> resolve(c, vault.id(), name, version)));
  }

  /** A transaction that changes keys: cached versions are dropped once it has ended. */
  private <T> T write(Database.SqlWork<T> work) {
    return db.inTransaction(c -> {
      db.afterTransaction(versions::invalidate);
      return work.run(c);
    });
  }

  private KeyVersion resolve(Connection c, String vaultId, String name, String version) throws SQLException {
    StoredKey key = active(c, vaultId, name);
    boolean latest = version == null || version.isEmpty();
    if (!latest && !KeyNames.isVersion(version)) throw KeyException.notFound(name + "/" + version);
    return store.findVersion(c, vaultId, name, latest ? key.currentVersion() : version)
        .orElseThrow(() -> KeyException.notFound(name + (latest ? "" : "/" + version)));
  }

  private StoredKey active(Connection c, String vaultId, String name) throws SQLException {
    KeyNames.name(name);
    return store.findKey(c, vaultId, name).filter(k -> !k.deleted()).orElseThrow(() -> KeyException.notFound(name));
  }

  /** The current version of each key, in name order. */
  public Page<KeyVersion> list(Vault vault, String after, int max) {
    return db.read(c -> {
      List<StoredKey> keys = store.listKeys(c, vault.id(), false, after, max + 1);
      List<KeyVersion> out = new ArrayList<>();
      for (StoredKey k : keys.subList(0, Math.min(max, keys.size()))) {
        out.add(store.findVersion(c, vault.id(), k.name(), k.currentVersion()).orElseThrow());
      }
      return new Page<>(out, keys.size() > max ? out.get(out.size() - 1).name() : null);
    });
  }

  public Page<KeyVersion> listVersions(Vault vault, String name, String after, int max) {
    return db.read(c -> {
      active(c, vault.id(), name);
      List<KeyVersion> versions = store.listVersions(c, vault.id(), name, after, max + 1);
      List<KeyVersion> page = versions.subList(0, Math.min(max, versions.size()));
      return new Page<>(page, versions.size() > max ? SqlKeyStore.position(page.get(page.size() - 1)) : null);
    });
  }

  public KeyVersion update(Vault vault, String name, String version, KeyUpdate u) {
    return write(c -> {
      KeyVersion v = resolve(c, vault.id(), name, version);
      List<KeyOperation> ops = u.operations() == null || u.operations().isEmpty() ? v.operations() : u.operations();
      for (KeyOperation o : ops) {
        if (!o.allowedFor(v.type())) {
          throw KeyException.badParameter("Operation " + o.wireName() + " is not valid for a "
              + v.type().wireName() + " key.");
        }
      }
      KeyAttributes a = v.attributes();
      KeyAttributes next = new KeyAttributes(u.enabled() == null ? a.enabled() : u.enabled(),
          u.notBefore() == null ? a.notBefore() : u.notBefore().orElse(null),
          u.expires() == null ? a.expires() : u.expires().orElse(null), a.created(), clock.instant());
      checkWindow(next.notBefore(), next.expires());
      KeyVersion updated = v.withAttributes(next, ops, u.tags() == null ? v.tags() : u.tags());
      store.updateVersion(c, updated);
      return updated;
    });
  }

  public DeletedKey delete(Vault vault, String name) {
    return write(c -> {
      StoredKey key = active(c, vault.id(), name);
      Instant now = clock.instant();
      Instant purgeAt = now.plus(Duration.ofDays(vault.retentionDays()));
      store.markDeleted(c, vault.id(), name, now, purgeAt);
      KeyVersion latest = store.findVersion(c, vault.id(), name, key.currentVersion()).orElseThrow();
      return new DeletedKey(latest, now, purgeAt);
    });
  }

  public DeletedKey getDeleted(Vault vault, String name) {
    return db.read(c -> deleted(c, vault.id(), name));
  }

  private DeletedKey deleted(Connection c, String vaultId, String name) throws SQLException {
    KeyNames.name(name);
    StoredKey key = store.findKey(c, vaultId, name).filter(StoredKey::deleted)
        .orElseThrow(() -> new KeyException(KeyException.Kind.NOT_FOUND, "Deleted Key not found: " + name));
    KeyVersion latest = store.findVersion(c, vaultId, name, key.currentVersion()).orElseThrow();
    return new DeletedKey(latest, key.deletedAt(), key.scheduledPurgeAt());
  }

  public Page<DeletedKey> listDeleted(Vault vault, String after, int max) {
    return db.read(c -> {
      List<StoredKey> keys = store.listKeys(c, vault.id(), true, after, max + 1);
      List<DeletedKey> out = new ArrayList<>();
      for (StoredKey k : keys.subList(0, Math.min(max, keys.size()))) {
        out.add(new DeletedKey(store.findVersion(c, vault.id(), k.name(), k.currentVersion()).orElseThrow(),
            k.deletedAt(), k.scheduledPurgeAt()));
      }
      return new Page<>(out, keys.size() > max ? out.get(out.size() - 1).latest().name() : null);
    });
  }

  public KeyVersion recover(Vault vault, String name) {
    return write(c -> {
      DeletedKey d = deleted(c, vault.id(), name);
      store.markRecovered(c, vault.id(), name);
      return d.latest();
    });
  }

  /** Removes a deleted key for good; refused under purge protection, which leaves it to the scheduled purge. */
  public void purge(Vault vault, String name) {
    db.read(c -> deleted(c, vault.id(), name));
    if (vault.purgeProtection()) {
      throw new KeyException(KeyException.Kind.NOT_ALLOWED, "Operation 'purge' is not allowed because purge "
          + "protection is enabled for vault '" + vault.name() + "'. The key will be purged automatically after "
          + "its scheduled purge date.");
    }
    purgeNow(vault.id(), name);
  }

  /** Deletes a key's rows, then its hardware key pairs; the sealed software keys go with the rows. */
  void purgeNow(String vaultId, String name) {
    List<String> aliases = write(c -> {
      List<String> a = store.hardwareAliases(c, vaultId, name);
      store.deleteKey(c, vaultId, name);
      return a;
    });
    software.forget(vaultId, KeyNames.key(name));
    aliases.forEach(maker::destroy);
  }

  /**
   * Removes every key of a vault being purged, inside the purge's transaction {@code c}; then its
   * hardware key pairs and its root key, which makes any sealed copy (a backup) unreadable.
   */
  public void purgeVault(Connection c, String vaultId) throws SQLException {
    db.afterTransaction(versions::invalidate);
    List<String> aliases = new ArrayList<>();
    for (StoredKey k : store.ofVault(c, vaultId)) {
      aliases.addAll(store.hardwareAliases(c, vaultId, k.name()));
      store.deleteKey(c, vaultId, k.name());
    }
    software.forget(vaultId, null);
    aliases.forEach(maker::destroy);
    rootKeys.destroy(vaultId);
  }

  public KeyVersion rotate(Vault vault, String name) {
    StoredKey key = db.read(c -> active(c, vault.id(), name));
    return rotate(key, clock.instant(), false);
  }

  /**
   * A new version like the current one; its exp follows the policy's expiryTime when set. A
   * scheduled rotation ({@code onlyIfUnchanged}) is dropped when another version became current.
   */
  KeyVersion rotate(StoredKey key, Instant now, boolean onlyIfUnchanged) {
    KeyVersion current = db.read(c -> store.findVersion(c, key.vaultId(), key.name(), key.currentVersion()))
        .orElseThrow(() -> KeyException.notFound(key.name()));
    Instant expires = key.policy() != null && key.policy().expiryTime() != null
        ? key.policy().expiryTime().after(now) : null;
    KeySpec spec = new KeySpec(current.type(), current.keySize(), current.curve(), current.operations(), true,
        null, expires, current.tags());
    return store(maker.make(key.vaultId(), key.name(), spec, now), onlyIfUnchanged ? key.currentVersion() : null);
  }

  /** A sealed copy of the key with all its versions, which {@link #restore} brings back in any vault of this installation. */
  public byte[] backup(Vault vault, String name) {
    return db.read(c -> {
      StoredKey key = active(c, vault.id(), name);
      return backups.backup(key, store.listVersions(c, vault.id(), name, null, Integer.MAX_VALUE));
    });
  }

  /** Brings a backed-up key into the vault, versions and all; refused when the name is taken, even by a deleted key. */
  public KeyVersion restore(Vault vault, byte[] backup) {
    KeyBackups.Restored r = backups.restore(vault.id(), backup);
    return write(c -> {
      Optional<StoredKey> existing = store.findKey(c, vault.id(), r.name());
      if (existing.isPresent() && existing.get().deleted()) throw deletedConflict(existing.get().name()).about(r.name());
      if (existing.isPresent()) {
        throw new KeyException(KeyException.Kind.ALREADY_EXISTS, "Key " + existing.get().name()
            + " already exists in vault '" + vault.name() + "'; a backup is restored only under a free name.")
            .about(r.name());
      }
      for (KeyVersion v : r.versions()) store.addVersion(c, v);
      if (r.policy() != null) store.setPolicy(c, vault.id(), r.name(), r.policy());
      return r.versions().get(r.versions().size() - 1);
    });
  }

  public RotationPolicy rotationPolicy(Vault vault, String name) {
    StoredKey key = db.read(c -> active(c, vault.id(), name));
    return key.policy() != null ? key.policy() : RotationPolicy.defaultPolicy();
  }

  public RotationPolicy setRotationPolicy(Vault vault, String name, RotationPolicy requested) {
    return write(c -> {
      StoredKey key = active(c, vault.id(), name);
      Instant now = clock.instant();
      RotationPolicy p = new RotationPolicy(requested.lifetimeActions(), requested.expiryTime(),
          key.policy() != null ? key.policy().created() : now, now);
      store.setPolicy(c, vault.id(), name, p);
      return p;
    });
  }

  static void checkWindow(Instant notBefore, Instant expires) {
    if (notBefore != null && expires != null && notBefore.isAfter(expires)) {
      throw KeyException.badParameter("The key's nbf must not be later than its exp.");
    }
  }

  private static KeyException deletedConflict(String name) {
    return new KeyException(KeyException.Kind.DELETED_NAME_CONFLICT, "Key " + name + " is currently in a deleted but "
        + "recoverable state, and its name cannot be reused; in this state, the key can only be recovered or purged.");
  }

  Database db() {
    return db;
  }

  SqlKeyStore store() {
    return store;
  }
}
