package io.coffer.vault.vaults;

import java.util.Optional;

/** Finds vaults for the data plane, which picks a vault by the host name of a request. */
public interface VaultDirectory {
  /** The vault of that name (case-insensitive) unless it is soft-deleted. */
  Optional<Vault> activeByName(String name);

  /** The name of the vault with this id, soft-deleted or not; for the audit of scheduled work. */
  Optional<String> nameOf(String vaultId);
}
