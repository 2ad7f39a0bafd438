package io.coffer.server;

import io.coffer.config.CofferConfig;
import io.coffer.identity.TokenService;
import java.io.IOException;
import io.coffer.registry.RegistryComponents;
import io.coffer.registry.application.GarbageCollector;
import io.coffer.registry.encryption.ContentCipher;
import io.coffer.vault.VaultComponents;
import io.coffer.vault.vaults.VaultService;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work the server does on its own: the cipher warm-up once at start; garbage collection, retention,
 * registries following the latest version of their customer key, key rotation policies, the purge
 * of soft-deleted keys and vaults, and the rotation of the token signing key on a schedule.
 */
final class BackgroundJobs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundJobs.class);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "coffer-jobs");
    t.setDaemon(true);
    return t;
  });
  private final CountDownLatch warm;

  BackgroundJobs(CofferConfig config, RegistryComponents registry, VaultComponents vaultKeys, VaultService vaults,
      TokenService tokens, Clock clock) {
    GarbageCollector gc = registry.garbageCollector;
    warm = new CountDownLatch(config.encryption.warmUp ? 1 : 0);
    if (config.encryption.warmUp) {
      int segmentSize = config.encryption.segmentSize;
      scheduler.execute(() -> {
        long started = System.nanoTime();
        try {
          ContentCipher.warmUp(segmentSize);
          LOG.info("cipher warm-up done in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
          LOG.warn("cipher warm-up failed: {}", e.toString());
        } finally {
          warm.countDown();
        }
      });
    }
    long every = config.gc.interval.toMillis();
    if (every > 0) scheduler.scheduleWithFixedDelay(gc::collectAll, every, every, TimeUnit.MILLISECONDS);
    if (every > 0) scheduler.scheduleWithFixedDelay(() -> guarded("retention", registry.retention::run), every, every,
        TimeUnit.MILLISECONDS);
    // Registries with a versionless customer key id follow the vault's latest version.
    long pollEvery = config.encryption.rotationPollInterval.toMillis();
    scheduler.scheduleWithFixedDelay(() -> guarded("key rotation polling", registry.encryption::pollRotations),
        pollEvery, pollEvery, TimeUnit.MILLISECONDS);
    long vaultEvery = config.vault.scheduleInterval.toMillis();
    scheduler.scheduleWithFixedDelay(() -> {
      // A failure must not cancel the schedule: the next round tries again.
      try {
        vaultKeys.runScheduledWork(clock.instant());
        vaults.purgeExpired();
        if (tokens.rotateIfOlderThan(config.auth.signingKeyRotation)) LOG.info("token signing key rotated");
      } catch (IOException | RuntimeException e) {
        LOG.warn("scheduled key work failed: {}", e.toString());
      }
    }, vaultEvery, vaultEvery, TimeUnit.MILLISECONDS);
  }

  /** Runs one round of a job; a failure is logged and must not cancel the schedule. */
  private static void guarded(String name, Runnable job) {
    try {
      job.run();
    } catch (RuntimeException e) {
      LOG.warn("{} failed: {}", name, e.toString());
    }
  }

  /** Whether the cipher is compiled; until then large blobs would run at a few percent of full speed. */
  boolean warmedUp() {
    return warm.getCount() == 0;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
