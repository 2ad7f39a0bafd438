package io.coffer.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.FakeServer;
import io.coffer.cli.TestCli;
import io.coffer.common.Json;
import org.junit.jupiter.api.Test;

class AcrCommandsTest extends LoggedInCliTest {
  static final String REG_PATH =
      "/subscriptions/sub-1/resourceGroups/rg1/providers/Microsoft.ContainerRegistry/registries/MyReg";
  static final String ALL_PATH = "/subscriptions/sub-1/providers/Microsoft.ContainerRegistry/registries";
  static final String REGISTRY = "{\"id\":\"" + REG_PATH + "\",\"name\":\"MyReg\","
      + "\"type\":\"Microsoft.ContainerRegistry/registries\",\"location\":\"westeurope\","
      + "\"sku\":{\"name\":\"Premium\",\"tier\":\"Premium\"},\"tags\":{},"
      + "\"properties\":{\"loginServer\":\"localhost:5080/myreg\",\"adminUserEnabled\":false,"
      + "\"creationDate\":\"2024-05-01T10:00:00.5Z\",\"provisioningState\":\"Succeeded\","
      + "\"encryption\":{\"status\":\"disabled\"}}}";

  @Test
  void create_allOptions_putsRegistryBody() {
    server.on("PUT", REG_PATH, 200, REGISTRY);

    TestCli.Result r = cli.run("acr", "create", "--resource-group", "rg1", "--name", "MyReg", "--sku", "premium",
        "--location", "westeurope", "--admin-enabled", "true", "--tags", "a=b");

    assertThat(r.exitCode()).as(r.err()).isZero();
    FakeServer.Request put = server.single("PUT", REG_PATH);
    assertThat(put.params()).containsEntry("api-version", "2023-07-01");
    assertThat(put.header("Authorization")).isEqualTo("Bearer token-1");
    assertThat(Json.parse(put.body())).isEqualTo(Json.parse("{\"location\":\"westeurope\",\"sku\":{\"name\":\"Premium\"},"
        + "\"properties\":{\"adminUserEnabled\":true},\"tags\":{\"a\":\"b\"}}"));
  }

  @Test
  void create_noLocation_leavesItToTheServer() {
    server.on("PUT", REG_PATH, 200, REGISTRY);
    cli.run("acr", "create", "-g", "rg1", "-n", "MyReg", "--sku", "Basic");
    assertThat(Json.parse(server.single("PUT", REG_PATH).body())).isEqualTo(Json.parse(
        "{\"sku\":{\"name\":\"Basic\"},\"properties\":{\"adminUserEnabled\":false},\"tags\":{}}"));
  }

  @Test
  void create_response_printedWithPropertiesFlattenedAndResourceGroup() {
    server.on("PUT", REG_PATH, 200, REGISTRY);
    TestCli.Result r = cli.run("acr", "create", "-g", "rg1", "-n", "MyReg", "--sku", "Premium");
    JsonNode out = Json.parse(r.out());
    assertThat(out.has("properties")).isFalse();
    assertThat(out.get("loginServer").asText()).isEqualTo("localhost:5080/myreg");
    assertThat(out.get("adminUserEnabled").asBoolean()).isFalse();
    assertThat(out.get("provisioningState").asText()).isEqualTo("Succeeded");
    assertThat(out.at("/encryption/status").asText()).isEqualTo("disabled");
    assertThat(out.get("resourceGroup").asText()).isEqualTo("rg1");
    assertThat(out.at("/sku/name").asText()).isEqualTo("Premium");
  }

