package io.coffer.vault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.storage.db.Database;
import io.coffer.storage.db.Sql;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlAuditLogTest {
  @TempDir Path dir;
  private Database db;
  private SqlAuditLog log;

  @BeforeEach
  void open() {
    db = Database.open(dir, "");
    log = new SqlAuditLog(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static AuditEvent event(String vault, String key, String operation) {
    return new AuditEvent(Instant.parse("2025-03-01T10:15:30.123456789Z"), "oid-1", "10.0.0.7", vault, key,
        key == null ? null : "0123456789abcdef0123456789abcdef", operation, "200");
  }

  private void append(int n) {
    for (int i = 0; i < n; i++) log.record(event("kv" + (i % 3), "key" + i, "unwrapKey"));
  }

  private void sql(String statement, Object... args) {
    db.inTransaction(c -> Sql.update(c, statement, args));
  }

  @Test
  void verify_emptyLog_isIntact() {
    AuditLog.Verification v = log.verify();
    assertThat(v.intact()).isTrue();
    assertThat(v.entriesChecked()).isZero();
    assertThat(v.firstBrokenSequence()).isNull();
  }

  @Test
  void verify_manyAppends_isIntact() {
    append(500);
    AuditLog.Verification v = log.verify();
    assertThat(v.intact()).as(v.message()).isTrue();
    assertThat(v.entriesChecked()).isEqualTo(500);
  }

  @Test
  void record_concurrentThreads_keepOneUnbrokenChain() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      futures.add(pool.submit(() -> {
        for (int i = 0; i < 100; i++) log.record(event("kv" + thread, "k" + i, "wrapKey"));
      }));
    }
    for (Future<?> f : futures) f.get(60, TimeUnit.SECONDS);
    pool.shutdown();
    AuditLog.Verification v = log.verify();
    assertThat(v.intact()).as(v.message()).isTrue();
    assertThat(v.entriesChecked()).isEqualTo(800);
    assertThat(log.list("kv3", 1000)).hasSize(100);
  }

  @Test
  void record_twoLogsOnOneDatabase_chainOntoEachOther() {
    SqlAuditLog other = new SqlAuditLog(db); // like a second node sharing the database
    log.record(event("kv", "a", "get"));
    other.record(event("kv", "b", "get"));
    log.record(event("kv", "c", "get"));
    assertThat(log.list("kv", 10)).extracting(AuditLog.Entry::sequence).containsExactly(1L, 2L, 3L);
    assertThat(new SqlAuditLog(db).verify().intact()).isTrue();
  }

  @Test
  void reopen_continuesTheChain() {
    append(10);
    SqlAuditLog reopened = new SqlAuditLog(db);
    reopened.record(event("kv0", "k", "sign"));
    AuditLog.Verification v = reopened.verify();
    assertThat(v.intact()).as(v.message()).isTrue();
    assertThat(v.entriesChecked()).isEqualTo(11);
  }

  @Test
  void verify_changedField_namesTheEntry() {
    append(20);
    sql("UPDATE vault_audit SET result = '403 Forbidden' WHERE sequence = 7");
    assertBroken(log.verify(), 7);
  }

  @Test
  void verify_eachFieldChanged_isDetected() {
    String[] changes = {"event_time = event_time + 1", "caller_object_id = 'oid-2'", "client_ip = NULL",
        "vault_name = 'KV1'", "key_name = 'other'", "key_version = ''", "operation = 'wrapKey'"};
    append(3);
    for (String change : changes) {
      db.inTransaction(c -> {
        Sql.update(c, "CREATE TEMP TABLE saved AS SELECT * FROM vault_audit WHERE sequence = 2");
        Sql.update(c, "UPDATE vault_audit SET " + change + " WHERE sequence = 2");
        return null;
      });
      assertBroken(log.verify(), 2);
      db.inTransaction(c -> {
        Sql.update(c, "DELETE FROM vault_audit WHERE sequence = 2");
        Sql.update(c, "INSERT INTO vault_audit SELECT * FROM saved");
        Sql.update(c, "DROP TABLE saved");
        return null;
      });
      assertThat(log.verify().intact()).as(change).isTrue();
    }
  }

  @Test
  void verify_vaultKeyMoved_isDetected() {
    append(5);
    sql("UPDATE vault_audit SET vault_key = 'elsewhere' WHERE sequence = 4");
    assertBroken(log.verify(), 4);
  }

  @Test
  void verify_deletedRow_namesTheMissingEntry() {
    append(20);
    sql("DELETE FROM vault_audit WHERE sequence = 12");
    AuditLog.Verification v = log.verify();
    assertBroken(v, 12);
    assertThat(v.message()).contains("missing");
  }

  @Test
  void verify_deletedFirstRow_isDetected() {
    append(5);
    sql("DELETE FROM vault_audit WHERE sequence = 1");
    assertBroken(log.verify(), 1);
  }

  @Test
  void verify_deletedNewestRows_isDetected() {
    append(5);
    sql("DELETE FROM vault_audit WHERE sequence >= 4");
    assertBroken(log.verify(), 4);
  }

  @Test
  void verify_reorderedRows_isDetected() {
    append(10);
    db.inTransaction(c -> {
      Sql.update(c, "UPDATE vault_audit SET sequence = -1 WHERE sequence = 5");
      Sql.update(c, "UPDATE vault_audit SET sequence = 5 WHERE sequence = 6");
      Sql.update(c, "UPDATE vault_audit SET sequence = 6 WHERE sequence = -1");
      return null;
    });
    assertBroken(log.verify(), 5);
  }

  @Test
  void verify_replacedHash_isDetected() {
    append(10);
    sql("UPDATE vault_audit SET hash = ? WHERE sequence = 3", "ab".repeat(32));
    assertBroken(log.verify(), 3);
  }

  @Test
  void verify_changedEntryWithRecomputedHash_breaksAtTheNextEntry() {
    append(10);
    AuditLog.Entry e = log.list("kv0", 100).get(1); // sequence 4
    AuditEvent forged = new AuditEvent(e.event().time(), "intruder", e.event().clientIp(), e.event().vaultName(),
        e.event().keyName(), e.event().keyVersion(), e.event().operation(), e.event().result());
    String previous = db.read(c -> Sql.one(c, "SELECT hash FROM vault_audit WHERE sequence = 3",
        rs -> rs.getString(1))).orElseThrow();
    sql("UPDATE vault_audit SET caller_object_id = 'intruder', hash = ? WHERE sequence = 4",
        AuditChain.hash(previous, 4, forged));
    assertBroken(log.verify(), 5);
  }

  @Test
  void verify_newestEntryChangedWithRecomputedHash_isDetectedByTheLiveHead() {
    append(3);
    AuditLog.Entry e = log.list("kv2", 1).get(0);
    AuditEvent forged = new AuditEvent(e.event().time(), e.event().callerObjectId(), e.event().clientIp(),
        e.event().vaultName(), e.event().keyName(), e.event().keyVersion(), "purge", e.event().result());
    String previous = db.read(c -> Sql.one(c, "SELECT hash FROM vault_audit WHERE sequence = 2",
        rs -> rs.getString(1))).orElseThrow();
    sql("UPDATE vault_audit SET operation = 'purge', hash = ? WHERE sequence = 3", AuditChain.hash(previous, 3, forged));
    assertBroken(log.verify(), 3);
  }

  @Test
  void list_returnsNewestEntriesOfThatVaultOldestFirst() {
    append(30); // kv0 holds entries 1, 4, 7, ... 28
    List<AuditLog.Entry> entries = log.list("KV0", 3);
    assertThat(entries).extracting(AuditLog.Entry::sequence).containsExactly(22L, 25L, 28L);
    assertThat(entries).extracting(en -> en.event().vaultName()).containsOnly("kv0");
    assertThat(log.list("kv1", 100)).hasSize(10).allMatch(en -> en.event().vaultName().equals("kv1"));
    assertThat(log.list("nope", 10)).isEmpty();
    assertThat(log.list("kv0", 0)).isEmpty();
  }

  @Test
  void list_returnsEveryFieldAsRecorded() {
    log.record(new AuditEvent(Instant.parse("2025-03-01T10:15:30.123456789Z"), "oid-9", "2001:db8::1", "Vault-A",
        null, null, "listKeys", "403 Forbidden"));
    AuditLog.Entry e = log.list("vault-a", 1).get(0);
    assertThat(e.sequence()).isEqualTo(1);
    assertThat(e.event()).isEqualTo(new AuditEvent(Instant.parse("2025-03-01T10:15:30.123Z"), "oid-9", "2001:db8::1",
        "Vault-A", null, null, "listKeys", "403 Forbidden"));
    assertThat(e.hash()).hasSize(64).isEqualTo(AuditChain.hash(AuditChain.GENESIS, 1, e.event()));
  }

  @Test
  void record_databaseUnavailable_throws() {
    db.close();
    assertThatThrownBy(() -> log.record(event("kv", "k", "unwrapKey"))).isInstanceOf(AuditWriteException.class)
        .hasMessageContaining("could not be recorded");
  }

  @Test
  void hash_nullAndEmptyFields_differ() {
    AuditEvent withNull = new AuditEvent(Instant.EPOCH, null, "", "kv", null, null, "get", "200");
    AuditEvent withEmpty = new AuditEvent(Instant.EPOCH, "", "", "kv", null, null, "get", "200");
    AuditEvent shifted = new AuditEvent(Instant.EPOCH, "", "", "kv", "", null, "get", "200");
    assertThat(AuditChain.hash(AuditChain.GENESIS, 1, withNull))
        .isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, 1, withEmpty))
        .isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, 1, shifted));
  }

  @Test
  void record_isCheapEnoughForTheDataPlane() {
    long start = System.nanoTime();
    append(3000);
    double perSecond = 3000 / ((System.nanoTime() - start) / 1e9);
    System.out.println("audit appends per second: " + Math.round(perSecond));
    assertThat(perSecond).as("audit appends per second").isGreaterThan(500);
  }

  private static void assertBroken(AuditLog.Verification v, long sequence) {
    assertThat(v.intact()).isFalse();
    assertThat(v.firstBrokenSequence()).as(v.message()).isEqualTo(sequence);
    assertThat(v.message()).contains(String.valueOf(sequence));
  }
}
