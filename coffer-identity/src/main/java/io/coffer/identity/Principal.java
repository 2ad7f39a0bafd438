package io.coffer.identity;

/**
 * Who is calling, by object id. A user (the admin among them); a registry's admin user, scoped to
 * that one registry; a user-assigned managed identity ({@code id} is its principal id); or the
 * system-assigned identity of a registry ({@code registryId} says which).
 */
public record Principal(String id, String name, Kind kind, String registryId) {
  public enum Kind { USER, ADMIN, REGISTRY_ADMIN, MANAGED_IDENTITY, SYSTEM_IDENTITY }

  public static Principal user(String id, String name, boolean admin) {
    return new Principal(id, name, admin ? Kind.ADMIN : Kind.USER, null);
  }

  public static Principal registryAdmin(String registryId, String registryName) {
    return new Principal("registry:" + registryId, registryName, Kind.REGISTRY_ADMIN, registryId);
  }

  public static Principal managedIdentity(String principalId, String name) {
    return new Principal(principalId, name, Kind.MANAGED_IDENTITY, null);
  }

  public static Principal systemIdentity(String principalId, String registryName, String registryId) {
    return new Principal(principalId, registryName, Kind.SYSTEM_IDENTITY, registryId);
  }

  public boolean isAdmin() {
    return kind == Kind.ADMIN;
  }
}
