package io.coffer.control.domain;

import java.util.List;
import java.util.Map;

/**
 * What a PUT or PATCH of a registry asks for; a null part leaves that part as it is.
 *
 * @param identity the {@code identity} block
 * @param encryption {@code properties.encryption}
 * @param settings {@code properties.networkRuleSet} and {@code properties.policies}
 */
public record RegistryRequest(String location, String sku, Boolean adminUserEnabled, Boolean anonymousPullEnabled,
    Map<String, String> tags, IdentityRequest identity, EncryptionRequest encryption, SettingsPatch settings) {

  /**
   * {@code identity}: {@code type} (null when not given) and {@code userAssignedIdentities}, ARM id →
   * true to assign, false (a JSON null) to remove.
   */
  public record IdentityRequest(String type, Map<String, Boolean> userAssigned) {
    public IdentityRequest {
      userAssigned = Map.copyOf(userAssigned);
    }
  }

  /** {@code encryption}: {@code status} (lower case, or null) and {@code keyVaultProperties}. */
  public record EncryptionRequest(String status, String keyIdentifier, String identity) {
    public boolean namesKey() {
      return keyIdentifier != null || identity != null;
    }
  }

  /** The settings fields that were given; each null one stays. */
  public record SettingsPatch(Boolean denyByDefault, List<String> ipRules, Boolean quarantineEnabled,
      Boolean trustEnabled, Boolean retentionEnabled, Integer retentionDays) {
    public static final SettingsPatch NONE = new SettingsPatch(null, null, null, null, null, null);

    public boolean touchesNetwork() {
      return denyByDefault != null || ipRules != null;
    }

    public boolean touchesRetention() {
      return retentionEnabled != null || retentionDays != null;
    }
  }

  /** The basic properties only. */
  public static RegistryRequest basic(String location, String sku, Boolean adminUserEnabled,
      Boolean anonymousPullEnabled, Map<String, String> tags) {
    return new RegistryRequest(location, sku, adminUserEnabled, anonymousPullEnabled, tags, null, null,
        SettingsPatch.NONE);
  }
}
