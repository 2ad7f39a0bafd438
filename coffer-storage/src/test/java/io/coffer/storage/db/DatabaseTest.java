package io.coffer.storage.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path dir;

  @Test
  void open_freshFolder_migratesSchema() {
    try (Database db = Database.open(dir, "")) {
      long n = db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM registries"));
      assertThat(n).isZero();
      assertThat(db.healthy()).isTrue();
    }
  }

  @Test
  void inTransaction_throws_rollsBack() {
    try (Database db = Database.open(dir, "")) {
      assertThatThrownBy(() -> db.inTransaction(c -> {
        Sql.update(c, "INSERT INTO subscriptions VALUES ('s','t','n',1)");
        throw new IllegalStateException("boom");
      })).hasMessage("boom");
      assertThat((long) db.<Long>read(c -> Sql.count(c, "SELECT COUNT(*) FROM subscriptions"))).isZero();
    }
  }

  @Test
  void open_twice_keepsData() {
    try (Database db = Database.open(dir, "")) {
      db.inTransaction(c -> Sql.update(c, "INSERT INTO subscriptions VALUES ('s','t','n',1)"));
    }
    try (Database db = Database.open(dir, "")) {
      assertThat((long) db.<Long>read(c -> Sql.count(c, "SELECT COUNT(*) FROM subscriptions"))).isEqualTo(1);
    }
  }

  @Test
  void afterTransaction_runsOnceTheChangeIsVisibleToOtherConnections_orAtOnceOutsideOne() {
    try (Database db = Database.open(dir, "")) {
      java.util.List<Long> seen = new java.util.ArrayList<>();
      db.inTransaction(c -> {
        Sql.update(c, "INSERT INTO subscriptions VALUES ('s','t','n',1)");
        db.afterTransaction(() -> seen.add(db.read(other -> Sql.count(other, "SELECT COUNT(*) FROM subscriptions"))));
        return null;
      });
      assertThat(seen).containsExactly(1L);
      boolean[] ran = {false};
      db.afterTransaction(() -> ran[0] = true);
      assertThat(ran[0]).isTrue();
    }
  }
}
