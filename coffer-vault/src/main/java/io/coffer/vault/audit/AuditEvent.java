package io.coffer.vault.audit;

import java.time.Instant;

/**
 * One data-plane operation as the audit log keeps it. {@code keyVersion} is the version actually
 * used (null for operations that name no key); {@code result} the HTTP status and error code, e.g.
 * {@code "200"}, {@code "403 Forbidden"}.
 */
public record AuditEvent(Instant time, String callerObjectId, String clientIp, String vaultName, String keyName,
    String keyVersion, String operation, String result) {}
