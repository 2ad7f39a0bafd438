package io.coffer.vault;

import io.coffer.common.PublicUrl;
import io.coffer.identity.TokenService;
import io.coffer.storage.db.Database;
import io.coffer.vault.access.VaultAuthorizer;
import io.coffer.vault.audit.AuditLog;
import io.coffer.vault.hsm.HardwareKeys;
import io.coffer.vault.http.VaultEdge;
import io.coffer.vault.keys.application.KeyCryptography;
import io.coffer.vault.keys.application.KeyScheduler;
import io.coffer.vault.keys.application.KeyService;
import io.coffer.vault.keys.crypto.SoftwareKeys;
import io.coffer.vault.keys.crypto.VaultRootKeys;
import io.coffer.vault.keys.infrastructure.SqlKeyStore;
import io.coffer.vault.vaults.VaultAddresses;
import io.coffer.vault.vaults.VaultDirectory;
import io.coffer.vault.vaults.VaultPurgeHook;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Instant;

/** Wires the vault's keys data plane: key store, sealing, services, scheduler and HTTP edge. */
public final class VaultComponents {
  public final KeyService keys;
  public final KeyCryptography cryptography;
  private final KeyScheduler scheduler;
  private final VaultEdge edge;

  /**
   * @param hardwareKeys the PKCS#11 token of RSA-HSM keys, or null when none is configured (RSA-HSM
   *     keys are then refused)
   */
  public VaultComponents(Database db, VaultDirectory directory, VaultAuthorizer authorizer, AuditLog audit,
      HardwareKeys hardwareKeys, TokenService tokens, VaultAddresses addresses, VaultRootKeys rootKeys, Clock clock) {
    this(db, directory, authorizer, audit, hardwareKeys, tokens, addresses, rootKeys, clock, new PublicUrl(null), true);
  }

  /**
   * As above; {@code publicUrl} names the server in the 401 challenge's authorization URI when
   * configured, and {@code allowRsa15} false refuses the RSA1_5 algorithm (vault.allowRsa15).
   */
  public VaultComponents(Database db, VaultDirectory directory, VaultAuthorizer authorizer, AuditLog audit,
      HardwareKeys hardwareKeys, TokenService tokens, VaultAddresses addresses, VaultRootKeys rootKeys, Clock clock,
      PublicUrl publicUrl, boolean allowRsa15) {
    SoftwareKeys software = new SoftwareKeys(rootKeys);
    this.keys = new KeyService(db, new SqlKeyStore(), software, rootKeys, hardwareKeys, clock);
    this.cryptography = new KeyCryptography(keys, software, hardwareKeys, clock, allowRsa15);
    this.scheduler = new KeyScheduler(keys, directory, audit);
    this.edge = new VaultEdge(directory, authorizer, audit, tokens, addresses, publicUrl, keys, cryptography, clock);
  }

  /** Mounts the data plane: every request whose Host is {@code {vault}.{vault domain}}. */
  public void register(Javalin app) {
    edge.register(app);
  }

  /** Rotations due by policy and purges of deleted keys past their scheduled date; run every vault.scheduleInterval. */
  public KeyScheduler.Report runScheduledWork(Instant now) {
    return scheduler.runScheduledWork(now);
  }

  /**
   * For the control plane's vault purge: removes the vault's keys in the purge's transaction, then
   * its hardware key pairs and root key.
   */
  public VaultPurgeHook purgeHook() {
    return (c, vault) -> keys.purgeVault(c, vault.id());
  }
}
