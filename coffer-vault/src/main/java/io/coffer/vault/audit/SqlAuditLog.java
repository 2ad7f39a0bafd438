package io.coffer.vault.audit;

import io.coffer.storage.db.Database;
import io.coffer.storage.db.DatabaseException;
import io.coffer.storage.db.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The audit log in the metadata database (table {@code vault_audit}).
 *
 * <p>Appends are grouped: concurrent callers' entries go in one transaction, in the order they
 * arrived, chained from the head (last sequence and hash) kept in memory, so an append costs one
 * indexed insert and a share of a commit. The primary key on the sequence
 * keeps the chain from forking when another process appends to the same database: the loser's
 * insert fails, it re-reads the head and chains onto the winner.
 */
public final class SqlAuditLog implements AuditLog {
  private static final int ATTEMPTS = 3;
  private static final String COLUMNS = "sequence, event_time, caller_object_id, client_ip, vault_name, vault_key, "
      + "key_name, key_version, operation, result, hash";
  private static final String INSERT = "INSERT INTO vault_audit (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)";

  private final Database db;
  private final ReentrantLock appendLock = new ReentrantLock();
  private final Condition written = appendLock.newCondition();
  private final List<Pending> queue = new ArrayList<>();
  private boolean writing;
  // The head of the chain; changed only by the writer at work, read under the lock when none is.
  private long headSequence;
  private String headHash;

  private static final class Pending {
    final AuditEvent event;
    boolean done;
    AuditWriteException failure;

    Pending(AuditEvent event) {
      this.event = event;
    }
  }

  public SqlAuditLog(Database db) {
    this.db = db;
    appendLock.lock();
    try {
      readHead();
    } finally {
      appendLock.unlock();
    }
  }

  @Override
  public void record(AuditEvent event) {
    Objects.requireNonNull(event.time(), "time");
    Objects.requireNonNull(event.vaultName(), "vaultName");
    Objects.requireNonNull(event.operation(), "operation");
    Objects.requireNonNull(event.result(), "result");
    Pending mine = new Pending(AuditChain.stored(event));
    appendLock.lock();
    try {
      queue.add(mine);
      // Group commit: whoever finds no writer at work writes everything queued so far in one
      // transaction; the others wait for it. The caller returns only once its entry is stored.
      while (!mine.done) {
        if (writing) {
          written.awaitUninterruptibly();
          continue;
        }
        writing = true;
        List<Pending> batch = new ArrayList<>(queue);
        queue.clear();
        AuditWriteException failure = null;
        appendLock.unlock();
        try {
          append(batch);
        } catch (AuditWriteException e) {
          failure = e;
        } finally {
          appendLock.lock();
          writing = false;
          for (Pending p : batch) {
            p.failure = failure;
            p.done = true;
          }
          written.signalAll();
        }
      }
      if (mine.failure != null) throw mine.failure;
    } finally {
      appendLock.unlock();
    }
  }

