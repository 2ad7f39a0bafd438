package io.coffer.control.application;

import io.coffer.control.infrastructure.SqlRegistryIdentities;
import io.coffer.identity.UserDirectory;
import io.coffer.identity.managed.ManagedIdentities;
import io.coffer.storage.db.Database;
import java.util.Optional;

/**
 * Finds a principal by object id among users, user-assigned identities and the system-assigned
 * identities of registries, and says what kind it is.
 */
public final class PrincipalDirectory {
  public static final String USER = "User";
  public static final String SERVICE_PRINCIPAL = "ServicePrincipal";
  private final UserDirectory users;
  private final ManagedIdentities identities;
  private final Database db;
  private final SqlRegistryIdentities registryIdentities;

  public PrincipalDirectory(UserDirectory users, ManagedIdentities identities, Database db,
      SqlRegistryIdentities registryIdentities) {
    this.users = users;
    this.identities = identities;
    this.db = db;
    this.registryIdentities = registryIdentities;
  }

  /** {@code User} or {@code ServicePrincipal} (an identity), empty when no principal has that object id. */
  public Optional<String> principalType(String objectId) {
    if (objectId == null) return Optional.empty();
    if (users.findById(objectId).isPresent()) return Optional.of(USER);
    if (identities.byPrincipalId(objectId).isPresent()) return Optional.of(SERVICE_PRINCIPAL);
    if (db.read(c -> registryIdentities.systemIdentity(c, objectId)).isPresent()) return Optional.of(SERVICE_PRINCIPAL);
    return Optional.empty();
  }
}
