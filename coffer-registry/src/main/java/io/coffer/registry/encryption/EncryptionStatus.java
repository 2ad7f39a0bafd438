package io.coffer.registry.encryption;

import java.time.Instant;

/**
 * What {@code encryption} of a registry says. For a registry under the service-managed key,
 * {@code customerManaged} is false and the key fields are null. {@code health} and
 * {@code lastError}/{@code lastErrorAt} tell whether the key was reachable on last use.
 */
public record EncryptionStatus(boolean customerManaged, String keyIdentifier, String versionedKeyIdentifier,
    KeyIdentity identity, boolean keyRotationEnabled, Instant lastKeyRotationTimestamp, Health health,
    String lastError, Instant lastErrorAt) {
  public enum Health { HEALTHY, ACCESS_DENIED, KEY_DISABLED, KEY_NOT_FOUND, IDENTITY_INACTIVE, VAULT_UNREACHABLE }
}
