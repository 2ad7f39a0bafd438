package io.coffer.control.infrastructure;

import io.coffer.common.PublicUrl;
import io.coffer.control.application.ControlPlane;
import io.coffer.control.application.DirectoryUsers;
import io.coffer.control.application.GroupDeletion;
import io.coffer.control.application.IdentityResources;
import io.coffer.control.application.RoleAssignmentService;
import io.coffer.control.application.VaultResources;
import io.coffer.identity.TokenService;
import io.coffer.identity.managed.IdentityTokens;
import io.coffer.identity.managed.ManagedIdentities;
import io.coffer.vault.audit.AuditLog;
import io.coffer.vault.vaults.VaultAddresses;
import io.javalin.Javalin;

/** Every HTTP surface of the control plane: ARM resources, the Graph-like users, the identity token endpoint. */
public final class ControlHttp {
  private final ControlPlaneRoutes arm;
  private final GraphUserRoutes users;
  private final IdentityTokenRoutes identityTokens;

  /** @param auditLog the vault audit log, or null when the server keeps none */
  public ControlHttp(ControlPlane control, GroupDeletion groupDeletion, IdentityResources identities,
      VaultResources vaults, RoleAssignmentService roles, DirectoryUsers directoryUsers,
      ManagedIdentities managedIdentities, IdentityTokens tokensForIdentities, AuditLog auditLog,
      VaultAddresses addresses, TokenService tokens, PublicUrl publicUrl) {
    ManagementAuth auth = new ManagementAuth(tokens, publicUrl);
    this.arm = new ControlPlaneRoutes(control, groupDeletion, auth, new RegistryRoutes(control, publicUrl),
        new IdentityRoutes(identities, auth), new VaultRoutes(vaults, addresses, auditLog),
        new AuthorizationRoutes(roles));
    this.users = new GraphUserRoutes(directoryUsers, auth);
    this.identityTokens = new IdentityTokenRoutes(managedIdentities, tokensForIdentities, auth);
  }

  public void register(Javalin app) {
    ControlErrors.register(app);
    arm.register(app);
    users.register(app);
    identityTokens.register(app);
  }
}
