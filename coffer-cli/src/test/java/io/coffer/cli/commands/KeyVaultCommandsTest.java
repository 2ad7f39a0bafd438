package io.coffer.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.FakeServer;
import io.coffer.cli.TestCli;
import io.coffer.common.Json;
import org.junit.jupiter.api.Test;

class KeyVaultCommandsTest extends LoggedInCliTest {
  static final String GROUP_PATH = "/subscriptions/sub-1/resourcegroups/rg1";
  static final String VAULT_PATH = "/subscriptions/sub-1/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/myvault";
  static final String ALL_PATH = "/subscriptions/sub-1/providers/Microsoft.KeyVault/vaults";
  static final String DELETED_PATH = "/subscriptions/sub-1/providers/Microsoft.KeyVault/deletedVaults";
  static final String OID = "11111111-2222-3333-4444-555555555555";

  static String vault(String accessPolicies, String networkAcls) {
    return "{\"id\":\"" + VAULT_PATH + "\",\"name\":\"myvault\",\"type\":\"Microsoft.KeyVault/vaults\","
        + "\"location\":\"westeurope\",\"tags\":{},\"properties\":{\"tenantId\":\"tenant-1\","
        + "\"sku\":{\"family\":\"A\",\"name\":\"standard\"},\"accessPolicies\":" + accessPolicies + ","
        + "\"enablePurgeProtection\":true,\"enableRbacAuthorization\":false,\"enableSoftDelete\":true,"
        + "\"softDeleteRetentionInDays\":90,\"networkAcls\":" + networkAcls + ",\"provisioningState\":\"Succeeded\","
        + "\"vaultUri\":\"https://myvault.vault.localhost:5080/\"}}";
  }

  static final String VAULT = vault("[]", "null");

  @Test
  void create_seedFlags_putsVaultWithPurgeProtectionAndGroupLocation() {
    server.on("GET", GROUP_PATH, 200, "{\"name\":\"rg1\",\"location\":\"westeurope\"}");
    server.on("PUT", VAULT_PATH, 200, VAULT);

    TestCli.Result r = cli.run("keyvault", "create", "--name", "myvault", "--resource-group", "rg1",
        "--enable-purge-protection");

    assertThat(r.exitCode()).as(r.err()).isZero();
    FakeServer.Request put = server.single("PUT", VAULT_PATH);
    assertThat(put.params()).containsEntry("api-version", "2023-07-01");
    assertThat(Json.parse(put.body())).isEqualTo(Json.parse("{\"location\":\"westeurope\",\"tags\":{},"
        + "\"properties\":{\"tenantId\":\"tenant-1\",\"sku\":{\"family\":\"A\",\"name\":\"standard\"},"
        + "\"enableSoftDelete\":true,\"softDeleteRetentionInDays\":90,\"enableRbacAuthorization\":false,"
        + "\"enablePurgeProtection\":true}}"));
    JsonNode out = Json.parse(r.out());
    assertThat(out.at("/properties/vaultUri").asText()).isEqualTo("https://myvault.vault.localhost:5080/");
    assertThat(out.get("resourceGroup").asText()).isEqualTo("rg1");
  }

