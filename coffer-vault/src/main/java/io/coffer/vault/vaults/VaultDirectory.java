package io.coffer.vault.vaults;

import java.util.Optional;

/** Finds vaults for the data plane, which picks a vault by the host name of a request. */
public interface VaultDirectory {
  /** The vault of that name (case-insensitive) unless it is soft-deleted. */
  Optional<Vault> activeByName(String name);
}