  @Test
  void show_withGroup_getsRegistryDirectly() {
    server.on("GET", REG_PATH, 200, REGISTRY);
    TestCli.Result r = cli.run("acr", "show", "-n", "MyReg", "-g", "rg1", "--query", "loginServer", "-o", "tsv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("localhost:5080/myreg\n");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void show_withoutGroup_findsRegistryByNameIgnoringCase() {
    server.on("GET", ALL_PATH, 200, "{\"value\":[{\"id\":\"/subscriptions/sub-1/resourceGroups/other/providers/"
        + "Microsoft.ContainerRegistry/registries/else\",\"name\":\"else\"},"
        + "{\"id\":\"" + REG_PATH + "\",\"name\":\"MyReg\"}]}");
    server.on("GET", REG_PATH, 200, REGISTRY);

    TestCli.Result r = cli.run("acr", "show", "-n", "myreg", "--query", "resourceGroup", "-o", "tsv");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("rg1\n");
    assertThat(server.single("GET", ALL_PATH).params()).containsEntry("api-version", "2023-07-01");
  }

  @Test
  void show_unknownRegistry_notFoundInSubscriptionExitsThree() {
    server.on("GET", ALL_PATH, 200, "{\"value\":[]}");
    TestCli.Result r = cli.run("acr", "show", "-n", "nope");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).isEqualTo("ERROR: The resource with name 'nope' and type "
        + "'Microsoft.ContainerRegistry/registries' could not be found in subscription 'sub-1'.\n");
  }

  @Test
  void show_tableOutput_usesAcrColumns() {
    server.on("GET", REG_PATH, 200, REGISTRY);
    TestCli.Result r = cli.run("acr", "show", "-n", "MyReg", "-g", "rg1", "-o", "table");
    assertThat(r.out()).isEqualTo(
        "NAME    RESOURCE GROUP    LOCATION    SKU      LOGIN SERVER          CREATION DATE         ADMIN ENABLED\n"
            + "------  ----------------  ----------  -------  --------------------  --------------------  ---------------\n"
            + "MyReg   rg1               westeurope  Premium  localhost:5080/myreg  2024-05-01T10:00:00Z  False\n");
  }

  @Test
  void show_tableWithQuery_autoColumnsInQueryOrder() {
    server.on("GET", REG_PATH, 200, REGISTRY);
    TestCli.Result r = cli.run("acr", "show", "-n", "MyReg", "-g", "rg1", "-o", "table",
        "--query", "{Server:loginServer, Name:name}");
    assertThat(r.out()).isEqualTo("Server                Name\n--------------------  ------\nlocalhost:5080/myreg  MyReg\n");
  }

