package io.coffer.vault.keys.application;

import io.coffer.vault.keys.KeyVersion;
import io.coffer.vault.keys.StoredKey;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault's own work on a schedule: rotates keys whose rotation policy says so, and purges
 * deleted keys once their scheduled purge date has passed. Safe to run on several nodes after
 * each other: a rotated key is no longer due, a purged key is gone.
 */
public final class KeyScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(KeyScheduler.class);

  public record Report(int rotated, int purged, int failed) {}

  private final KeyService keys;

  public KeyScheduler(KeyService keys) {
    this.keys = keys;
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
      } catch (RuntimeException e) {
        failed++;
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
          LOG.info("rotated key {} in vault {} by its policy: version {}", k.name(), k.vaultId(), next.version());
        }
      } catch (RuntimeException e) {
        failed++;
        LOG.warn("scheduled rotation of key {} in vault {} failed: {}", k.name(), k.vaultId(), e.toString());
      }
    }
    return new Report(rotated, purged, failed);
  }
}
