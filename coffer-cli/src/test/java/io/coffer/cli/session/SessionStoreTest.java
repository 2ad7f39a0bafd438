package io.coffer.cli.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoreTest {
  @TempDir Path dir;

  private static Session session() {
    return new Session("http://127.0.0.1:1", "alice", "secret-access", "secret-refresh", 1000L, "sub-1",
        "Default", "Enabled", "tenant-1", null);
  }

  @Test
  void save_newFolder_folderIs0700AndFileIs0600() throws Exception {
    Path folder = dir.resolve("nested/.coffer");
    SessionStore store = new SessionStore(folder);
    store.save(session());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
  }

  @Test
  void save_overwrite_keepsFileOwnerOnly() throws Exception {
    SessionStore store = new SessionStore(dir.resolve(".coffer"));
    store.save(session());
    store.save(session().withTokens("a2", "r2", 2000L));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
    assertThat(store.load()).get().extracting(Session::accessToken).isEqualTo("a2");
    try (var files = Files.list(dir.resolve(".coffer"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("session.json");
    }
  }

  @Test
  void load_afterSave_roundTripsEveryField() {
    SessionStore store = new SessionStore(dir);
    store.save(session());
    assertThat(store.load()).contains(session());
  }

  @Test
  void load_noFile_empty() {
    assertThat(new SessionStore(dir).load()).isEmpty();
  }

  @Test
  void delete_existingSession_removesFile() {
    SessionStore store = new SessionStore(dir);
    store.save(session());
    assertThat(store.delete()).isTrue();
    assertThat(store.file()).doesNotExist();
    assertThat(store.delete()).isFalse();
  }

  @Test
  void toString_neverShowsTokens() {
    assertThat(session().toString()).doesNotContain("secret");
  }
}