  /** Appends a batch in order after the head; only the one writer at work calls it. */
  private void append(List<Pending> batch) {
    for (int attempt = 1; ; attempt++) {
      long sequence = headSequence;
      String hash = headHash;
      List<Object[]> rows = new ArrayList<>(batch.size());
      for (Pending p : batch) {
        AuditEvent e = p.event;
        sequence++;
        hash = AuditChain.hash(hash, sequence, e);
        rows.add(new Object[] {sequence, e.time().toEpochMilli(), e.callerObjectId(), e.clientIp(), e.vaultName(),
            e.vaultName().toLowerCase(Locale.ROOT), e.keyName(), e.keyVersion(), e.operation(), e.result(), hash});
      }
      try {
        db.inTransaction(c -> {
          try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (Object[] row : rows) {
              for (int i = 0; i < row.length; i++) insert.setObject(i + 1, row[i]);
              insert.addBatch();
            }
            insert.executeBatch();
          }
          return null;
        });
        headSequence = sequence;
        headHash = hash;
        return;
      } catch (DatabaseException ex) {
        if (!ex.isConstraintViolation() || attempt == ATTEMPTS) {
          throw new AuditWriteException("The operation could not be recorded in the audit log: " + ex.getMessage(), ex);
        }
        readHead(); // another process appended: chain onto its entry
      }
    }
  }

  @Override
  public List<Entry> list(String vaultName, int limit) {
    if (limit <= 0) return List.of();
    List<Entry> newestFirst = db.read(c -> Sql.query(c, "SELECT " + COLUMNS + " FROM vault_audit WHERE vault_key = ?"
        + " ORDER BY sequence DESC LIMIT ?", SqlAuditLog::entry, vaultName.toLowerCase(Locale.ROOT), limit));
    List<Entry> oldestFirst = new ArrayList<>(newestFirst);
    Collections.reverse(oldestFirst);
    return oldestFirst;
  }

  @Override
  public Verification verify() {
    long expectedLast;
    String expectedLastHash;
    appendLock.lock();
    try {
      while (writing) written.awaitUninterruptibly(); // the head is consistent between batches
      expectedLast = headSequence;
      expectedLastHash = headHash;
    } finally {
      appendLock.unlock();
    }
    // The whole table is checked, entries other nodes appended included; the head this node wrote
    // last must still be there, unchanged, which catches a rewrite of the newest entries.
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM vault_audit ORDER BY sequence")) {
        try (ResultSet rs = ps.executeQuery()) {
          return check(rs, expectedLast, expectedLastHash);
        }
      }
    });
  }

  private static Verification check(ResultSet rs, long expectedLast, String expectedLastHash) throws SQLException {
    String previous = AuditChain.GENESIS;
    long expected = 1;
    long checked = 0;
    while (rs.next()) {
      Entry entry = entry(rs);
      checked++;
      if (entry.sequence() != expected) {
        return broken(checked, expected, "Entry " + expected + " is missing (the next entry is "
            + entry.sequence() + ").");
      }
      if (!AuditChain.hash(previous, entry.sequence(), entry.event()).equals(entry.hash())) {
        return broken(checked, expected, "Entry " + expected + " does not match its hash: its fields, its position "
            + "or its hash were changed.");
      }
      if (!rs.getString("vault_key").equals(entry.event().vaultName().toLowerCase(Locale.ROOT))) {
        return broken(checked, expected, "Entry " + expected + " is filed under another vault than it names.");
      }
      if (entry.sequence() == expectedLast && !entry.hash().equals(expectedLastHash)) {
        return broken(checked, expected, "Entry " + expected + " was changed since it was written.");
      }
      previous = entry.hash();
      expected++;
    }
    long last = expected - 1;
    if (last < expectedLast) {
      return broken(checked, expected, "Entries from " + expected + " to " + expectedLast + " are missing.");
    }
    return new Verification(true, checked, null, "The audit log is intact: " + checked + " entries checked.");
  }

  private static Verification broken(long checked, long sequence, String message) {
    return new Verification(false, checked, sequence, message);
  }

  private void readHead() {
    Entry last = db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM vault_audit ORDER BY sequence DESC LIMIT 1",
        SqlAuditLog::entry)).orElse(null);
    headSequence = last == null ? 0 : last.sequence();
    headHash = last == null ? AuditChain.GENESIS : last.hash();
  }

  private static Entry entry(ResultSet rs) throws SQLException {
    AuditEvent event = new AuditEvent(Instant.ofEpochMilli(rs.getLong("event_time")), rs.getString("caller_object_id"),
        rs.getString("client_ip"), rs.getString("vault_name"), rs.getString("key_name"), rs.getString("key_version"),
        rs.getString("operation"), rs.getString("result"));
    return new Entry(rs.getLong("sequence"), event, rs.getString("hash"));
  }
}
