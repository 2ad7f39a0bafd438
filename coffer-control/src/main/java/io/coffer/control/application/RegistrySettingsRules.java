package io.coffer.control.application;

import io.coffer.control.domain.ControlException;
import io.coffer.control.domain.ControlException.Kind;
import io.coffer.control.domain.RegistryRequest.SettingsPatch;
import io.coffer.registry.domain.RegistrySettings;
import io.coffer.vault.access.IpRange;
import java.util.ArrayList;
import java.util.List;

/** Network rules and policies of a registry: what a change may set, merged over what is stored. */
final class RegistrySettingsRules {
  static final int MAX_IP_RULES = 200;

  private RegistrySettingsRules() {}

  static RegistrySettings apply(RegistrySettings current, SettingsPatch patch, String sku) {
    if (patch == null) return current;
    RegistrySettings.NetworkRules n = current.networkRules();
    boolean deny = patch.denyByDefault() == null ? n.denyByDefault() : patch.denyByDefault();
    List<String> rules = patch.ipRules() == null ? n.ipRules() : normalized(patch.ipRules());
    if (patch.touchesNetwork() && (deny || !rules.isEmpty()) && !sku.equals("Premium")) {
      throw bad("NetworkRuleSetNotSupported", "Network rules are only available in the Premium SKU; this registry is "
          + sku + ".");
    }
    RegistrySettings.Policies p = current.policies();
    int days = patch.retentionDays() == null ? p.retentionDays() : patch.retentionDays();
    if (days < 0 || days > 365) {
      throw bad("InvalidRetentionDays", "The retention days must be between 0 and 365; " + days + " was given.");
    }
    RegistrySettings.Policies policies = new RegistrySettings.Policies(
        patch.quarantineEnabled() == null ? p.quarantineEnabled() : patch.quarantineEnabled(),
        patch.trustEnabled() == null ? p.trustEnabled() : patch.trustEnabled(),
        patch.retentionEnabled() == null ? p.retentionEnabled() : patch.retentionEnabled(), days);
    return new RegistrySettings(new RegistrySettings.NetworkRules(deny, rules), policies);
  }

  /** Each rule an address or CIDR range; a bare address becomes its /32 or /128 range. */
  private static List<String> normalized(List<String> given) {
    if (given.size() > MAX_IP_RULES) {
      throw bad("TooManyIpRules", "A registry takes at most " + MAX_IP_RULES + " IP rules.");
    }
    List<String> out = new ArrayList<>();
    for (String rule : given) {
      String r = rule == null ? "" : rule.trim();
      try {
        IpRange.parse(r);
      } catch (IllegalArgumentException e) {
        throw bad("InvalidIpRule", "The IP rule '" + rule + "' is not valid: " + e.getMessage());
      }
      if (!r.contains("/")) r = r + (r.contains(":") ? "/128" : "/32");
      if (!out.contains(r)) out.add(r);
    }
    return out;
  }

  private static ControlException bad(String code, String message) {
    return new ControlException(Kind.BAD_REQUEST, code, message);
  }
}
