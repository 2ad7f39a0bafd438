package io.coffer.vault.keys;

import java.time.Instant;

/** A soft-deleted key: its latest version as it was, when it was deleted and when it will be purged. */
public record DeletedKey(KeyVersion latest, Instant deletedAt, Instant scheduledPurgeAt) {}
