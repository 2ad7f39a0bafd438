package io.coffer.vault.keys.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;
import io.coffer.common.Ids;
import io.coffer.common.Json;
import io.coffer.vault.kek.KeyAccessException;
import io.coffer.vault.kek.KeyEncryptionKey;
import io.coffer.vault.system.SystemKeyStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One AES-256-GCM root key per vault, under which the vault's software keys are sealed. Each is
 * stored in {@code DIR/keys/vaults/{vaultId}.root} (0600) only wrapped by the system key store's
 * current key, with the wrapping key's id beside it; once unwrapped it is kept as a Tink
 * {@link Aead} in memory.
 *
 * <p><b>Security guarantees:</b> the raw root key is never written in plaintext nor logged.
 * Destroying a vault's root key makes every key sealed under it unreadable (crypto-shredding on purge).
 */
public final class VaultRootKeys {
  private static final Pattern VAULT_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private final Path dir;
  private final SystemKeyStore systemKeys;
  private final Map<String, Aead> open = new ConcurrentHashMap<>();

  private VaultRootKeys(Path dir, SystemKeyStore systemKeys) {
    this.dir = dir;
    this.systemKeys = systemKeys;
  }

  /** Root keys kept in {@code keysDir/vaults}, wrapped by {@code systemKeys}. */
  public static VaultRootKeys open(Path keysDir, SystemKeyStore systemKeys) throws IOException {
    Path dir = keysDir.resolve("vaults");
    Files.createDirectories(dir);
    return new VaultRootKeys(dir, systemKeys);
  }

  /** The installation's system key store, which wraps every root key. */
  public SystemKeyStore systemKeys() {
    return systemKeys;
  }

  /** The vault's root key, created on first use. */
  public Aead forVault(String vaultId) {
    Aead aead = open.get(vaultId);
    return aead != null ? aead : load(vaultId);
  }

  private synchronized Aead load(String vaultId) {
    Aead cached = open.get(vaultId);
    if (cached != null) return cached;
    Path file = file(vaultId);
    byte[] raw = null;
    try {
      if (Files.exists(file)) {
        var stored = Json.parse(Files.readAllBytes(file));
        KeyEncryptionKey kek = systemKeys.resolve(stored.path("kek").asText());
        raw = kek.unwrap(Base64.getDecoder().decode(stored.path("wrapped").asText()));
      } else {
        raw = Ids.randomBytes(32);
        KeyEncryptionKey kek = systemKeys.current();
        writePrivate(file, Json.bytes(Map.of("kek", kek.keyId(),
            "wrapped", Base64.getEncoder().encodeToString(kek.wrap(raw)))));
      }
      Aead aead = new AesGcmJce(raw);
      open.put(vaultId, aead);
      return aead;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the root key of vault " + vaultId, e);
    } catch (KeyAccessException | GeneralSecurityException e) {
      throw new IllegalStateException("the root key of vault " + vaultId + " cannot be opened: " + e.getMessage(), e);
    } finally {
      if (raw != null) Arrays.fill(raw, (byte) 0);
    }
  }

  /** Forgets and deletes the vault's root key: what was sealed under it can no longer be opened. */
  public synchronized void destroy(String vaultId) {
    open.remove(vaultId);
    try {
      Files.deleteIfExists(file(vaultId));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path file(String vaultId) {
    if (!VAULT_ID.matcher(vaultId).matches()) throw new IllegalArgumentException("invalid vault id");
    return dir.resolve(vaultId + ".root");
  }

  private static void writePrivate(Path file, byte[] content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(tmp, content);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
