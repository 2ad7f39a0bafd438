package io.coffer.registry.encryption;

import io.coffer.common.Ids;
import io.coffer.registry.encryption.CustomerKeyException.Reason;
import io.coffer.registry.encryption.KeyRecords.KeyRecord;
import io.coffer.storage.db.Database;
import io.coffer.vault.kek.AccessTokenSource;
import io.coffer.vault.kek.KeyAccessException;
import io.coffer.vault.kek.VaultKeyClient;
import io.coffer.vault.kek.VaultKeyClient.KeyInfo;
import io.coffer.vault.kek.VaultKeyId;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customer-managed keys of registries, through the vault's HTTP API with the registry's identity.
 * Rotation re-wraps the one data key of the registry (unwrap with the key in use, wrap with the new
 * one): no content is read or written, so it costs the same for any registry size.
 */
public final class CustomerKeyEncryption implements RegistryEncryption {
  private static final Logger LOG = LoggerFactory.getLogger(CustomerKeyEncryption.class);
  private static final String HELP = "For more information on bring your own key, please visit 'https://aka.ms/acr/cmk'.";

  /** A data key wrapped by the customer key, and its cipher for the creation transaction. */
  static final class Prepared implements PreparedKey {
    private final CustomerKey key;
    private final String kid;
    private final byte[] wrapped;
    private final boolean rotationEnabled;
    private final ContentCipher cipher;

    Prepared(CustomerKey key, String kid, byte[] wrapped, boolean rotationEnabled, ContentCipher cipher) {
      this.key = key;
      this.kid = kid;
      this.wrapped = wrapped;
      this.rotationEnabled = rotationEnabled;
      this.cipher = cipher;
    }

    ContentCipher cipher() {
      return cipher;
    }
  }

  private final Database db;
  private final KeyEncryptionKeys keks;
  private final DataKeys dataKeys;
  private final KeyRecords records = new KeyRecords();
  private final Clock clock;

  public CustomerKeyEncryption(Database db, KeyEncryptionKeys keks, DataKeys dataKeys, Clock clock) {
    this.db = db;
    this.keks = keks;
    this.dataKeys = dataKeys;
    this.clock = clock;
  }

