package io.coffer.vault.keys;

import java.time.Instant;

/**
 * A key name in a vault: its current (latest) version, its rotation policy if one was set, and
 * whether it is soft-deleted. {@code name} keeps the case it was created with.
 */
public record StoredKey(String vaultId, String name, String currentVersion, RotationPolicy policy,
    Instant deletedAt, Instant scheduledPurgeAt) {
  public boolean deleted() {
    return deletedAt != null;
  }
}
