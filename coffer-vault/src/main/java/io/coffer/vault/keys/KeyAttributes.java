package io.coffer.vault.keys;

import java.time.Instant;

/** The attributes of a key version. {@code notBefore} and {@code expires} may be null. */
public record KeyAttributes(boolean enabled, Instant notBefore, Instant expires, Instant created, Instant updated) {
  /** Whether {@code now} lies in the version's nbf/exp window. */
  public boolean activeAt(Instant now) {
    return (notBefore == null || !now.isBefore(notBefore)) && (expires == null || now.isBefore(expires));
  }
}
