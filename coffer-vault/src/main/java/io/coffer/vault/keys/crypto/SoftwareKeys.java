package io.coffer.vault.keys.crypto;

import io.coffer.vault.keys.KeyType;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seals and opens the private part (PKCS#8) of software keys under the vault's root key. The
 * associated data binds each sealed key to its vault, name and version, so a sealed key copied to
 * another row does not open.
 *
 * <p>Opened keys stay in a small in-memory cache (least recently used out) so each wrap or unwrap
 * costs one RSA operation, not a decryption and a key parse as well.
 */
public final class SoftwareKeys {
  private static final int CACHE_SIZE = 1024;
  private final VaultRootKeys rootKeys;
  private final Map<String, PrivateKey> cache = Collections.synchronizedMap(
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PrivateKey> eldest) {
          return size() > CACHE_SIZE;
        }
      });

  public SoftwareKeys(VaultRootKeys rootKeys) {
    this.rootKeys = rootKeys;
  }

  public byte[] seal(String vaultId, String nameKey, String version, PrivateKey key) {
    byte[] pkcs8 = key.getEncoded();
    try {
      return rootKeys.forVault(vaultId).encrypt(pkcs8, associatedData(vaultId, nameKey, version));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a key", e);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  public PrivateKey open(String vaultId, String nameKey, String version, KeyType type, byte[] sealed) {
    String id = vaultId + "|" + nameKey + "|" + version;
    PrivateKey cached = cache.get(id);
    if (cached != null) return cached;
    byte[] pkcs8 = null;
    try {
      pkcs8 = rootKeys.forVault(vaultId).decrypt(sealed, associatedData(vaultId, nameKey, version));
      PrivateKey key = KeyFactory.getInstance(type.isRsa() ? "RSA" : "EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      cache.put(id, key);
      return key;
    } catch (GeneralSecurityException e) {
      // A sealed key that does not open is tampered with or belongs elsewhere: an internal fault.
      throw new IllegalStateException("the sealed key " + nameKey + "/" + version + " does not open", e);
    } finally {
      if (pkcs8 != null) Arrays.fill(pkcs8, (byte) 0);
    }
  }

  /** Drops opened keys of one key name (purge) or of a whole vault ({@code nameKey} null). */
  public void forget(String vaultId, String nameKey) {
    String prefix = vaultId + "|" + (nameKey == null ? "" : nameKey + "|");
    synchronized (cache) {
      cache.keySet().removeIf(k -> k.startsWith(prefix));
    }
  }

  private static byte[] associatedData(String vaultId, String nameKey, String version) {
    return ("coffer-vault-key|" + vaultId + "|" + nameKey + "|" + version).getBytes(StandardCharsets.UTF_8);
  }
}
