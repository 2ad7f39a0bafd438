package io.coffer.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.FakeServer;

/** Registries and identities of the customer-managed-key walkthrough, as the control plane answers them. */
final class CmkRegistries {
  /** The body of the one PATCH of the registry the command sent, checked to use the ACR api-version. */
  static String patchBody(FakeServer server) {
    FakeServer.Request patch = server.single("PATCH", REG_PATH);
    assertThat(patch.params()).containsEntry("api-version", "2023-07-01");
    return patch.body();
  }

  static final String REG_PATH = AcrCommandsTest.REG_PATH;
  static final String ALL_PATH = AcrCommandsTest.ALL_PATH;
  static final String IDENTITIES_PATH = "/subscriptions/sub-1/providers/Microsoft.ManagedIdentity/userAssignedIdentities";
  static final String IDENTITY_ID =
      "/subscriptions/sub-1/resourcegroups/rg1/providers/Microsoft.ManagedIdentity/userAssignedIdentities/myid";
  /** The path the CLI builds from a bare name in group rg1. */
  static final String IDENTITY_PATH =
      "/subscriptions/sub-1/resourceGroups/rg1/providers/Microsoft.ManagedIdentity/userAssignedIdentities/myid";
  static final String CLIENT_ID = "1b2c3d4e-0000-4000-8000-00000000c11e";
  static final String PRINCIPAL_ID = "9f8e7d6c-0000-4000-8000-00000000b0b0";
  static final String OTHER_ID =
      "/subscriptions/sub-1/resourcegroups/rg1/providers/Microsoft.ManagedIdentity/userAssignedIdentities/other";
  static final String OTHER_CLIENT_ID = "2b2c3d4e-0000-4000-8000-00000000c22e";
  static final String OTHER_PRINCIPAL_ID = "8f8e7d6c-0000-4000-8000-00000000b1b1";
  static final String SYSTEM_PRINCIPAL_ID = "5a5a5a5a-0000-4000-8000-000000005a5a";
  static final String KEY = "https://myvault.vault.localhost:5443/keys/mykey";
  static final String KEY_V1 = KEY + "/0123456789abcdef0123456789abcdef";
  static final String KEY_V2 = KEY + "/fedcba9876543210fedcba9876543210";

  static final String ENCRYPTION = "{\"status\":\"enabled\",\"keyVaultProperties\":{"
      + "\"keyIdentifier\":\"" + KEY_V1 + "\",\"versionedKeyIdentifier\":\"" + KEY_V1 + "\","
      + "\"identity\":\"" + CLIENT_ID + "\",\"keyRotationEnabled\":false,"
      + "\"lastKeyRotationTimestamp\":\"2024-05-01T10:00:00Z\"},"
      + "\"keyHealth\":{\"status\":\"Healthy\",\"lastError\":null,\"lastErrorTime\":null}}";

  static final String USER_IDENTITY = "{\"type\":\"UserAssigned\",\"principalId\":null,\"tenantId\":null,"
      + "\"userAssignedIdentities\":{\"" + IDENTITY_ID + "\":{\"principalId\":\"" + PRINCIPAL_ID + "\","
      + "\"clientId\":\"" + CLIENT_ID + "\"}}}";

  static final String BOTH_IDENTITIES = "{\"type\":\"SystemAssigned, UserAssigned\","
      + "\"principalId\":\"" + SYSTEM_PRINCIPAL_ID + "\",\"tenantId\":\"tenant-1\","
      + "\"userAssignedIdentities\":{\"" + IDENTITY_ID + "\":{\"principalId\":\"" + PRINCIPAL_ID + "\","
      + "\"clientId\":\"" + CLIENT_ID + "\"}}}";

  static final String POLICIES = "{\"quarantinePolicy\":{\"status\":\"disabled\"},"
      + "\"trustPolicy\":{\"type\":\"Notary\",\"status\":\"disabled\"},"
      + "\"retentionPolicy\":{\"days\":7,\"status\":\"disabled\",\"lastUpdatedTime\":\"2024-05-01T10:00:00Z\"},"
      + "\"exportPolicy\":{\"status\":\"enabled\"}}";

  static final String RULES = "{\"defaultAction\":\"Allow\",\"ipRules\":[{\"action\":\"Allow\",\"value\":\"1.2.3.4/32\"}],"
      + "\"virtualNetworkRules\":[]}";

  private CmkRegistries() {}

  /** A Premium registry with the given identity block and encryption. */
  static String registry(String identity, String encryption) {
    return registry("Premium", identity, encryption);
  }

  static String registry(String sku, String identity, String encryption) {
    return "{\"id\":\"" + REG_PATH + "\",\"name\":\"MyReg\",\"type\":\"Microsoft.ContainerRegistry/registries\","
        + "\"location\":\"westeurope\",\"tags\":{},\"sku\":{\"name\":\"" + sku + "\",\"tier\":\"" + sku + "\"},"
        + "\"identity\":" + identity + ","
        + "\"properties\":{\"loginServer\":\"localhost:5080/myreg\",\"creationDate\":\"2024-05-01T10:00:00Z\","
        + "\"provisioningState\":\"Succeeded\",\"adminUserEnabled\":false,\"encryption\":" + encryption + ","
        + "\"networkRuleSet\":" + RULES + ",\"networkRuleBypassOptions\":\"AzureServices\","
        + "\"policies\":" + POLICIES + ",\"publicNetworkAccess\":\"Enabled\",\"zoneRedundancy\":\"Disabled\","
        + "\"dataEndpointEnabled\":false}}";
  }

  /** The CMK registry of the seed: one user-assigned identity reads key version 1. */
  static String cmkRegistry() {
    return registry(USER_IDENTITY, ENCRYPTION);
  }

  /** A registry under the service-managed key and without identities. */
  static String plainRegistry() {
    return registry("null", "{\"status\":\"disabled\",\"keyVaultProperties\":null}");
  }

  static String identity(String id, String name, String principalId, String clientId) {
    return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\","
        + "\"type\":\"Microsoft.ManagedIdentity/userAssignedIdentities\",\"location\":\"westeurope\",\"tags\":{},"
        + "\"properties\":{\"tenantId\":\"tenant-1\",\"principalId\":\"" + principalId + "\","
        + "\"clientId\":\"" + clientId + "\"}}";
  }

  /** {@code GET .../userAssignedIdentities} of the subscription: myid and other. */
  static String identityList() {
    return "{\"value\":[" + identity(IDENTITY_ID, "myid", PRINCIPAL_ID, CLIENT_ID) + ","
        + identity(OTHER_ID, "other", OTHER_PRINCIPAL_ID, OTHER_CLIENT_ID) + "]}";
  }

  static String error(String code, String message) {
    return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message.replace("\"", "\\\"") + "\"}}";
  }
}
