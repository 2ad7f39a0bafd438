package io.coffer.control.domain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The managed identities of a registry ({@code identity} of the resource): its system-assigned
 * identity, if turned on, and the user-assigned identities assigned to it.
 */
public record RegistryIdentity(SystemIdentity system, List<UserIdentity> userAssigned) {
  public static final RegistryIdentity NONE = new RegistryIdentity(null, List.of());

  /** The registry's own principal (kind SYSTEM_IDENTITY), gone with it. */
  public record SystemIdentity(String principalId, String tenantId) {}

  /** A user-assigned identity as it was when assigned (it may have been deleted since). */
  public record UserIdentity(String resourceId, String principalId, String clientId) {}

  public RegistryIdentity {
    userAssigned = List.copyOf(userAssigned);
  }

  /** ARM's {@code identity.type}; null when the registry has no identity. */
  public String type() {
    boolean user = !userAssigned.isEmpty();
    if (system != null && user) return "SystemAssigned, UserAssigned";
    if (system != null) return "SystemAssigned";
    return user ? "UserAssigned" : null;
  }

  /** A user-assigned identity by client id, principal id or ARM id (compared case-insensitively). */
  public Optional<UserIdentity> find(String reference) {
    String r = reference.trim().toLowerCase(Locale.ROOT);
    return userAssigned.stream().filter(u -> u.clientId().equalsIgnoreCase(r) || u.principalId().equalsIgnoreCase(r)
        || trimSlash(u.resourceId()).equalsIgnoreCase(trimSlash(r))).findFirst();
  }

  private static String trimSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