  @Test
  void list_inGroup_flattensEachRegistry() {
    server.on("GET", "/subscriptions/sub-1/resourceGroups/rg1/providers/Microsoft.ContainerRegistry/registries",
        200, "{\"value\":[" + REGISTRY + "]}");
    TestCli.Result r = cli.run("acr", "list", "-g", "rg1", "--query", "[].[name, loginServer, resourceGroup]",
        "-o", "tsv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("MyReg\tlocalhost:5080/myreg\trg1\n");
  }

  @Test
  void list_subscription_listsAll() {
    server.on("GET", ALL_PATH, 200, "{\"value\":[" + REGISTRY + "]}");
    TestCli.Result r = cli.run("acr", "list");
    assertThat(Json.parse(r.out()).get(0).get("loginServer").asText()).isEqualTo("localhost:5080/myreg");
  }

  @Test
  void update_adminEnabled_patchesProperties() {
    server.on("PATCH", REG_PATH, 200, REGISTRY.replace("\"adminUserEnabled\":false", "\"adminUserEnabled\":true"));
    TestCli.Result r = cli.run("acr", "update", "-n", "MyReg", "-g", "rg1", "--admin-enabled", "true",
        "--query", "adminUserEnabled");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("true\n");
    FakeServer.Request patch = server.single("PATCH", REG_PATH);
    assertThat(patch.params()).containsEntry("api-version", "2023-07-01");
    assertThat(Json.parse(patch.body())).isEqualTo(Json.parse("{\"properties\":{\"adminUserEnabled\":true}}"));
  }

  @Test
  void update_badBoolean_usageError() {
    TestCli.Result r = cli.run("acr", "update", "-n", "MyReg", "--admin-enabled", "maybe");
    assertThat(r.exitCode()).isEqualTo(2);
  }

  @Test
  void delete_withYes_deletesRegistry() {
    server.on("DELETE", REG_PATH, 200, "");
    TestCli.Result r = cli.run("acr", "delete", "-n", "MyReg", "-g", "rg1", "--yes");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(server.single("DELETE", REG_PATH).params()).containsEntry("api-version", "2023-07-01");
  }

  @Test
  void delete_withoutYesAndNoInput_cancels() {
    TestCli.Result r = cli.run("acr", "delete", "-n", "MyReg", "-g", "rg1");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("Operation cancelled.");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void credentialShow_postsListCredentialsAndPrintsAsIs() {
    String creds = "{\"passwords\":[{\"name\":\"password\",\"value\":\"p1\"},{\"name\":\"password2\",\"value\":\"p2\"}],"
        + "\"username\":\"MyReg\"}";
    server.on("POST", REG_PATH + "/listCredentials", 200, creds);
    TestCli.Result r = cli.run("acr", "credential", "show", "-n", "MyReg", "-g", "rg1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    FakeServer.Request post = server.single("POST", REG_PATH + "/listCredentials");
    assertThat(post.params()).containsEntry("api-version", "2023-07-01");
    assertThat(post.header("Authorization")).isEqualTo("Bearer token-1");
    assertThat(Json.parse(r.out())).isEqualTo(Json.parse(creds));
  }

  @Test
  void credentialShow_withoutGroup_usesIdFromList() {
    server.on("GET", ALL_PATH, 200, "{\"value\":[" + REGISTRY + "]}");
    server.on("POST", REG_PATH + "/listCredentials", 200, "{\"passwords\":[],\"username\":\"MyReg\"}");
    TestCli.Result r = cli.run("acr", "credential", "show", "-n", "myreg", "--query", "username", "-o", "tsv");
    assertThat(r.out()).isEqualTo("MyReg\n");
  }

  @Test
  void credentialRenew_postsPasswordName() {
    server.on("POST", REG_PATH + "/regenerateCredential", 200,
        "{\"passwords\":[{\"name\":\"password\",\"value\":\"p1\"},{\"name\":\"password2\",\"value\":\"new\"}],"
            + "\"username\":\"MyReg\"}");
    TestCli.Result r = cli.run("acr", "credential", "renew", "-n", "MyReg", "-g", "rg1", "--password-name", "password2",
        "--query", "passwords[1].value", "-o", "tsv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("new\n");
    FakeServer.Request post = server.single("POST", REG_PATH + "/regenerateCredential");
    assertThat(post.params()).containsEntry("api-version", "2023-07-01");
    assertThat(Json.parse(post.body())).isEqualTo(Json.parse("{\"name\":\"password2\"}"));
  }

  @Test
  void credentialRenew_unknownPasswordName_usageError() {
    TestCli.Result r = cli.run("acr", "credential", "renew", "-n", "MyReg", "--password-name", "password3");
    assertThat(r.exitCode()).isEqualTo(2);
  }

  @Test
  void gc_postsGarbageCollectAndPrintsResult() {
    server.on("POST", REG_PATH + "/garbageCollect", 200, "{\"blobsDeleted\":3,\"bytesFreed\":1024}");
    TestCli.Result r = cli.run("acr", "gc", "-n", "MyReg", "-g", "rg1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("{\n  \"blobsDeleted\": 3,\n  \"bytesFreed\": 1024\n}\n");
    assertThat(server.single("POST", REG_PATH + "/garbageCollect").params()).containsEntry("api-version", "2023-07-01");
  }

  @Test
  void create_conflict_printsArmErrorExitsOne() {
    server.on("PUT", REG_PATH, 409, "{\"error\":{\"code\":\"AlreadyInUse\",\"message\":\"The registry name is in use.\"}}");
    TestCli.Result r = cli.run("acr", "create", "-g", "rg1", "-n", "MyReg", "--sku", "Basic");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("ERROR: (AlreadyInUse) The registry name is in use.\n");
  }

  @Test
  void flatten_list_liftsPropertiesOfEachItem() {
    JsonNode flat = ArmOutput.flatten(Json.parse("[{\"name\":\"a\",\"properties\":{\"x\":1,\"name\":\"shadow\"}}]"));
    assertThat(flat).isEqualTo(Json.parse("[{\"name\":\"a\",\"x\":1}]"));
  }

  @Test
  void create_customerKey_identityName_sendsTheIdentityAndTheEncryptionAsAz() {
    server.on("GET", CmkRegistries.IDENTITY_PATH, 200, CmkRegistries.identity(CmkRegistries.IDENTITY_ID, "myid",
        CmkRegistries.PRINCIPAL_ID, CmkRegistries.CLIENT_ID));
    server.on("PUT", REG_PATH, 200, CmkRegistries.cmkRegistry());

    TestCli.Result r = cli.run("acr", "create", "--resource-group", "rg1", "--name", "MyReg", "--identity", "myid",
        "--key-encryption-key", CmkRegistries.KEY, "--sku", "Premium");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(server.single("GET", CmkRegistries.IDENTITY_PATH).params()).containsEntry("api-version", "2023-01-31");
    FakeServer.Request put = server.single("PUT", REG_PATH);
    assertThat(put.params()).containsEntry("api-version", "2023-07-01");
    assertThat(Json.parse(put.body())).isEqualTo(Json.parse("{\"sku\":{\"name\":\"Premium\"},\"tags\":{},"
        // The identity's id as the control plane spells it.
        + "\"identity\":{\"type\":\"UserAssigned\",\"userAssignedIdentities\":{\"" + CmkRegistries.IDENTITY_ID
        + "\":{}}},\"properties\":{\"adminUserEnabled\":false,\"encryption\":{\"status\":\"enabled\","
        + "\"keyVaultProperties\":{\"identity\":\"" + CmkRegistries.CLIENT_ID + "\",\"keyIdentifier\":\""
        + CmkRegistries.KEY + "\"}}}}"));
    assertThat(Json.parse(r.out()).at("/encryption/keyVaultProperties/identity").asText())
        .isEqualTo(CmkRegistries.CLIENT_ID);
  }

  @Test
  void create_customerKey_identityResourceIdOfTheSeed_usedAsGiven() {
    server.on("GET", CmkRegistries.IDENTITY_ID, 200, CmkRegistries.identity(CmkRegistries.IDENTITY_ID, "myid",
        CmkRegistries.PRINCIPAL_ID, CmkRegistries.CLIENT_ID));
    server.on("PUT", REG_PATH, 200, CmkRegistries.cmkRegistry());

    TestCli.Result r = cli.run("acr", "create", "-g", "rg1", "-n", "MyReg", "--identity", CmkRegistries.IDENTITY_ID,
        "--key-encryption-key", CmkRegistries.KEY_V1, "--sku", "Premium");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode body = Json.parse(server.single("PUT", REG_PATH).body());
    assertThat(body.at("/identity/userAssignedIdentities").has(CmkRegistries.IDENTITY_ID)).isTrue();
    assertThat(body.at("/properties/encryption/keyVaultProperties/keyIdentifier").asText())
        .isEqualTo(CmkRegistries.KEY_V1);
  }

  @Test
  void create_customerKey_identityByPrincipalId_foundInTheSubscription() {
    server.on("GET", CmkRegistries.IDENTITIES_PATH, 200, CmkRegistries.identityList());
    server.on("GET", CmkRegistries.OTHER_ID, 200, CmkRegistries.identity(CmkRegistries.OTHER_ID, "other",
        CmkRegistries.OTHER_PRINCIPAL_ID, CmkRegistries.OTHER_CLIENT_ID));
    server.on("PUT", REG_PATH, 200, CmkRegistries.cmkRegistry());

    TestCli.Result r = cli.run("acr", "create", "-g", "rg1", "-n", "MyReg", "--identity",
        CmkRegistries.OTHER_PRINCIPAL_ID, "--key-encryption-key", CmkRegistries.KEY, "--sku", "Premium");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode body = Json.parse(server.single("PUT", REG_PATH).body());
    assertThat(body.at("/identity/userAssignedIdentities").has(CmkRegistries.OTHER_ID)).isTrue();
    assertThat(body.at("/properties/encryption/keyVaultProperties/identity").asText())
        .isEqualTo(CmkRegistries.OTHER_CLIENT_ID);
  }

  @Test
  void create_identityWithoutKeyOrKeyWithoutIdentity_azsUsageErrorBeforeAnyCall() {
    for (String[] args : new String[][] {{"--identity", "myid"}, {"--key-encryption-key", CmkRegistries.KEY}}) {
      TestCli.Result r = cli.run("acr", "create", "-g", "rg1", "-n", "MyReg", "--sku", "Premium", args[0], args[1]);
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.err()).isEqualTo("ERROR: Usage error: --identity and --key-encryption-key must be both supplied\n");
    }
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void create_unknownIdentity_notFoundAndNoRegistry() {
    server.on("GET", CmkRegistries.IDENTITY_PATH, 404, CmkRegistries.error("ResourceNotFound",
        "The Resource 'Microsoft.ManagedIdentity/userAssignedIdentities/myid' under resource group 'rg1' was not found."));
    TestCli.Result r = cli.run("acr", "create", "-g", "rg1", "-n", "MyReg", "--identity", "myid",
        "--key-encryption-key", CmkRegistries.KEY, "--sku", "Premium");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(server.requests()).noneMatch(req -> req.method().equals("PUT"));
  }

  @Test
  void create_serverRefusesTheKey_messageComesThrough() {
    String message = "The key 'https://myvault.vault.localhost:5443/keys/eckey' is an EC key: a registry can only be "
        + "encrypted with only RSA or RSA-HSM keys.";
    server.on("GET", CmkRegistries.IDENTITY_PATH, 200, CmkRegistries.identity(CmkRegistries.IDENTITY_ID, "myid",
        CmkRegistries.PRINCIPAL_ID, CmkRegistries.CLIENT_ID));
    server.on("PUT", REG_PATH, 400, CmkRegistries.error("InvalidKeyType", message));
    TestCli.Result r = cli.run("acr", "create", "-g", "rg1", "-n", "MyReg", "--identity", "myid",
        "--key-encryption-key", "https://myvault.vault.localhost:5443/keys/eckey", "--sku", "Premium");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("ERROR: (InvalidKeyType) " + message + "\n");
  }

  @Test
  void show_customerKeyRegistry_printsIdentityEncryptionRulesAndPoliciesFlattened() {
    server.on("GET", REG_PATH, 200, CmkRegistries.cmkRegistry());
    TestCli.Result r = cli.run("acr", "show", "-n", "MyReg", "-g", "rg1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode out = Json.parse(r.out());
    assertThat(out.has("properties")).isFalse();
    assertThat(out.get("identity")).isEqualTo(Json.parse(CmkRegistries.USER_IDENTITY));
    assertThat(out.get("encryption")).isEqualTo(Json.parse(CmkRegistries.ENCRYPTION));
    assertThat(out.get("networkRuleSet")).isEqualTo(Json.parse(CmkRegistries.RULES));
    assertThat(out.get("policies")).isEqualTo(Json.parse(CmkRegistries.POLICIES));
    assertThat(out.get("networkRuleBypassOptions").asText()).isEqualTo("AzureServices");
    TestCli.Result query = cli.run("acr", "show", "-n", "MyReg", "-g", "rg1",
        "--query", "[encryption.status, policies.trustPolicy.status, networkRuleSet.defaultAction]", "-o", "tsv");
    // A top-level list prints one row per element, as az's tsv does.
    assertThat(query.out()).isEqualTo("enabled\ndisabled\nAllow\n");
  }

  @Test
  void update_defaultAction_sendsTheRuleSetWithItsRules() {
    server.on("GET", REG_PATH, 200, CmkRegistries.cmkRegistry());
    server.on("PATCH", REG_PATH, 200, CmkRegistries.cmkRegistry());

    TestCli.Result r = cli.run("acr", "update", "-n", "MyReg", "-g", "rg1", "--default-action", "Deny");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(server.single("PATCH", REG_PATH).body())).isEqualTo(Json.parse(
        "{\"properties\":{\"networkRuleSet\":{\"defaultAction\":\"Deny\",\"ipRules\":[{\"action\":\"Allow\","
            + "\"value\":\"1.2.3.4/32\"}],\"virtualNetworkRules\":[]}}}"));
  }

  @Test
  void update_nothingToChange_usageError() {
    TestCli.Result r = cli.run("acr", "update", "-n", "MyReg", "-g", "rg1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--admin-enabled", "--default-action");
    TestCli.Result bad = cli.run("acr", "update", "-n", "MyReg", "--default-action", "Block");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(server.requests()).isEmpty();
  }
}
