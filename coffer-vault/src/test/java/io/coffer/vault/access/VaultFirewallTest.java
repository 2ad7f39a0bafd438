package io.coffer.vault.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.vault.vaults.AccessPolicy;
import io.coffer.vault.vaults.KeyPermission;
import io.coffer.vault.vaults.NetworkRuleSet;
import io.coffer.vault.vaults.NetworkRuleSet.Bypass;
import io.coffer.vault.vaults.NetworkRuleSet.DefaultAction;
import io.coffer.vault.vaults.Vault;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The firewall through the authorizer: every caller here has full key permissions by policy. */
class VaultFirewallTest {
  private static final String OID = "0c7f2f0e-3a55-4d1b-8a6c-5f3b8b9d2e11";
  private final KeyVaultAuthorizer authorizer = new KeyVaultAuthorizer(principal -> List.of());

  private static Vault vault(DefaultAction action, Bypass bypass, String... rules) {
    return Vaults.withFirewall(new NetworkRuleSet(action, bypass, List.of(rules)),
        List.of(new AccessPolicy(Vaults.TENANT, OID, EnumSet.allOf(KeyPermission.class))));
  }

  private static Caller user(String ip) {
    return new Caller(OID, Vaults.TENANT, "alice", false, ip);
  }

  private static Caller service(String ip) {
    return new Caller(OID, Vaults.TENANT, "registry", true, ip);
  }

  @Test
  void authorize_defaultAllow_letsAnyAddressThrough() {
    assertThatCode(() -> authorizer.authorize(vault(DefaultAction.ALLOW, Bypass.NONE), user("203.0.113.7"),
        KeyPermission.GET, "k")).doesNotThrowAnyException();
  }

  @Test
  void authorize_defaultDenyNoRules_refusesWithAzureWording() {
    assertThatThrownBy(() -> authorizer.authorize(vault(DefaultAction.DENY, Bypass.NONE), user("203.0.113.7"),
        KeyPermission.GET, "k"))
        .isInstanceOfSatisfying(AccessDeniedException.class,
            e -> assertThat(e.reason()).isEqualTo(AccessDeniedException.Reason.FIREWALL))
        .hasMessage("Client address is not authorized and caller is not a trusted service.\r\n"
            + "Client address: 203.0.113.7\r\n"
            + "Caller: name=alice;oid=" + OID + "\r\n"
            + "Vault: contoso-kv;location=westeurope");
  }

  @ParameterizedTest
  @CsvSource({
      "203.0.113.7, 203.0.113.7, true",
      "203.0.113.7, 203.0.113.8, false",
      "10.0.0.0/8, 10.20.30.40, true",
      "10.0.0.0/8, 172.16.0.1, false",
      "2001:db8::/32, 2001:db8:1::5, true",
      "2001:db8::/32, 2001:db9::5, false",
      "127.0.0.1, ::ffff:127.0.0.1, true",
      "127.0.0.0/8, ::ffff:127.0.0.1, true"})
  void authorize_defaultDenyWithRule_passesOnlyListedAddresses(String rule, String ip, boolean passes) {
    Vault vault = vault(DefaultAction.DENY, Bypass.NONE, "198.51.100.0/24", rule);
    if (passes) {
      assertThatCode(() -> authorizer.authorize(vault, user(ip), KeyPermission.UNWRAP_KEY, "k"))
          .doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> authorizer.authorize(vault, user(ip), KeyPermission.UNWRAP_KEY, "k"))
          .isInstanceOfSatisfying(AccessDeniedException.class,
              e -> assertThat(e.reason()).isEqualTo(AccessDeniedException.Reason.FIREWALL));
    }
  }

  @Test
  void authorize_bypassAzureServices_letsTrustedServiceThrough() {
    assertThatCode(() -> authorizer.authorize(vault(DefaultAction.DENY, Bypass.AZURE_SERVICES), service("203.0.113.7"),
        KeyPermission.UNWRAP_KEY, "k")).doesNotThrowAnyException();
  }

  @Test
  void authorize_bypassAzureServices_refusesUntrustedCaller() {
    assertThatThrownBy(() -> authorizer.authorize(vault(DefaultAction.DENY, Bypass.AZURE_SERVICES),
        user("203.0.113.7"), KeyPermission.UNWRAP_KEY, "k"))
        .isInstanceOfSatisfying(AccessDeniedException.class,
            e -> assertThat(e.reason()).isEqualTo(AccessDeniedException.Reason.FIREWALL));
  }

  @Test
  void authorize_bypassNone_refusesTrustedService() {
    assertThatThrownBy(() -> authorizer.authorize(vault(DefaultAction.DENY, Bypass.NONE), service("203.0.113.7"),
        KeyPermission.UNWRAP_KEY, "k"))
        .isInstanceOfSatisfying(AccessDeniedException.class,
            e -> assertThat(e.reason()).isEqualTo(AccessDeniedException.Reason.FIREWALL));
  }

  @Test
  void authorize_firewallPasses_stillChecksPermissions() {
    Vault vault = Vaults.withFirewall(new NetworkRuleSet(DefaultAction.DENY, Bypass.NONE, List.of("10.0.0.0/8")),
        List.of(new AccessPolicy(Vaults.TENANT, OID, EnumSet.of(KeyPermission.GET))));
    assertThatThrownBy(() -> authorizer.authorize(vault, user("10.0.0.1"), KeyPermission.UNWRAP_KEY, "k"))
        .isInstanceOfSatisfying(AccessDeniedException.class,
            e -> assertThat(e.reason()).isEqualTo(AccessDeniedException.Reason.NO_PERMISSION));
  }

  @Test
  void authorize_firewallRefuses_beforePermissions() {
    Vault vault = Vaults.withFirewall(new NetworkRuleSet(DefaultAction.DENY, Bypass.NONE, List.of()), List.of());
    assertThatThrownBy(() -> authorizer.authorize(vault, user("10.0.0.1"), KeyPermission.GET, "k"))
        .isInstanceOfSatisfying(AccessDeniedException.class,
            e -> assertThat(e.reason()).isEqualTo(AccessDeniedException.Reason.FIREWALL));
  }

  @Test
  void authorize_unparseableClientAddress_isRefusedUnderDeny() {
    assertThatThrownBy(() -> authorizer.authorize(vault(DefaultAction.DENY, Bypass.NONE, "0.0.0.0/0"),
        user("not-an-ip"), KeyPermission.GET, "k")).isInstanceOf(AccessDeniedException.class);
  }
}
