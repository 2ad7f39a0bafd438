package io.coffer.vault.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.identity.rbac.RoleAssignment;
import io.coffer.vault.vaults.AccessPolicy;
import io.coffer.vault.vaults.KeyPermission;
import io.coffer.vault.vaults.Vault;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class KeyVaultAuthorizerTest {
  private static final String OID = "6f1b5c1e-0d6a-4d5e-9a51-1c0f2f4c2a10";
  private static final Caller CALLER = new Caller(OID, Vaults.TENANT, "alice", false, "10.1.2.3");
  private final List<RoleAssignment> assignments = new ArrayList<>();
  private final KeyVaultAuthorizer authorizer = new KeyVaultAuthorizer(principal ->
      assignments.stream().filter(a -> a.principalId().equals(principal)).toList());

  @ParameterizedTest
  @EnumSource(KeyPermission.class)
  void authorize_policyWithThePermission_allows(KeyPermission permission) {
    Vault vault = Vaults.withPolicies(List.of(new AccessPolicy(Vaults.TENANT, OID, Set.of(permission))));
    assertThatCode(() -> authorizer.authorize(vault, CALLER, permission, "cmk")).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @EnumSource(KeyPermission.class)
  void authorize_policyWithoutThePermission_deniesNamingIt(KeyPermission permission) {
    EnumSet<KeyPermission> others = EnumSet.complementOf(EnumSet.of(permission));
    Vault vault = Vaults.withPolicies(List.of(new AccessPolicy(Vaults.TENANT, OID, others)));
    assertThatThrownBy(() -> authorizer.authorize(vault, CALLER, permission, "cmk"))
        .isInstanceOfSatisfying(AccessDeniedException.class,
            e -> assertThat(e.reason()).isEqualTo(AccessDeniedException.Reason.NO_PERMISSION))
        .hasMessage("The user, group or application 'oid=" + OID + "' does not have keys " + permission.wireName()
            + " permission on key vault 'contoso-kv;location=westeurope'. For help resolving this issue, please see "
            + "https://go.microsoft.com/fwlink/?linkid=2125287");
  }

  @Test
  void authorize_policyOfAnotherPrincipal_denies() {
    Vault vault = Vaults.withPolicies(List.of(
        new AccessPolicy(Vaults.TENANT, "someone-else", EnumSet.allOf(KeyPermission.class))));
    assertThatThrownBy(() -> authorizer.authorize(vault, CALLER, KeyPermission.GET, "cmk"))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void authorize_policyInAnotherTenant_denies() {
    Vault vault = Vaults.withPolicies(List.of(
        new AccessPolicy("other-tenant", OID, EnumSet.allOf(KeyPermission.class))));
    assertThatThrownBy(() -> authorizer.authorize(vault, CALLER, KeyPermission.GET, "cmk"))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void authorize_policyObjectIdInOtherCase_allows() {
    Vault vault = Vaults.withPolicies(List.of(
        new AccessPolicy(Vaults.TENANT, OID.toUpperCase(), Set.of(KeyPermission.WRAP_KEY))));
    assertThatCode(() -> authorizer.authorize(vault, CALLER, KeyPermission.WRAP_KEY, "cmk"))
        .doesNotThrowAnyException();
  }

  @Test
  void authorize_rbacVault_ignoresAccessPolicies() {
    Vault rbac = Vaults.rbac();
    Vault withPolicy = new Vault(rbac.id(), rbac.name(), rbac.subscriptionId(), rbac.resourceGroup(), rbac.location(),
        rbac.tenantId(), rbac.sku(), true, true, 90,
        List.of(new AccessPolicy(Vaults.TENANT, OID, EnumSet.allOf(KeyPermission.class))), rbac.networkAcls(),
        rbac.tags(), 1L, "admin", null);
    assertThatThrownBy(() -> authorizer.authorize(withPolicy, CALLER, KeyPermission.GET, "cmk"))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("Assignment: (not found)");
  }

  static Stream<Arguments> roleMatrix() {
    List<Arguments> cases = new ArrayList<>();
    for (KeyVaultRole role : KeyVaultRole.values()) {
      for (KeyPermission permission : KeyPermission.values()) {
        for (String scope : List.of("vault", "key", "group", "subscription")) {
          cases.add(Arguments.of(role, permission, scope));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} at {2} scope, {1}")
  @MethodSource("roleMatrix")
  void authorize_rbacRole_allowsExactlyItsPermissions(KeyVaultRole role, KeyPermission permission, String scopeKind) {
    Vault vault = Vaults.rbac();
    String scope = switch (scopeKind) {
      case "vault" -> vault.resourceId();
      case "key" -> vault.resourceId() + "/keys/cmk";
      case "group" -> "/subscriptions/" + Vaults.SUBSCRIPTION + "/resourceGroups/rg-keys";
      default -> "/subscriptions/" + Vaults.SUBSCRIPTION;
    };
    assign(scope, "/subscriptions/" + Vaults.SUBSCRIPTION
        + "/providers/Microsoft.Authorization/roleDefinitions/" + role.id());
    if (role.permissions().contains(permission)) {
      assertThatCode(() -> authorizer.authorize(vault, CALLER, permission, "cmk")).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> authorizer.authorize(vault, CALLER, permission, "cmk"))
          .isInstanceOfSatisfying(AccessDeniedException.class,
              e -> assertThat(e.reason()).isEqualTo(AccessDeniedException.Reason.NO_PERMISSION));
    }
  }

  @Test
  void authorize_keyScopedRole_doesNotApplyToAnotherKeyNorToTheVault() {
    Vault vault = Vaults.rbac();
    assign(vault.resourceId() + "/keys/cmk", KeyVaultRole.CRYPTO_OFFICER.id());
    assertThatCode(() -> authorizer.authorize(vault, CALLER, KeyPermission.UNWRAP_KEY, "cmk"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> authorizer.authorize(vault, CALLER, KeyPermission.UNWRAP_KEY, "other"))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("Resource: '" + vault.resourceId().toLowerCase() + "/keys/other'");
    assertThatThrownBy(() -> authorizer.authorize(vault, CALLER, KeyPermission.LIST, null))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void authorize_keyScopedRole_isNotAPrefixMatchOnTheName() {
    Vault vault = Vaults.rbac();
    assign(vault.resourceId() + "/keys/cmk", KeyVaultRole.CRYPTO_USER.id());
    assertThatThrownBy(() -> authorizer.authorize(vault, CALLER, KeyPermission.GET, "cmk2"))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void authorize_roleOnAnotherVault_denies() {
    Vault vault = Vaults.rbac();
    assign(vault.resourceId() + "x", KeyVaultRole.ADMINISTRATOR.id());
    assertThatThrownBy(() -> authorizer.authorize(vault, CALLER, KeyPermission.GET, "cmk"))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void authorize_roleScopeInOtherCase_allows() {
    Vault vault = Vaults.rbac();
    assign(vault.resourceId().toUpperCase() + "/", "Key Vault Crypto Service Encryption (preview)");
    assertThatCode(() -> authorizer.authorize(vault, CALLER, KeyPermission.UNWRAP_KEY, "cmk"))
        .doesNotThrowAnyException();
  }

  @Test
  void authorize_rbacDenied_namesActionResourceAndVault() {
    Vault vault = Vaults.rbac();
    assign(vault.resourceId(), KeyVaultRole.READER.id());
    assertThatThrownBy(() -> authorizer.authorize(vault, CALLER, KeyPermission.UNWRAP_KEY, "cmk"))
        .hasMessage("Caller is not authorized to perform action on resource.\r\n"
            + "If role assignments, deny assignments or role definitions were changed recently, please observe "
            + "propagation time.\r\n"
            + "Caller: name=alice;oid=" + OID + "\r\n"
            + "Action: 'Microsoft.KeyVault/vaults/keys/unwrap/action'\r\n"
            + "Resource: '" + vault.resourceId().toLowerCase() + "/keys/cmk'\r\n"
            + "Assignment: (not found)\r\n"
            + "Vault: contoso-kv;location=westeurope\r\n");
  }

  @Test
  void authorize_roleOfAnotherPrincipal_denies() {
    Vault vault = Vaults.rbac();
    assignments.add(new RoleAssignment("a", vault.resourceId(), KeyVaultRole.ADMINISTRATOR.id(), "someone-else",
        "User", 1L, "admin"));
    assertThatThrownBy(() -> authorizer.authorize(vault, CALLER, KeyPermission.GET, "cmk"))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void authorize_unknownRoleDefinition_grantsNothing() {
    Vault vault = Vaults.rbac();
    assign(vault.resourceId(), "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/"
        + "b24988ac-6180-42a0-ab88-20f7382dd24c");
    assertThatThrownBy(() -> authorizer.authorize(vault, CALLER, KeyPermission.GET, "cmk"))
        .isInstanceOf(AccessDeniedException.class);
  }

  private void assign(String scope, String roleDefinitionId) {
    assignments.add(new RoleAssignment("a" + assignments.size(), scope, roleDefinitionId, OID, "User", 1L, "admin"));
  }
}
