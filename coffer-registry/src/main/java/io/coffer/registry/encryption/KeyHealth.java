package io.coffer.registry.encryption;

import io.coffer.registry.encryption.EncryptionStatus.Health;
import io.coffer.vault.kek.KeyAccessException;

/** What a refused key access means for the registry: its health state and the words that name the cause. */
final class KeyHealth {
  private KeyHealth() {}

  static Health of(KeyAccessException.Cause cause) {
    return switch (cause) {
      case ACCESS_DENIED -> Health.ACCESS_DENIED;
      case KEY_DISABLED -> Health.KEY_DISABLED;
      case KEY_NOT_FOUND, INVALID_WRAPPED_KEY -> Health.KEY_NOT_FOUND;
      case IDENTITY_INACTIVE -> Health.IDENTITY_INACTIVE;
      case UNREACHABLE -> Health.VAULT_UNREACHABLE;
    };
  }

  /** A few words for the cause, e.g. {@code access denied}, {@code key disabled}. */
  static String words(KeyAccessException.Cause cause) {
    return switch (cause) {
      case ACCESS_DENIED -> "access denied";
      case KEY_DISABLED -> "key disabled";
      case KEY_NOT_FOUND -> "key not found";
      case INVALID_WRAPPED_KEY -> "wrapped key does not open";
      case IDENTITY_INACTIVE -> "identity inactive";
      case UNREACHABLE -> "vault unreachable";
    };
  }
}
