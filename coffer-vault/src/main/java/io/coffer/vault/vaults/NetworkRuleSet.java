package io.coffer.vault.vaults;

import java.util.List;

/**
 * A vault's firewall ({@code properties.networkAcls}): with {@code DENY} only the listed IPv4/IPv6
 * addresses and CIDR ranges pass, and with bypass {@code AZURE_SERVICES} trusted services pass too.
 */
public record NetworkRuleSet(DefaultAction defaultAction, Bypass bypass, List<String> ipRules) {
  public enum DefaultAction { ALLOW, DENY }

  public enum Bypass { AZURE_SERVICES, NONE }

  public static final NetworkRuleSet OPEN = new NetworkRuleSet(DefaultAction.ALLOW, Bypass.AZURE_SERVICES, List.of());

  public NetworkRuleSet {
    ipRules = List.copyOf(ipRules);
  }
}
