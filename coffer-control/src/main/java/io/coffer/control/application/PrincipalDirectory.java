package io.coffer.control.application;

import io.coffer.identity.UserDirectory;
import io.coffer.identity.managed.ManagedIdentities;
import java.util.Optional;

/** Finds a principal by object id among users and managed identities, and says what kind it is. */
public final class PrincipalDirectory {
  public static final String USER = "User";
  public static final String SERVICE_PRINCIPAL = "ServicePrincipal";
  private final UserDirectory users;
  private final ManagedIdentities identities;

  public PrincipalDirectory(UserDirectory users, ManagedIdentities identities) {
    this.users = users;
    this.identities = identities;
  }

  /** {@code User} or {@code ServicePrincipal} (an identity), empty when no principal has that object id. */
  public Optional<String> principalType(String objectId) {
    if (objectId == null) return Optional.empty();
    if (users.findById(objectId).isPresent()) return Optional.of(USER);
    if (identities.byPrincipalId(objectId).isPresent()) return Optional.of(SERVICE_PRINCIPAL);
    return Optional.empty();
  }
}
