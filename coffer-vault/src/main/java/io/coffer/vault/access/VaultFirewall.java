package io.coffer.vault.access;

import io.coffer.vault.vaults.NetworkRuleSet;
import io.coffer.vault.vaults.Vault;
import java.net.InetAddress;
import java.util.Optional;

/**
 * A vault's network rules applied to one call: with default action Deny, only listed addresses
 * and ranges pass, and trusted services when the vault lets them bypass the firewall.
 */
final class VaultFirewall {
  private VaultFirewall() {}

  static void check(Vault vault, Caller caller) throws AccessDeniedException {
    NetworkRuleSet acls = vault.networkAcls() == null ? NetworkRuleSet.OPEN : vault.networkAcls();
    if (acls.defaultAction() != NetworkRuleSet.DefaultAction.DENY) return;
    if (acls.bypass() == NetworkRuleSet.Bypass.AZURE_SERVICES && caller.trustedService()) return;
    Optional<InetAddress> client = IpRange.clientAddress(caller.clientIp());
    if (client.isPresent()) {
      for (String rule : acls.ipRules()) {
        if (matches(rule, client.get())) return;
      }
    }
    throw new AccessDeniedException(AccessDeniedException.Reason.FIREWALL,
        "Client address is not authorized and caller is not a trusted service.\r\n"
            + "Client address: " + caller.clientIp() + "\r\n"
            + "Caller: " + DenialText.caller(caller) + "\r\n"
            + "Vault: " + DenialText.vault(vault));
  }

  private static boolean matches(String rule, InetAddress client) {
    try {
      return IpRange.parse(rule).contains(client);
    } catch (IllegalArgumentException e) {
      return false; // the control plane refuses bad rules; a stored one never widens access
    }
  }
}
