package io.coffer.vault.vaults;

import java.time.Duration;
import java.time.Instant;

/** A soft-deleted vault and the moment it is purged on its own. */
public record DeletedVault(Vault vault) {
  public DeletedVault {
    if (!vault.deleted()) throw new IllegalArgumentException("vault " + vault.name() + " is not deleted");
  }

  public Instant deletionDate() {
    return Instant.ofEpochMilli(vault.deletedAt());
  }

  public Instant scheduledPurgeDate() {
    return deletionDate().plus(Duration.ofDays(vault.retentionDays()));
  }
}
