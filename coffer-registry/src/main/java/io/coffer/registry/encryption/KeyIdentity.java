package io.coffer.registry.encryption;

/**
 * The managed identity a registry uses to reach its customer key: a user-assigned identity
 * ({@code clientId}, {@code principalId}, its ARM {@code resourceId}) or the registry's own
 * system-assigned identity ({@code clientId} null; shown as {@code "system"}).
 */
public record KeyIdentity(Kind kind, String principalId, String clientId, String resourceId) {
  public enum Kind { USER_ASSIGNED, SYSTEM_ASSIGNED }

  /** What {@code encryption.keyVaultProperties.identity} shows: the client id, or {@code system}. */
  public String shown() {
    return kind == Kind.SYSTEM_ASSIGNED ? "system" : clientId;
  }
}
