package io.coffer.registry.domain;

import java.util.List;

/**
 * What a registry's owner sets beside its content: the data-plane firewall
 * ({@code networkRuleSet}) and the policies ({@code quarantinePolicy}, {@code trustPolicy},
 * {@code retentionPolicy}). Each is enforced on the data plane, not only stored.
 */
public record RegistrySettings(NetworkRules networkRules, Policies policies) {
  /** {@code defaultAction} Allow or Deny; with Deny only the listed IPv4/IPv6 addresses and CIDRs pass. */
  public record NetworkRules(boolean denyByDefault, List<String> ipRules) {
    public NetworkRules {
      ipRules = List.copyOf(ipRules);
    }
  }

  /**
   * Quarantined manifests cannot be pulled until released; content trust (Notary) on or off;
   * untagged manifests older than {@code retentionDays} (0–365) deleted when retention is on.
   */
  public record Policies(boolean quarantineEnabled, boolean trustEnabled, boolean retentionEnabled, int retentionDays) {}

  public static final RegistrySettings DEFAULT = new RegistrySettings(new NetworkRules(false, List.of()),
      new Policies(false, false, false, 7));
}