  @Test
  void create_allOptions_sentAsGiven() {
    server.on("PUT", VAULT_PATH, 200, VAULT);
    TestCli.Result r = cli.run("keyvault", "create", "-n", "myvault", "-g", "rg1", "-l", "northeurope",
        "--retention-days", "7", "--enable-rbac-authorization", "--sku", "premium", "--tags", "env=prod",
        "--enable-purge-protection", "false");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(server.single("PUT", VAULT_PATH).body())).isEqualTo(Json.parse(
        "{\"location\":\"northeurope\",\"tags\":{\"env\":\"prod\"},\"properties\":{\"tenantId\":\"tenant-1\","
            + "\"sku\":{\"family\":\"A\",\"name\":\"premium\"},\"enableSoftDelete\":true,"
            + "\"softDeleteRetentionInDays\":7,\"enableRbacAuthorization\":true}}"));
  }

  @Test
  void create_retentionOutOfRange_usageErrorBeforeAnyCall() {
    TestCli.Result r = cli.run("keyvault", "create", "-n", "myvault", "-g", "rg1", "-l", "x", "--retention-days", "91");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("ERROR: argument --retention-days: must be between 7 and 90");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void create_badNameOrSku_usageError() {
    assertThat(cli.run("keyvault", "create", "-n", "my--vault", "-g", "rg1", "-l", "x").exitCode()).isEqualTo(2);
    assertThat(cli.run("keyvault", "create", "-n", "1vault", "-g", "rg1", "-l", "x").exitCode()).isEqualTo(2);
    TestCli.Result sku = cli.run("keyvault", "create", "-n", "myvault", "-g", "rg1", "--sku", "gold");
    assertThat(sku.exitCode()).isEqualTo(2);
    assertThat(sku.err()).contains("--sku");
    assertThat(cli.run("keyvault", "create", "-n", "myvault").exitCode()).isEqualTo(2);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void show_withGroup_queryIdTsvGivesTheResourceId() {
    server.on("GET", VAULT_PATH, 200, VAULT);
    TestCli.Result r = cli.run("keyvault", "show", "--resource-group", "rg1", "--name", "myvault",
        "--query", "id", "--output", "tsv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(VAULT_PATH + "\n");
    assertThat(server.single("GET", VAULT_PATH).params()).containsEntry("api-version", "2023-07-01");
  }

  @Test
  void show_purgeProtectionNeverSet_printsNullSortedKeysAndResourceGroup() {
    server.on("GET", VAULT_PATH, 200, VAULT.replace("\"enablePurgeProtection\":true", "\"enablePurgeProtection\":null"));
    TestCli.Result r = cli.run("keyvault", "show", "-g", "rg1", "-n", "myvault");
    assertThat(r.exitCode()).as(r.err()).isZero();
    // Keys sorted at every level, nulls kept (never turned into false), resourceGroup from the id.
    assertThat(r.out()).isEqualTo("""
        {
          "id": "%s",
          "location": "westeurope",
          "name": "myvault",
          "properties": {
            "accessPolicies": [],
            "enablePurgeProtection": null,
            "enableRbacAuthorization": false,
            "enableSoftDelete": true,
            "networkAcls": null,
            "provisioningState": "Succeeded",
            "sku": {
              "family": "A",
              "name": "standard"
            },
            "softDeleteRetentionInDays": 90,
            "tenantId": "tenant-1",
            "vaultUri": "https://myvault.vault.localhost:5080/"
          },
          "resourceGroup": "rg1",
          "tags": {},
          "type": "Microsoft.KeyVault/vaults"
        }
        """.formatted(VAULT_PATH));
  }

  @Test
  void show_withoutGroup_findsTheVaultAcrossTheSubscription() {
    server.on("GET", ALL_PATH, 200, "{\"value\":[" + VAULT + "]}");
    server.on("GET", VAULT_PATH, 200, VAULT);
    TestCli.Result r = cli.run("keyvault", "show", "-n", "MyVault", "--query", "properties.vaultUri", "-o", "tsv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("https://myvault.vault.localhost:5080/\n");
  }

  @Test
  void show_absentWithoutGroup_notFoundWithinSubscriptionExitsThree() {
    server.on("GET", ALL_PATH, 200, "{\"value\":[]}");
    TestCli.Result r = cli.run("keyvault", "show", "-n", "nope");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).isEqualTo("ERROR: The Vault 'nope' not found within subscription.\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void show_absentInGroup_serverErrorExitsThree() {
    server.on("GET", VAULT_PATH, 404, "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"The Resource "
        + "'Microsoft.KeyVault/vaults/myvault' under resource group 'rg1' was not found.\"}}");
    TestCli.Result r = cli.run("keyvault", "show", "-g", "rg1", "-n", "myvault");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).startsWith("ERROR: (ResourceNotFound) The Resource 'Microsoft.KeyVault/vaults/myvault'");
  }

  @Test
  void list_group_listsItsVaults() {
    server.on("GET", "/subscriptions/sub-1/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults", 200,
        "{\"value\":[" + VAULT + "]}");
    TestCli.Result r = cli.run("keyvault", "list", "-g", "rg1", "--query", "[].name", "-o", "tsv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("myvault\n");
  }

  @Test
  void update_firewall_sendsTheWholeNetworkAclsWithTheChange() {
    server.on("GET", VAULT_PATH, 200, vault("[]",
        "{\"bypass\":\"None\",\"defaultAction\":\"Allow\",\"ipRules\":[{\"value\":\"1.2.3.4/32\"}],\"virtualNetworkRules\":[]}"));
    server.on("PATCH", VAULT_PATH, 200, VAULT);

    TestCli.Result r = cli.run("keyvault", "update", "-g", "rg1", "-n", "myvault", "--default-action", "Deny",
        "--bypass", "AzureServices");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(server.single("PATCH", VAULT_PATH).body())).isEqualTo(Json.parse(
        "{\"properties\":{\"networkAcls\":{\"bypass\":\"AzureServices\",\"defaultAction\":\"Deny\","
            + "\"ipRules\":[{\"value\":\"1.2.3.4/32\"}],\"virtualNetworkRules\":[]}}}"));
  }

  @Test
  void update_purgeProtectionAndRbac_patchesOnlyThose() {
    server.on("GET", VAULT_PATH, 200, VAULT);
    server.on("PATCH", VAULT_PATH, 200, VAULT);
    TestCli.Result r = cli.run("keyvault", "update", "-g", "rg1", "-n", "myvault", "--enable-purge-protection",
        "--enable-rbac-authorization", "false");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(server.single("PATCH", VAULT_PATH).body())).isEqualTo(Json.parse(
        "{\"properties\":{\"enablePurgeProtection\":true,\"enableRbacAuthorization\":false}}"));
  }

  @Test
  void update_nothingGivenOrBadAction_usageError() {
    assertThat(cli.run("keyvault", "update", "-n", "myvault").exitCode()).isEqualTo(2);
    assertThat(cli.run("keyvault", "update", "-n", "myvault", "--default-action", "Block").exitCode()).isEqualTo(2);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void delete_withoutGroup_deletesTheVaultFound() {
    server.on("GET", ALL_PATH, 200, "{\"value\":[" + VAULT + "]}");
    server.on("GET", VAULT_PATH, 200, VAULT);
    server.on("DELETE", VAULT_PATH, 200, "");
    TestCli.Result r = cli.run("keyvault", "delete", "-n", "myvault");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(server.single("DELETE", VAULT_PATH).params()).containsEntry("api-version", "2023-07-01");
  }

  static final String DELETED = "{\"id\":\"/subscriptions/sub-1/providers/Microsoft.KeyVault/locations/westeurope/"
      + "deletedVaults/myvault\",\"name\":\"myvault\",\"type\":\"Microsoft.KeyVault/deletedVaults\",\"properties\":"
      + "{\"vaultId\":\"" + VAULT_PATH + "\",\"location\":\"westeurope\",\"deletionDate\":\"2024-05-01T10:00:00Z\","
      + "\"scheduledPurgeDate\":\"2024-07-30T10:00:00Z\",\"purgeProtectionEnabled\":true,\"tags\":{}}}";

  @Test
  void recover_findsTheDeletedVaultAndPutsRecoverMode() {
    server.on("GET", DELETED_PATH, 200, "{\"value\":[" + DELETED + "]}");
    server.on("PUT", VAULT_PATH, 200, VAULT);
    TestCli.Result r = cli.run("keyvault", "recover", "--name", "myvault");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(server.single("PUT", VAULT_PATH).body())).isEqualTo(Json.parse(
        "{\"location\":\"westeurope\",\"properties\":{\"tenantId\":\"tenant-1\","
            + "\"sku\":{\"family\":\"A\",\"name\":\"standard\"},\"createMode\":\"recover\"}}"));
    assertThat(Json.parse(r.out()).get("name").asText()).isEqualTo("myvault");
  }

  @Test
  void purge_withLocation_postsPurgeAndPrintsNothing() {
    String purge = "/subscriptions/sub-1/providers/Microsoft.KeyVault/locations/westeurope/deletedVaults/myvault/purge";
    server.on("POST", purge, 200, "");
    TestCli.Result r = cli.run("keyvault", "purge", "-n", "myvault", "-l", "westeurope");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(server.single("POST", purge).params()).containsEntry("api-version", "2023-07-01");
  }

  @Test
  void purge_refusedUnderPurgeProtection_printsServerErrorExitsOne() {
    server.on("GET", DELETED_PATH, 200, "{\"value\":[" + DELETED + "]}");
    server.on("POST", "/subscriptions/sub-1/providers/Microsoft.KeyVault/locations/westeurope/deletedVaults/myvault/purge",
        409, "{\"error\":{\"code\":\"Conflict\",\"message\":\"Purge protection is enabled.\"}}");
    TestCli.Result r = cli.run("keyvault", "purge", "-n", "myvault");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("ERROR: (Conflict) Purge protection is enabled.");
  }

  @Test
  void purge_unknownDeletedVault_exitsThree() {
    server.on("GET", DELETED_PATH, 200, "{\"value\":[]}");
    assertThat(cli.run("keyvault", "purge", "-n", "myvault").exitCode()).isEqualTo(3);
  }

  @Test
  void listDeleted_printsDeletedVaults() {
    server.on("GET", DELETED_PATH, 200, "{\"value\":[" + DELETED + "]}");
    TestCli.Result r = cli.run("keyvault", "list-deleted", "--query", "[0].properties.scheduledPurgeDate", "-o", "tsv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("2024-07-30T10:00:00Z\n");
  }

  @Test
  void setPolicy_newPrincipal_addsItsKeyPermissionsAndPrintsTheVault() {
    server.on("GET", VAULT_PATH, 200, VAULT);
    server.on("PUT", VAULT_PATH + "/accessPolicies/add", 200, "{\"name\":\"add\"}");

    TestCli.Result r = cli.run("keyvault", "set-policy", "--resource-group", "rg1", "--name", "myvault",
        "--object-id", OID, "--key-permissions", "get", "unwrapKey", "wrapkey");

    assertThat(r.exitCode()).as(r.err()).isZero();
    FakeServer.Request put = server.single("PUT", VAULT_PATH + "/accessPolicies/add");
    assertThat(put.params()).containsEntry("api-version", "2023-07-01");
    assertThat(Json.parse(put.body())).isEqualTo(Json.parse("{\"properties\":{\"accessPolicies\":[{\"tenantId\":"
        + "\"tenant-1\",\"objectId\":\"" + OID + "\",\"permissions\":{\"keys\":[\"get\",\"unwrapKey\",\"wrapKey\"]}}]}}"));
    assertThat(Json.parse(r.out()).get("id").asText()).isEqualTo(VAULT_PATH);
  }

  @Test
  void setPolicy_existingPrincipal_replacesItsPermissions_allMeansAllNineteen() {
    server.on("GET", VAULT_PATH, 200, vault("[{\"tenantId\":\"tenant-1\",\"objectId\":\"" + OID.toUpperCase()
        + "\",\"permissions\":{\"keys\":[\"get\"]}}]", "null"));
    server.on("PUT", VAULT_PATH + "/accessPolicies/replace", 200, "{}");
    TestCli.Result r = cli.run("keyvault", "set-policy", "-g", "rg1", "-n", "myvault", "--object-id", OID,
        "--key-permissions", "all");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode keys = Json.parse(server.single("PUT", VAULT_PATH + "/accessPolicies/replace").body())
        .at("/properties/accessPolicies/0/permissions/keys");
    assertThat(keys).hasSize(19);
    assertThat(keys.toString()).contains("\"getrotationpolicy\"", "\"setrotationpolicy\"", "\"unwrapKey\"");
  }

  @Test
  void setPolicy_unknownPermission_usageErrorNamingIt() {
    server.on("GET", VAULT_PATH, 200, VAULT);
    TestCli.Result r = cli.run("keyvault", "set-policy", "-g", "rg1", "-n", "myvault", "--object-id", OID,
        "--key-permissions", "get", "fly");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("invalid choice: 'fly'").contains("setrotationpolicy");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void setPolicy_withoutPrincipal_usageError() {
    assertThat(cli.run("keyvault", "set-policy", "-n", "myvault", "--key-permissions", "get").exitCode())
        .isEqualTo(2);
  }

  @Test
  void setPolicy_upn_resolvedThroughTheDirectory() {
    server.on("GET", VAULT_PATH, 200, VAULT);
    server.on("GET", "/v1.0/users/bob@example.com", 200, "{\"id\":\"" + OID + "\"}");
    server.on("PUT", VAULT_PATH + "/accessPolicies/add", 200, "{}");
    TestCli.Result r = cli.run("keyvault", "set-policy", "-g", "rg1", "-n", "myvault", "--upn", "bob@example.com",
        "--key-permissions", "get");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(server.single("PUT", VAULT_PATH + "/accessPolicies/add").body())
        .at("/properties/accessPolicies/0/objectId").asText()).isEqualTo(OID);
  }

  @Test
  void deletePolicy_removesThePrincipalsEntry() {
    server.on("GET", VAULT_PATH, 200, VAULT);
    server.on("PUT", VAULT_PATH + "/accessPolicies/remove", 200, "{}");
    TestCli.Result r = cli.run("keyvault", "delete-policy", "--resource-group", "rg1", "--name", "myvault",
        "--object-id", OID);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(server.single("PUT", VAULT_PATH + "/accessPolicies/remove").body())).isEqualTo(Json.parse(
        "{\"properties\":{\"accessPolicies\":[{\"tenantId\":\"tenant-1\",\"objectId\":\"" + OID
            + "\",\"permissions\":{\"keys\":[]}}]}}"));
  }

  @Test
  void networkRuleAdd_appendsToTheCurrentRules() {
    server.on("GET", VAULT_PATH, 200, vault("[]",
        "{\"bypass\":\"AzureServices\",\"defaultAction\":\"Deny\",\"ipRules\":[{\"value\":\"1.2.3.4/32\"}],"
            + "\"virtualNetworkRules\":[]}"));
    server.on("PATCH", VAULT_PATH, 200, VAULT);
    TestCli.Result r = cli.run("keyvault", "network-rule", "add", "-g", "rg1", "-n", "myvault", "--ip-address",
        "10.0.0.0/24");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(server.single("PATCH", VAULT_PATH).body()).at("/properties/networkAcls")).isEqualTo(
        Json.parse("{\"bypass\":\"AzureServices\",\"defaultAction\":\"Deny\",\"ipRules\":[{\"value\":\"1.2.3.4/32\"},"
            + "{\"value\":\"10.0.0.0/24\"}],\"virtualNetworkRules\":[]}"));
  }

  @Test
  void networkRuleRemove_bareAddressMatchesItsSlash32Rule() {
    server.on("GET", VAULT_PATH, 200, vault("[]", "{\"bypass\":\"None\",\"defaultAction\":\"Deny\","
        + "\"ipRules\":[{\"value\":\"1.2.3.4/32\"},{\"value\":\"10.0.0.0/24\"}]}"));
    server.on("PATCH", VAULT_PATH, 200, VAULT);
    TestCli.Result r = cli.run("keyvault", "network-rule", "remove", "-g", "rg1", "-n", "myvault", "--ip-address",
        "1.2.3.4");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(server.single("PATCH", VAULT_PATH).body()).at("/properties/networkAcls/ipRules"))
        .isEqualTo(Json.parse("[{\"value\":\"10.0.0.0/24\"}]"));
  }

  @Test
  void networkRuleList_printsRulesOfAVaultWithoutFirewall() {
    server.on("GET", VAULT_PATH, 200, VAULT);
    TestCli.Result r = cli.run("keyvault", "network-rule", "list", "-g", "rg1", "-n", "myvault");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(r.out())).isEqualTo(Json.parse("{\"ipRules\":[],\"virtualNetworkRules\":[]}"));
  }

  @Test
  void networkRule_badAddress_usageErrorBeforeAnyCall() {
    for (String bad : new String[] {"300.1.1.1", "1.2.3.4/33", "myhost", "::g"}) {
      TestCli.Result r = cli.run("keyvault", "network-rule", "add", "-n", "myvault", "--ip-address", bad);
      assertThat(r.exitCode()).as(bad).isEqualTo(2);
      assertThat(r.err()).contains("--ip-address");
    }
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void auditList_getsEventsWithTop() {
    server.on("GET", VAULT_PATH, 200, VAULT);
    server.on("GET", VAULT_PATH + "/auditEvents", 200, "{\"value\":[{\"sequence\":1,\"operation\":\"wrapKey\","
        + "\"result\":\"success\",\"callerObjectId\":\"" + OID + "\"}]}");
    TestCli.Result r = cli.run("keyvault", "audit", "list", "-g", "rg1", "--name", "myvault", "--top", "5",
        "--query", "[].operation", "-o", "tsv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("wrapKey\n");
    assertThat(server.single("GET", VAULT_PATH + "/auditEvents").params())
        .containsEntry("$top", "5").containsEntry("api-version", "2023-07-01");
  }

  @Test
  void auditVerify_intact_exitsZero_broken_printsAndExitsOne() {
    server.on("GET", VAULT_PATH, 200, VAULT);
    server.on("POST", VAULT_PATH + "/verifyAudit", 200,
        "{\"intact\":true,\"entriesChecked\":3,\"firstBrokenSequence\":null,\"message\":\"ok\"}");
    TestCli.Result ok = cli.run("keyvault", "audit", "verify", "-g", "rg1", "-n", "myvault", "--query", "intact",
        "-o", "tsv");
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.out()).isEqualTo("true\n");

    server.on("POST", VAULT_PATH + "/verifyAudit", 200,
        "{\"intact\":false,\"entriesChecked\":3,\"firstBrokenSequence\":2,\"message\":\"hash mismatch\"}");
    TestCli.Result broken = cli.run("keyvault", "audit", "verify", "-g", "rg1", "-n", "myvault");
    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(Json.parse(broken.out()).get("firstBrokenSequence").asInt()).isEqualTo(2);
    assertThat(broken.err()).contains("not intact from sequence 2");
  }

  @Test
  void help_onEveryKeyvaultGroupAndCommand() {
    String[][] commands = {{"keyvault"}, {"keyvault", "create"}, {"keyvault", "show"}, {"keyvault", "list"},
        {"keyvault", "update"}, {"keyvault", "delete"}, {"keyvault", "recover"}, {"keyvault", "purge"},
        {"keyvault", "list-deleted"}, {"keyvault", "set-policy"}, {"keyvault", "delete-policy"},
        {"keyvault", "network-rule"}, {"keyvault", "network-rule", "add"}, {"keyvault", "audit", "verify"},
        {"keyvault", "key"}, {"keyvault", "key", "create"}, {"keyvault", "key", "rotation-policy", "update"},
        {"identity", "create"}, {"role", "assignment", "create"}, {"ad", "user", "create"}};
    for (String[] command : commands) {
      String[] args = java.util.Arrays.copyOf(command, command.length + 1);
      args[command.length] = "--help";
      TestCli.Result r = cli.run(args);
      assertThat(r.exitCode()).as(String.join(" ", command)).isZero();
      assertThat(r.out()).as(String.join(" ", command)).startsWith("Usage: coffer " + String.join(" ", command));
    }
    assertThat(server.requests()).isEmpty();
  }
}