  @Override
  public PreparedKey prepare(String registryId, CustomerKey key) throws CustomerKeyException {
    VaultKeyId id = keyId(key.keyIdentifier());
    AccessTokenSource tokens = keks.tokensFor(registryId, key.identity());
    KeyInfo info = usableKey(key, id, tokens);
    byte[] dek = Ids.randomBytes(32);
    try {
      VaultKeyClient.Wrapped wrapped = wrapAndCheck(key, info, dek, tokens);
      return new Prepared(key, wrapped.kid(), wrapped.value(), !id.versioned(),
          new ContentCipher(dek, dataKeys.segmentSize()));
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }

  @Override
  public void store(Connection c, String registryId, PreparedKey key) throws SQLException {
    Prepared p = (Prepared) key;
    records.insertCustomer(c, registryId, p.wrapped, p.kid, p.key, p.rotationEnabled, clock.millis());
  }

  @Override
  public EncryptionStatus rotate(String registryId, CustomerKey key) throws CustomerKeyException {
    KeyRecord current = db.read(c -> records.get(c, registryId)).filter(KeyRecord::customerManaged)
        .orElseThrow(() -> new CustomerKeyException(Reason.INVALID_KEY_ID,
            "key rotation is only applicable to registries with CMK enabled"));
    VaultKeyId id = keyId(key.keyIdentifier());
    AccessTokenSource tokens = keks.tokensFor(registryId, key.identity());
    KeyInfo info = usableKey(key, id, tokens);
    byte[] dek = unwrapCurrent(current, key);
    try {
      VaultKeyClient.Wrapped wrapped = wrapAndCheck(key, info, dek, tokens);
      db.inTransaction(c -> records.rewrap(c, registryId, wrapped.value(), wrapped.kid(), key, !id.versioned(),
          clock.millis(), null, null));
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
    return status(registryId);
  }

  @Override
  public EncryptionStatus status(String registryId) {
    return db.read(c -> records.get(c, registryId)).map(KeyRecord::status)
        .orElse(new EncryptionStatus(false, null, null, null, false, null, EncryptionStatus.Health.HEALTHY, null, null));
  }

  @Override
  public void pollRotations() {
    List<KeyRecord> rows = db.read(records::autoRotating);
    for (KeyRecord row : rows) {
      try {
        follow(row);
      } catch (KeyAccessException e) {
        dataKeys.recordFailure(row.registryId(), e);
        LOG.info("automatic key rotation of registry {} failed: {}", row.registryId(), e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn("automatic key rotation of registry {} failed", row.registryId(), e);
      }
    }
  }

  /** Re-wraps under the vault's latest version when it is not the one in use. */
  private void follow(KeyRecord row) throws KeyAccessException {
    VaultKeyId id = keks.vaultKeyId(row.keyIdentifier()).orElseThrow(() -> new KeyAccessException(
        KeyAccessException.Cause.KEY_NOT_FOUND, "'" + row.keyIdentifier() + "' is no key of this server's vaults."));
    AccessTokenSource tokens = keks.tokensFor(row.registryId(), row.identity());
    KeyInfo latest = keks.vault().get(id.versionless(), tokens);
    if (latest.kid().equalsIgnoreCase(row.kekId())) return;
    if (!latest.enabled()) {
      throw new KeyAccessException(KeyAccessException.Cause.KEY_DISABLED, "The latest version of key '"
          + id.keyName() + "' (" + latest.kid() + ") is disabled; the registry stays on " + row.kekId() + ".");
    }
    VaultKeyId next = keks.vaultKeyId(latest.kid()).orElseThrow();
    byte[] dek = keks.of(row.registryId(), row.kekId(), row.identity()).unwrap(row.wrapped());
    try {
      VaultKeyClient.Wrapped wrapped = keks.vault().wrap(next, dek, tokens);
      CustomerKey same = new CustomerKey(row.keyIdentifier(), row.identity());
      boolean changed = db.inTransaction(c -> records.rewrap(c, row.registryId(), wrapped.value(), wrapped.kid(), same,
          true, clock.millis(), row.kekId(), row.keyIdentifier()));
      if (changed) LOG.info("registry {} follows key version {}", row.registryId(), wrapped.kid());
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }

  /**
   * The data key, unwrapped with the key in use: through the new identity first (the one the owner
   * is moving to, e.g. the system identity past a firewall), else through the identity in use.
   */
  private byte[] unwrapCurrent(KeyRecord current, CustomerKey next) throws CustomerKeyException {
    try {
      return keks.of(current.registryId(), current.kekId(), next.identity()).unwrap(current.wrapped());
    } catch (KeyAccessException first) {
      if (next.identity().equals(current.identity())) throw refused(next, current.kekId(), first);
      try {
        return keks.of(current.registryId(), current.kekId(), current.identity()).unwrap(current.wrapped());
      } catch (KeyAccessException second) {
        throw refused(next, current.kekId(), first);
      }
    }
  }

  private VaultKeyId keyId(String keyIdentifier) throws CustomerKeyException {
    return keks.vaultKeyId(keyIdentifier).orElseThrow(() -> new CustomerKeyException(Reason.INVALID_KEY_ID,
        "The key identifier '" + keyIdentifier + "' is not a key of this server's key vaults: use "
            + "https://{vault}.{vault domain}/keys/{key}[/{version}] as 'keyvault key show --query key.kid' prints it."));
  }

  /** The key exists, the identity may read it, it is RSA or RSA-HSM and enabled. */
  private KeyInfo usableKey(CustomerKey key, VaultKeyId id, AccessTokenSource tokens) throws CustomerKeyException {
    KeyInfo info;
    try {
      info = keks.vault().get(id, tokens);
    } catch (KeyAccessException e) {
      throw refused(key, key.keyIdentifier(), e);
    }
    if (!info.isRsa()) {
      throw new CustomerKeyException(Reason.UNSUPPORTED_KEY_TYPE, "The key '" + key.keyIdentifier() + "' is an "
          + info.keyType() + " key: only RSA or RSA-HSM keys are supported for customer-managed key encryption; "
          + "elliptic-curve keys are not. " + HELP);
    }
    if (!info.enabled()) {
      throw new CustomerKeyException(Reason.KEY_DISABLED, "The key '" + info.kid() + "' is disabled: enable it "
          + "or choose another key. " + HELP);
    }
    return info;
  }

  /** Wraps with the key version and unwraps again: the identity must be able to do both, now. */
  private VaultKeyClient.Wrapped wrapAndCheck(CustomerKey key, KeyInfo info, byte[] dek, AccessTokenSource tokens)
      throws CustomerKeyException {
    VaultKeyId version = keks.vaultKeyId(info.kid()).filter(VaultKeyId::versioned).orElseThrow(() ->
        new CustomerKeyException(Reason.INVALID_KEY_ID, "The vault named the key '" + info.kid()
            + "', which is not a key version of this server's vaults."));
    try {
      VaultKeyClient.Wrapped wrapped = keks.vault().wrap(version, dek, tokens);
      byte[] back = keks.vault().unwrap(version, wrapped.value(), tokens);
      boolean same = MessageDigest.isEqual(back, dek);
      Arrays.fill(back, (byte) 0);
      if (!same) {
        throw new CustomerKeyException(Reason.ACCESS_DENIED, "The key '" + info.kid() + "' did not unwrap what it "
            + "wrapped; it cannot protect the registry.");
      }
      return wrapped;
    } catch (KeyAccessException e) {
      throw refused(key, info.kid(), e);
    }
  }

  /** A vault refusal in the words the owner sees when configuring a key. */
  private static CustomerKeyException refused(CustomerKey key, String kid, KeyAccessException e) {
    String who = key.identity().kind() == KeyIdentity.Kind.SYSTEM_ASSIGNED ? key.identity().principalId()
        : key.identity().clientId();
    return switch (e.reason()) {
      case ACCESS_DENIED, INVALID_WRAPPED_KEY -> new CustomerKeyException(Reason.ACCESS_DENIED, "Failed to access KeyId '"
          + kid + "'. Verify that identity '" + who + "' has 'Get, Wrap Key, Unwrap Key' permission on key '" + kid
          + "'. " + HELP + " " + e.getMessage(), e);
      case KEY_NOT_FOUND -> new CustomerKeyException(Reason.KEY_NOT_FOUND, "The key '" + kid + "' was not found. "
          + e.getMessage(), e);
      case KEY_DISABLED -> new CustomerKeyException(Reason.KEY_DISABLED, "The key '" + kid + "' is disabled. "
          + e.getMessage(), e);
      case IDENTITY_INACTIVE -> new CustomerKeyException(Reason.IDENTITY_INACTIVE, e.getMessage(), e);
      case UNREACHABLE -> new CustomerKeyException(Reason.VAULT_UNREACHABLE, e.getMessage(), e);
    };
  }
}
