package io.coffer.vault.keys.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.crypto.tink.subtle.AesGcmJce;
import io.coffer.common.Ids;
import io.coffer.common.Json;
import io.coffer.vault.kek.KeyAccessException;
import io.coffer.vault.kek.KeyEncryptionKey;
import io.coffer.vault.keys.KeyException;
import io.coffer.vault.system.SystemKeyStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * Protects key backups: the content is sealed with a fresh AES-256-GCM key, which is wrapped by
 * the system key store's current key. A backup therefore opens only in this Coffer installation
 * (in any of its vaults), as a Key Vault backup restores only within its own geography.
 *
 * <p><b>Security guarantees:</b> confidentiality and integrity of the content; a changed byte, a
 * backup of another installation or any other input is refused as a bad parameter.
 */
public final class BackupSeal {
  private static final String FORMAT = "coffer-key-backup/1";
  private static final byte[] AD = FORMAT.getBytes(StandardCharsets.UTF_8);
  private final SystemKeyStore systemKeys;

  public BackupSeal(SystemKeyStore systemKeys) {
    this.systemKeys = systemKeys;
  }

  public byte[] seal(byte[] content) {
    byte[] raw = Ids.randomBytes(32);
    try {
      KeyEncryptionKey kek = systemKeys.current();
      return Json.bytes(Map.of("format", FORMAT, "kek", kek.keyId(),
          "key", Base64.getEncoder().encodeToString(kek.wrap(raw)),
          "content", Base64.getEncoder().encodeToString(new AesGcmJce(raw).encrypt(content, AD))));
    } catch (GeneralSecurityException | KeyAccessException e) {
      throw new IllegalStateException("cannot seal a key backup", e);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  public byte[] open(byte[] backup) {
    byte[] raw = null;
    try {
      JsonNode n = Json.parse(backup);
      if (!FORMAT.equals(n.path("format").asText())) throw notABackup();
      raw = systemKeys.resolve(n.path("kek").asText()).unwrap(Base64.getDecoder().decode(n.path("key").asText()));
      return new AesGcmJce(raw).decrypt(Base64.getDecoder().decode(n.path("content").asText()), AD);
    } catch (IllegalArgumentException | GeneralSecurityException | KeyAccessException e) {
      throw notABackup();
    } finally {
      if (raw != null) Arrays.fill(raw, (byte) 0);
    }
  }

  private static KeyException notABackup() {
    return KeyException.badParameter("The value is not a key backup of this Coffer installation, or it was altered.");
  }
}
