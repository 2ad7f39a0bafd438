package io.coffer.control.application;

import io.coffer.control.domain.RegistryIdentity;
import io.coffer.control.domain.RegistryResource;
import io.coffer.control.infrastructure.SqlControlStore;
import io.coffer.control.infrastructure.SqlRegistryIdentities;
import io.coffer.identity.Principal;
import io.coffer.identity.managed.IdentityTokens;
import io.coffer.identity.managed.ManagedIdentities;
import io.coffer.identity.managed.ManagedIdentity;
import io.coffer.registry.encryption.KeyIdentity;
import io.coffer.registry.encryption.RegistryIdentityTokens;
import io.coffer.storage.db.Database;
import io.coffer.vault.kek.KeyAccessException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens of a registry's identities, issued in process as the registry vouches for its own
 * assignments: a user-assigned identity only while it is assigned to that registry and exists, the
 * system-assigned identity only while turned on. Otherwise the identity is inactive, in the words
 * the seed gives for it.
 */
public final class RegistryIdentityTokenIssuer implements RegistryIdentityTokens {
  private final Database db;
  private final SqlControlStore store;
  private final SqlRegistryIdentities registryIdentities;
  private final ManagedIdentities managed;
  private final IdentityTokens tokens;
  // Identities of registries being created or changed, before their transaction: the vault is
  // called first (never inside a transaction), with the identities the registry is about to have.
  private final Map<String, Assignment> provisional = new ConcurrentHashMap<>();

  private record Assignment(RegistryResource registry, RegistryIdentity identity) {}

  /** Ends a provisional assignment. */
  public interface Provisional extends AutoCloseable {
    @Override
    void close();
  }

  public RegistryIdentityTokenIssuer(Database db, SqlControlStore store, SqlRegistryIdentities registryIdentities,
      ManagedIdentities managed, IdentityTokens tokens) {
    this.db = db;
    this.store = store;
    this.registryIdentities = registryIdentities;
    this.managed = managed;
    this.tokens = tokens;
  }

  /** With the control plane's own stores. */
  public static RegistryIdentityTokenIssuer create(Database db, ManagedIdentities managed, IdentityTokens tokens) {
    return new RegistryIdentityTokenIssuer(db, new SqlControlStore(), new SqlRegistryIdentities(), managed, tokens);
  }

  /** Until closed, {@code registry} has {@code identity} for token purposes. */
  public Provisional provisionally(RegistryResource registry, RegistryIdentity identity) {
    provisional.put(registry.id(), new Assignment(registry, identity));
    return () -> provisional.remove(registry.id());
  }

  /** The seed's words for an identity the registry cannot use: {@code identity} is a client or principal id. */
  public static String noAccess(RegistryResource r, String identity) {
    return "Azure resource '" + r.armId() + "' does not have access to identity '" + identity + "' Try forcibly "
        + "adding the identity to the registry " + r.name() + ". For more information on bring your own key, "
        + "please visit 'https://aka.ms/acr/cmk'.";
  }

  @Override
  public String token(String registryId, KeyIdentity identity, String resource) throws KeyAccessException {
    Assignment a = provisional.get(registryId);
    if (a == null) a = stored(registryId);
    if (a == null) {
      throw new KeyAccessException(KeyAccessException.Cause.IDENTITY_INACTIVE, "The registry " + registryId
          + " no longer exists.");
    }
    if (identity.kind() == KeyIdentity.Kind.SYSTEM_ASSIGNED) {
      RegistryIdentity.SystemIdentity system = a.identity().system();
      if (system == null || !system.principalId().equalsIgnoreCase(identity.principalId())) {
        throw inactive(a.registry(), identity.principalId());
      }
      Principal principal = Principal.systemIdentity(system.principalId(), a.registry().name(), registryId);
      return tokens.forSystemIdentity(principal, a.registry().armId(), resource).accessToken();
    }
    boolean assigned = a.identity().userAssigned().stream()
        .anyMatch(u -> u.principalId().equalsIgnoreCase(identity.principalId()));
    Optional<ManagedIdentity> m = managed.byPrincipalId(identity.principalId());
    if (!assigned || m.isEmpty()) throw inactive(a.registry(), identity.clientId());
    return tokens.forIdentity(m.get(), resource).accessToken();
  }

  private Assignment stored(String registryId) {
    return db.read(c -> {
      Optional<RegistryResource> r = store.registryById(c, registryId);
      return r.isEmpty() ? null : new Assignment(r.get(), registryIdentities.get(c, registryId));
    });
  }

  /** The documented 403 sentence for an inactive identity first (users search for it), then which identity. */
  private static KeyAccessException inactive(RegistryResource r, String identity) {
    return new KeyAccessException(KeyAccessException.Cause.IDENTITY_INACTIVE, "The identity associated with the "
        + "registry is inactive. This could be due to attempted removal of the identity. Reassign the identity "
        + "manually. " + noAccess(r, identity));
  }
}
