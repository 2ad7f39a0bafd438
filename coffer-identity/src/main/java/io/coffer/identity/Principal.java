package io.coffer.identity;

/**
 * Who is calling. A user (the admin among them), or a registry's admin user, which is scoped to
 * that one registry.
 */
public record Principal(String id, String name, Kind kind, String registryId) {
  public enum Kind { USER, ADMIN, REGISTRY_ADMIN }

  public static Principal user(String id, String name, boolean admin) {
    return new Principal(id, name, admin ? Kind.ADMIN : Kind.USER, null);
  }

  public static Principal registryAdmin(String registryId, String registryName) {
    return new Principal("registry:" + registryId, registryName, Kind.REGISTRY_ADMIN, registryId);
  }

  public boolean isAdmin() {
    return kind == Kind.ADMIN;
  }
}
