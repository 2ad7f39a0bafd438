package io.coffer.vault.keys.application;

import io.coffer.vault.audit.AuditEvent;
import io.coffer.vault.audit.AuditLog;
import io.coffer.vault.keys.KeyVersion;
import io.coffer.vault.keys.StoredKey;
import io.coffer.vault.vaults.VaultDirectory;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault's own work on a schedule: rotates keys whose rotation policy says so, and purges
 * deleted keys once their scheduled purge date has passed. Safe to run on several nodes after
 * each other: a rotated key is no longer due, a purged key is gone.
 *
 * <p>Each rotation and purge, done or failed, goes to the vault's audit log as {@code KeyRotate}
 * or {@code KeyPurge} with the caller {@value #CALLER} and no client address.
 */
public final class KeyScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(KeyScheduler.class);

  public record Report(int rotated, int purged, int failed) {}

  /** The caller the audit log names for scheduled work. */
  public static final String CALLER = "KeyVaultScheduler";
  private static final String FAILED = "500 InternalServerError";

  private final KeyService keys;
  private final VaultDirectory vaults;
  private final AuditLog audit;

  public KeyScheduler(KeyService keys, VaultDirectory vaults, AuditLog audit) {
    this.keys = keys;
    this.vaults = vaults;
    this.audit = audit;
  }

  /** Never throws: a scheduler thread that threw would stop running; failures are logged and counted. */
  public Report runScheduledWork(Instant now) {
    try {
      return run(now);
    } catch (RuntimeException e) {
      LOG.warn("scheduled key work failed: {}", e.toString());
      return new Report(0, 0, 1);
    }
  }

  private Report run(Instant now) {
    int purged = 0;
    int rotated = 0;
    int failed = 0;
    List<StoredKey> due = keys.db().read(c -> keys.store().dueForPurge(c, now));
    for (StoredKey k : due) {
      try {
        keys.purgeNow(k.vaultId(), k.name());
        purged++;
        record(k, k.currentVersion(), "KeyPurge", "200", now);
      } catch (RuntimeException e) {
        failed++;
        record(k, k.currentVersion(), "KeyPurge", FAILED, now);
        LOG.warn("scheduled purge of key {} in vault {} failed: {}", k.name(), k.vaultId(), e.toString());
      }
    }
    for (StoredKey k : keys.db().read(c -> keys.store().withPolicy(c))) {
      try {
        KeyVersion current = keys.db().read(c -> keys.store().findVersion(c, k.vaultId(), k.name(),
            k.currentVersion())).orElse(null);
        if (current == null) continue;
        Instant at = k.policy().rotationDue(current.attributes().created(), current.attributes().expires());
        if (at != null && !now.isBefore(at)) {
          KeyVersion next = keys.rotate(k, now, true);
          rotated++;
          record(k, next.version(), "KeyRotate", "200", now);
          LOG.info("rotated key {} in vault {} by its policy: version {}", k.name(), k.vaultId(), next.version());
        }
      } catch (RuntimeException e) {
        failed++;
        record(k, k.currentVersion(), "KeyRotate", FAILED, now);
        LOG.warn("scheduled rotation of key {} in vault {} failed: {}", k.name(), k.vaultId(), e.toString());
      }
    }
    return new Report(rotated, purged, failed);
  }

  /** An audit failure is logged, not thrown: the work itself is done and must not be retried for it. */
  private void record(StoredKey k, String version, String operation, String result, Instant now) {
    try {
      String vault = vaults.nameOf(k.vaultId()).orElse(k.vaultId());
      audit.record(new AuditEvent(now, CALLER, null, vault, k.name(), version, operation, result));
    } catch (RuntimeException e) {
      LOG.warn("the audit record of scheduled {} of key {} in vault {} failed: {}", operation, k.name(),
          k.vaultId(), e.toString());
    }
  }
}
