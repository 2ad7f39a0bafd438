package io.coffer.vault.vaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.identity.rbac.SqlRoleAssignments;
import io.coffer.storage.db.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention and purge over time, with a clock the test moves. */
class VaultServiceTest {
  @TempDir Path dir;
  private Database db;
  private final MovableClock clock = new MovableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final List<String> purgedByHook = new ArrayList<>();
  private VaultService vaults;
  private SqlVaults store;

  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @BeforeEach
  void open() {
    db = Database.open(dir, null);
    store = new SqlVaults(db);
    vaults = new VaultService(db, store, new SqlRoleAssignments(db),
        List.of((c, v) -> purgedByHook.add(v.name())), clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private void create(String name, int retentionDays, boolean purgeProtection) {
    vaults.put(new VaultService.Placement("sub", "tenant", "group", "here"), name,
        new VaultSettings(null, null, null, purgeProtection, null, retentionDays, null, null, null),
        new VaultService.Creator("00000000-0000-0000-0000-00000000000a", "admin"));
  }

  @Test
  void purgeExpired_removesOnlyVaultsPastTheirRetention_andRunsTheHooks() {
    create("seven-days", 7, true);
    create("thirty-days", 30, false);
    create("still-active", 7, false);
    vaults.delete("sub", "group", "seven-days");
    vaults.delete("sub", "group", "thirty-days");

    clock.advance(Duration.ofDays(7).minusSeconds(1));
    assertThat(vaults.purgeExpired()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(vaults.purgeExpired()).isEqualTo(1);
    assertThat(purgedByHook).containsExactly("seven-days");
    assertThat(vaults.deleted("sub")).extracting(d -> d.vault().name()).containsExactly("thirty-days");
    assertThat(store.activeByName("still-active")).isPresent();

    // Its name is free again.
    create("seven-days", 7, false);
    assertThat(store.activeByName("SEVEN-DAYS")).isPresent();
  }

  @Test
  void purge_underPurgeProtection_isAllowedOnceTheRetentionHasEnded() {
    create("protected", 7, true);
    vaults.delete("sub", "group", "protected");
    assertThatThrownBy(() -> vaults.purge("sub", "here", "protected")).isInstanceOf(VaultException.class)
        .extracting(e -> ((VaultException) e).problem()).isEqualTo(VaultException.Problem.PURGE_PROTECTED);
    assertThat(purgedByHook).isEmpty();
    clock.advance(Duration.ofDays(7));
    vaults.purge("sub", "here", "protected");
    assertThat(purgedByHook).containsExactly("protected");
    assertThat(vaults.deleted("sub")).isEmpty();
  }

  @Test
  void activeByName_ignoresSoftDeletedVaults_andRecoverBringsThemBack() {
    create("comeback", 7, false);
    vaults.delete("sub", "group", "comeback");
    assertThat(store.activeByName("comeback")).isEmpty();
    Vault v = vaults.recover("sub", "GROUP", "comeback");
    assertThat(v.deleted()).isFalse();
    assertThat(store.activeByName("comeback")).get().extracting(Vault::accessPolicies).asList().hasSize(1);
  }
}
