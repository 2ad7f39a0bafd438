package io.coffer.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.FakeServer;
import io.coffer.cli.TestCli;
import io.coffer.common.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoleAssignmentCommandsTest extends LoggedInCliTest {
  static final String VAULT_ID = "/subscriptions/sub-1/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/myvault";
  static final String DEFS = "/subscriptions/sub-1/providers/Microsoft.Authorization/roleDefinitions";
  static final String ALL = "/subscriptions/sub-1/providers/Microsoft.Authorization/roleAssignments";
  static final String IDENTITIES = "/subscriptions/sub-1/providers/Microsoft.ManagedIdentity/userAssignedIdentities";
  static final String ENCRYPTION_GUID = "e147488a-f6f5-4113-8e2d-b22465e65bf6";
  static final String READER_GUID = "21090545-7ca7-4776-b22c-e363652d74d2";
  static final String ENCRYPTION = "{\"id\":\"" + DEFS + "/" + ENCRYPTION_GUID + "\",\"name\":\"" + ENCRYPTION_GUID
      + "\",\"type\":\"Microsoft.Authorization/roleDefinitions\",\"properties\":{\"roleName\":"
      + "\"Key Vault Crypto Service Encryption User\",\"type\":\"BuiltInRole\"}}";
  static final String READER = "{\"id\":\"" + DEFS + "/" + READER_GUID + "\",\"name\":\"" + READER_GUID
      + "\",\"properties\":{\"roleName\":\"Key Vault Reader\"}}";
  static final String IDENTITY = "{\"id\":\"/subscriptions/sub-1/resourceGroups/rg1/providers/"
      + "Microsoft.ManagedIdentity/userAssignedIdentities/myid\",\"name\":\"myid\",\"properties\":"
      + "{\"principalId\":\"pid-1\",\"clientId\":\"cid-1\",\"tenantId\":\"tenant-1\"}}";

  static String assignment(String name, String scope, String roleGuid, String principal) {
    return "{\"id\":\"" + scope + "/providers/Microsoft.Authorization/roleAssignments/" + name + "\",\"name\":\""
        + name + "\",\"type\":\"Microsoft.Authorization/roleAssignments\",\"properties\":{\"roleDefinitionId\":\""
        + DEFS + "/" + roleGuid + "\",\"principalId\":\"" + principal + "\",\"principalType\":\"ServicePrincipal\","
        + "\"scope\":\"" + scope + "\",\"createdOn\":\"2024-05-01T10:00:00Z\",\"updatedOn\":\"2024-05-01T10:00:00Z\","
        + "\"createdBy\":\"uid-admin\"}}";
  }

  @BeforeEach
  void registerDirectory() throws Exception {
    server.on("GET", IDENTITIES, 200, "{\"value\":[" + IDENTITY + "]}");
    server.on("GET", "/v1.0/users", 200, "{\"value\":[{\"id\":\"uid-1\",\"userPrincipalName\":\"bob@example.com\"}]}");
    server.on("GET", "/v1.0/users/bob@example.com", 200, "{\"id\":\"uid-1\",\"userPrincipalName\":\"bob@example.com\"}");
    // The server filters by roleName; the seed's "(preview)" name is not one of the current names.
    server.on("GET", DEFS, req -> {
      String filter = req.params().getOrDefault("$filter", "");
      if (filter.isEmpty()) return FakeServer.Response.json(200, "{\"value\":[" + ENCRYPTION + "," + READER + "]}");
      if (filter.equals("roleName eq 'Key Vault Crypto Service Encryption User'")) {
        return FakeServer.Response.json(200, "{\"value\":[" + ENCRYPTION + "]}");
      }
      if (filter.equals("roleName eq 'Key Vault Reader'")) return FakeServer.Response.json(200, "{\"value\":[" + READER + "]}");
      return FakeServer.Response.json(200, "{\"value\":[]}");
    });
  }

  @Test
  void create_seedCommand_identityPrincipalAndPreviewRoleName() {
    TestCli.Result r;
    String[] put = new String[1];
    server.onPrefix("PUT", VAULT_ID + "/providers/Microsoft.Authorization/roleAssignments/", req -> {
      put[0] = req.path();
      String name = req.path().substring(req.path().lastIndexOf('/') + 1);
      return FakeServer.Response.json(201, assignment(name, VAULT_ID, ENCRYPTION_GUID, "pid-1"));
    });

    r = cli.run("role", "assignment", "create", "--assignee", "pid-1",
        "--role", "Key Vault Crypto Service Encryption (preview)", "--scope", VAULT_ID);

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(put[0]).matches(".*/roleAssignments/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    FakeServer.Request request = server.single("PUT", put[0]);
    assertThat(request.params()).containsEntry("api-version", "2022-04-01");
    assertThat(Json.parse(request.body())).isEqualTo(Json.parse("{\"properties\":{\"roleDefinitionId\":\"" + DEFS
        + "/" + ENCRYPTION_GUID + "\",\"principalId\":\"pid-1\",\"principalType\":\"ServicePrincipal\"}}"));
    JsonNode out = Json.parse(r.out());
    assertThat(out.get("principalId").asText()).isEqualTo("pid-1");
    assertThat(out.get("scope").asText()).isEqualTo(VAULT_ID);
    assertThat(out.get("roleDefinitionId").asText()).endsWith(ENCRYPTION_GUID);
    assertThat(out.get("resourceGroup").asText()).isEqualTo("rg1");
    assertThat(out.has("properties")).isFalse();
  }

  @Test
  void create_userByPrincipalName_andIdentityByClientId_andRoleByGuid() {
    server.onPrefix("PUT", "/subscriptions/sub-1/providers/Microsoft.Authorization/roleAssignments/", req ->
        FakeServer.Response.json(201, assignment("a1", "/subscriptions/sub-1", READER_GUID, "uid-1")));

    TestCli.Result user = cli.run("role", "assignment", "create", "--assignee", "bob@example.com",
        "--role", "Key Vault Reader", "--scope", "/subscriptions/sub-1/");
    assertThat(user.exitCode()).as(user.err()).isZero();
    TestCli.Result identity = cli.run("role", "assignment", "create", "--assignee", "cid-1",
        "--role", READER_GUID, "--scope", "/subscriptions/sub-1");
    assertThat(identity.exitCode()).as(identity.err()).isZero();

    var bodies = server.requests().stream().filter(q -> q.method().equals("PUT")).map(q -> Json.parse(q.body())).toList();
    assertThat(bodies.get(0).at("/properties/principalId").asText()).isEqualTo("uid-1");
    assertThat(bodies.get(0).at("/properties/principalType").asText()).isEqualTo("User");
    assertThat(bodies.get(1).at("/properties/principalId").asText()).isEqualTo("pid-1");
    assertThat(bodies.get(1).at("/properties/roleDefinitionId").asText()).isEqualTo(DEFS + "/" + READER_GUID);
  }

  @Test
  void create_unknownRoleOrAssignee_clearErrorsNoPut() {
    TestCli.Result role = cli.run("role", "assignment", "create", "--assignee", "pid-1", "--role", "Owner",
        "--scope", VAULT_ID);
    assertThat(role.exitCode()).isEqualTo(1);
    assertThat(role.err()).isEqualTo("ERROR: Role 'Owner' doesn't exist.\n");
    TestCli.Result who = cli.run("role", "assignment", "create", "--assignee", "ghost", "--role", "Key Vault Reader",
        "--scope", VAULT_ID);
    assertThat(who.exitCode()).isEqualTo(1);
    assertThat(who.err()).startsWith("ERROR: Cannot find user or service principal in graph database for 'ghost'.");
    assertThat(server.requests()).noneMatch(q -> q.method().equals("PUT"));
  }

  @Test
  void create_missingRoleOrBadScope_usageError() {
    assertThat(cli.run("role", "assignment", "create", "--assignee", "pid-1", "--scope", VAULT_ID).exitCode())
        .isEqualTo(2);
    assertThat(cli.run("role", "assignment", "create", "--assignee", "pid-1", "--role", "Key Vault Reader",
        "--scope", "myvault").exitCode()).isEqualTo(2);
  }

  @Test
  void list_assigneeAtVaultScope_withNames() {
    server.on("GET", ALL, 200, "{\"value\":[" + assignment("a1", VAULT_ID, ENCRYPTION_GUID, "pid-1") + ","
        + assignment("a2", "/subscriptions/sub-1", READER_GUID, "pid-1") + "]}");

    TestCli.Result r = cli.run("role", "assignment", "list", "--assignee", "pid-1", "--scope", VAULT_ID);

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(server.single("GET", ALL).params()).containsEntry("$filter", "principalId eq 'pid-1'");
    JsonNode out = Json.parse(r.out());
    assertThat(out).hasSize(1);
    assertThat(out.get(0).get("name").asText()).isEqualTo("a1");
    assertThat(out.get(0).get("principalName").asText()).isEqualTo("cid-1");
    assertThat(out.get(0).get("roleDefinitionName").asText()).isEqualTo("Key Vault Crypto Service Encryption User");
    assertThat(out.get(0).get("principalType").asText()).isEqualTo("ServicePrincipal");
  }

  @Test
  void list_defaultIsSubscriptionScope_allListsEveryScope_roleFilters() {
    server.on("GET", ALL, 200, "{\"value\":[" + assignment("a1", VAULT_ID, ENCRYPTION_GUID, "pid-1") + ","
        + assignment("a2", "/subscriptions/sub-1", READER_GUID, "uid-1") + "]}");
    assertThat(cli.run("role", "assignment", "list", "--query", "[].name", "-o", "tsv").out()).isEqualTo("a2\n");
    assertThat(cli.run("role", "assignment", "list", "--all", "--query", "[].name", "-o", "tsv").out())
        .isEqualTo("a1\na2\n");
    assertThat(cli.run("role", "assignment", "list", "--all", "--role", "Key Vault Reader", "--query",
        "[].[name, principalName]", "-o", "tsv").out()).isEqualTo("a2\tbob@example.com\n");
  }

  @Test
  void delete_byIds_andByFilters() {
    String id = VAULT_ID + "/providers/Microsoft.Authorization/roleAssignments/a1";
    server.on("GET", ALL, 200, "{\"value\":[" + assignment("a1", VAULT_ID, ENCRYPTION_GUID, "pid-1") + "]}");
    server.on("DELETE", id, 200, assignment("a1", VAULT_ID, ENCRYPTION_GUID, "pid-1"));

    TestCli.Result byId = cli.run("role", "assignment", "delete", "--ids", id);
    assertThat(byId.exitCode()).as(byId.err()).isZero();
    assertThat(byId.out()).isEmpty();
    TestCli.Result byFilter = cli.run("role", "assignment", "delete", "--assignee", "pid-1",
        "--role", "Key Vault Crypto Service Encryption (preview)", "--scope", VAULT_ID);
    assertThat(byFilter.exitCode()).as(byFilter.err()).isZero();

    assertThat(server.requests().stream().filter(q -> q.method().equals("DELETE")))
        .hasSize(2).allMatch(q -> q.path().equals(id) && "2022-04-01".equals(q.params().get("api-version")));
  }

  @Test
  void delete_nothingMatches_orNoFilter_errors() {
    server.on("GET", ALL, 200, "{\"value\":[]}");
    TestCli.Result none = cli.run("role", "assignment", "delete", "--assignee", "pid-1", "--scope", VAULT_ID);
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.err()).isEqualTo("ERROR: No matched assignments were found to delete\n");
    assertThat(cli.run("role", "assignment", "delete").exitCode()).isEqualTo(2);
    assertThat(server.requests()).noneMatch(q -> q.method().equals("DELETE"));
  }

  @Test
  void definitionList_byName() {
    TestCli.Result r = cli.run("role", "definition", "list", "--name", "Key Vault Reader", "--query", "[].roleName",
        "-o", "tsv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("Key Vault Reader\n");
  }
}
