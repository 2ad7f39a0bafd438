package io.coffer.vault.audit;

import java.util.List;

/**
 * The append-only, hash-chained record of every data-plane operation of every vault. Each entry's
 * hash covers the previous entry's hash, so a changed, removed or reordered entry breaks the chain.
 */
public interface AuditLog {
  record Entry(long sequence, AuditEvent event, String hash) {}

  /** Whether the chain is whole; {@code firstBrokenSequence} names the first entry that does not check. */
  record Verification(boolean intact, long entriesChecked, Long firstBrokenSequence, String message) {}

  void record(AuditEvent event);

  /** The newest {@code limit} entries of one vault (by name, case-insensitive), oldest first. */
  List<Entry> list(String vaultName, int limit);

  /** Recomputes the whole chain. */
  Verification verify();
}
