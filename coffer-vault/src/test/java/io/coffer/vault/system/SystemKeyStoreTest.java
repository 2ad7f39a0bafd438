package io.coffer.vault.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.vault.kek.KeyAccessException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemKeyStoreTest {
  @TempDir Path dir;

  @Test
  void wrapUnwrap_roundTrip_returnsDataKey() throws Exception {
    SystemKeyStore store = SystemKeyStore.open(dir);
    byte[] dek = new byte[32];
    dek[3] = 7;
    byte[] wrapped = store.current().wrap(dek);
    assertThat(wrapped).hasSize(384).isNotEqualTo(dek);
    assertThat(store.resolve(store.current().keyId()).unwrap(wrapped)).isEqualTo(dek);
  }

  @Test
  void reopen_afterRotate_unwrapsWithOldVersion() throws Exception {
    SystemKeyStore store = SystemKeyStore.open(dir);
    String oldId = store.current().keyId();
    byte[] wrapped = store.current().wrap(new byte[32]);
    String newId = store.rotate();
    assertThat(newId).isNotEqualTo(oldId).startsWith(SystemKeyStore.KEY_ID_PREFIX);
    SystemKeyStore reopened = SystemKeyStore.open(dir);
    assertThat(reopened.current().keyId()).isEqualTo(newId);
    assertThat(reopened.resolve(oldId).unwrap(wrapped)).isEqualTo(new byte[32]);
  }

  @Test
  void open_storeFiles_areOwnerOnly() throws Exception {
    SystemKeyStore.open(dir);
    for (String f : new String[] {"system-keys.p12", "system-store.password"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f)))).isEqualTo("rw-------");
    }
  }

  @Test
  void unwrap_tamperedInput_failsTyped() throws Exception {
    SystemKeyStore store = SystemKeyStore.open(dir);
    byte[] wrapped = store.current().wrap(new byte[32]);
    wrapped[10] ^= 1;
    assertThatThrownBy(() -> store.current().unwrap(wrapped)).isInstanceOf(KeyAccessException.class);
    assertThatThrownBy(() -> store.resolve("coffer:system/keys/service-managed/ffff"))
        .isInstanceOf(KeyAccessException.class);
  }
}
