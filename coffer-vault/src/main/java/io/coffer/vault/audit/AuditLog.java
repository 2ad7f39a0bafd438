package io.coffer.vault.audit;

/** The append-only record of every data-plane operation of every vault. */
public interface AuditLog {
  void record(AuditEvent event);
}
