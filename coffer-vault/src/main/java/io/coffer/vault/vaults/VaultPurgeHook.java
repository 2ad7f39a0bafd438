package io.coffer.vault.vaults;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Removes what a vault holds (keys, versions, hardware key objects) when the vault is purged. Runs
 * in the purge's transaction, before the vault's row goes; a failure aborts the purge.
 */
@FunctionalInterface
public interface VaultPurgeHook {
  void purging(Connection c, Vault vault) throws SQLException;
}
