package io.coffer.control;

import io.coffer.common.PublicUrl;
import io.coffer.control.application.ControlPlane;
import io.coffer.control.application.DirectoryUsers;
import io.coffer.control.application.GroupDeletion;
import io.coffer.control.application.IdentityResources;
import io.coffer.control.application.PrincipalDirectory;
import io.coffer.control.application.RegistryIdentityTokenIssuer;
import io.coffer.control.application.RegistryWrites;
import io.coffer.control.application.RoleAssignmentService;
import io.coffer.control.application.VaultResources;
import io.coffer.control.deployments.DeploymentComponents;
import io.coffer.control.infrastructure.ControlHttp;
import io.coffer.control.infrastructure.SqlControlStore;
import io.coffer.control.infrastructure.SqlRegistryIdentities;
import io.coffer.identity.TokenService;
import io.coffer.identity.UserDirectory;
import io.coffer.identity.managed.IdentityTokens;
import io.coffer.identity.managed.ManagedIdentities;
import io.coffer.identity.managed.SqlManagedIdentities;
import io.coffer.identity.rbac.SqlRoleAssignments;
import io.coffer.registry.RegistryComponents;
import io.coffer.registry.domain.RegistrySettingsStore;
import io.coffer.storage.db.Database;
import io.coffer.vault.audit.AuditLog;
import io.coffer.vault.system.SystemKeyStore;
import io.coffer.vault.vaults.SqlVaults;
import io.coffer.vault.vaults.VaultAddresses;
import io.coffer.vault.vaults.VaultPurgeHook;
import io.coffer.vault.vaults.VaultService;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Wires the control plane: groups, registries, identities, vaults, role assignments, users. */
public final class ControlComponents {
  public final ControlPlane controlPlane;
  /** Vault rules; {@link VaultService#purgeExpired()} is for the server's schedule. */
  public final VaultService vaults;
  public final ManagedIdentities identities;
  /** Tokens of managed identities for the resources they are assigned to (in process). */
  public final IdentityTokens identityTokens;
  private final ControlHttp http;
  private final DeploymentComponents deployments;

  /**
   * @param vaultStore the vaults, shared with the vault data plane
   * @param assignments the role assignments, shared with the vault's RBAC checks
   * @param auditLog the vault audit log the control plane shows
   * @param purgeHooks what else goes when a vault is purged (its keys)
   * @param registryTokens tokens of registries' identities (their customer keys), shared with the registry area
   */
  public ControlComponents(Database db, RegistryComponents registry, SystemKeyStore systemKeys, TokenService tokens,
      UserDirectory users, PublicUrl publicUrl, VaultAddresses addresses, SqlVaults vaultStore,
      SqlRoleAssignments assignments, AuditLog auditLog, List<VaultPurgeHook> purgeHooks, Duration identityTokenTtl,
      RegistrySettingsStore registrySettings, RegistryIdentityTokenIssuer registryTokens, Clock clock) {
    SqlControlStore store = new SqlControlStore();
    SqlRegistryIdentities registryIdentities = new SqlRegistryIdentities();
    this.vaults = new VaultService(db, vaultStore, assignments, purgeHooks, clock);
    this.identities = new ManagedIdentities(db, new SqlManagedIdentities(), assignments, clock);
    this.identityTokens = new IdentityTokens(tokens, identityTokenTtl);
    RegistryWrites writes = new RegistryWrites(db, store, registryIdentities, registrySettings,
        registry.administration, registryTokens, identities, systemKeys, registry.firewall::forget, clock);
    this.controlPlane = new ControlPlane(db, store, registry.administration, registry.garbageCollector, writes, clock);
    PrincipalDirectory principals = new PrincipalDirectory(users, identities, db, registryIdentities);
    this.http = new ControlHttp(controlPlane, new GroupDeletion(db, controlPlane, vaults, identities, assignments),
        new IdentityResources(controlPlane, identities), new VaultResources(controlPlane, vaults),
        new RoleAssignmentService(db, assignments, controlPlane, vaults, principals, clock),
        new DirectoryUsers(users, db, assignments), identities, identityTokens, auditLog, addresses, tokens,
        publicUrl);
    this.deployments = new DeploymentComponents(db, clock);
  }

  public void register(Javalin app) {
    http.register(app);
    deployments.register(app);
  }
}
