package io.coffer.registry.application;

import io.coffer.common.Ids;
import io.coffer.identity.PasswordHasher;
import io.coffer.registry.domain.ErrorKind;
import io.coffer.registry.domain.RegistryException;
import io.coffer.registry.encryption.ContentCipher;
import io.coffer.registry.encryption.DataKeys;
import io.coffer.registry.encryption.RegistryEncryption;
import io.coffer.registry.encryption.SealedStore;
import io.coffer.storage.db.Database;
import io.coffer.storage.db.Sql;
import io.coffer.vault.kek.KeyEncryptionKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * What the control plane asks of the data plane: give a new registry its data key and admin
 * credentials, read and renew those credentials, and destroy a registry's content.
 */
public final class RegistryAdministration {
  public static final List<String> CREDENTIAL_NAMES = List.of("password", "password2");
  private final Database db;
  private final DataKeys keys;
  private final SealedStore sealed;
  private final RegistryEncryption encryption;

  public RegistryAdministration(Database db, DataKeys keys, SealedStore sealed, RegistryEncryption encryption) {
    this.db = db;
    this.keys = keys;
    this.sealed = sealed;
    this.encryption = encryption;
  }

  /** Customer-managed keys of registries: prepare (outside transactions), rotate, status. */
  public RegistryEncryption encryption() {
    return encryption;
  }

  /** Inside the transaction that inserts the registry row: data key and both admin passwords. */
  public void provision(Connection c, String registryId, KeyEncryptionKey kek) throws SQLException {
    ContentCipher cipher = keys.create(c, registryId, kek);
    for (String name : CREDENTIAL_NAMES) writeCredential(c, cipher, registryId, name);
  }

  /**
   * The same with a customer key prepared before the transaction ({@link RegistryEncryption#prepare}):
   * the vault is not called here.
   */
  public void provision(Connection c, String registryId, RegistryEncryption.PreparedKey key) throws SQLException {
    encryption.store(c, registryId, key);
    ContentCipher cipher = keys.adopt(registryId, key);
    for (String name : CREDENTIAL_NAMES) writeCredential(c, cipher, registryId, name);
  }

  private static byte[] credentialAd(String registryId, String name) {
    return ("credential|" + registryId + "|" + name).getBytes(StandardCharsets.UTF_8);
  }

  private static void writeCredential(Connection c, ContentCipher cipher, String registryId, String name)
      throws SQLException {
    String password = Ids.password(32);
    byte[] sealedValue = cipher.sealValue(password.getBytes(StandardCharsets.UTF_8), credentialAd(registryId, name));
    Sql.update(c, "DELETE FROM registry_credentials WHERE registry_id = ? AND name = ?", registryId, name);
    Sql.update(c, "INSERT INTO registry_credentials (registry_id, name, password_hash, sealed_value) VALUES (?,?,?,?)",
        registryId, name, PasswordHasher.hash(password), sealedValue);
  }

  /** Both admin passwords, in order. */
  public Map<String, String> credentials(String registryId) {
    ContentCipher cipher = keys.cipher(registryId);
    record Row(String name, byte[] sealed) {}
    List<Row> rows = db.read(c -> Sql.query(c,
        "SELECT name, sealed_value FROM registry_credentials WHERE registry_id = ? ORDER BY name",
        rs -> new Row(rs.getString(1), rs.getBytes(2)), registryId));
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (Row r : rows) {
      try {
        out.put(r.name, new String(cipher.openValue(r.sealed, credentialAd(registryId, r.name)), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new RegistryException(ErrorKind.KEY_UNAVAILABLE, "the stored credential does not open: " + e.getMessage());
      }
    }
    return out;
  }

  public void regenerate(String registryId, String name) {
    if (!CREDENTIAL_NAMES.contains(name)) {
      throw new IllegalArgumentException("password name must be one of " + CREDENTIAL_NAMES);
    }
    ContentCipher cipher = keys.cipher(registryId);
    db.inTransaction(c -> {
      writeCredential(c, cipher, registryId, name);
      return null;
    });
  }

  /** After the registry's rows are gone: drop its key from memory and its content from the store. */
  public void destroyContent(String registryId) throws IOException {
    keys.forget(registryId);
    sealed.raw().deleteAll(SealedStore.registryFolder(registryId));
  }
}
