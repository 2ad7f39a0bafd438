package io.coffer.vault.audit;

/**
 * An operation could not be recorded in the audit log. The data plane does not answer the
 * operation as done when this is thrown: an unrecorded operation would break the audit promise.
 */
public final class AuditWriteException extends RuntimeException {
  public AuditWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}
