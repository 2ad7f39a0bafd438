package io.coffer.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.FakeServer;
import io.coffer.cli.TestCli;
import io.coffer.common.Json;
import org.junit.jupiter.api.Test;

class IdentityCommandsTest extends LoggedInCliTest {
  static final String ID_PATH =
      "/subscriptions/sub-1/resourceGroups/rg1/providers/Microsoft.ManagedIdentity/userAssignedIdentities/myid";
  static final String SECRET_URL = "http://localhost:5080/subscriptions/sub-1/resourcegroups/rg1/providers/"
      + "Microsoft.ManagedIdentity/userAssignedIdentities/myid/credentials?tid=tenant-1&oid=pid-1&aid=cid-1";
  static final String IDENTITY = "{\"id\":\"" + ID_PATH + "\",\"name\":\"myid\","
      + "\"type\":\"Microsoft.ManagedIdentity/userAssignedIdentities\",\"location\":\"westeurope\",\"tags\":{},"
      + "\"properties\":{\"tenantId\":\"tenant-1\",\"principalId\":\"pid-1\",\"clientId\":\"cid-1\","
      + "\"clientSecretUrl\":\"" + SECRET_URL + "\"}}";

  @Test
  void create_seedCommand_putsWithGroupLocation_printsTheSeedsFlatShape() {
    server.on("GET", "/subscriptions/sub-1/resourcegroups/rg1", 200, "{\"location\":\"westeurope\"}");
    server.on("PUT", ID_PATH, 201, IDENTITY);

    TestCli.Result r = cli.run("identity", "create", "--resource-group", "rg1", "--name", "myid");

    assertThat(r.exitCode()).as(r.err()).isZero();
    FakeServer.Request put = server.single("PUT", ID_PATH);
    assertThat(put.params()).containsEntry("api-version", "2023-01-31");
    assertThat(Json.parse(put.body())).isEqualTo(Json.parse("{\"location\":\"westeurope\",\"tags\":{}}"));
    assertThat(r.out()).isEqualTo("""
        {
          "clientId": "cid-1",
          "clientSecretUrl": "%s",
          "id": "%s",
          "location": "westeurope",
          "name": "myid",
          "principalId": "pid-1",
          "resourceGroup": "rg1",
          "tags": {},
          "tenantId": "tenant-1",
          "type": "Microsoft.ManagedIdentity/userAssignedIdentities"
        }
        """.formatted(SECRET_URL, ID_PATH));
  }

  @Test
  void create_locationAndTags_sentAsGiven() {
    server.on("PUT", ID_PATH, 200, IDENTITY);
    TestCli.Result r = cli.run("identity", "create", "-g", "rg1", "-n", "myid", "-l", "northeurope", "--tags", "a=b");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(server.single("PUT", ID_PATH).body()))
        .isEqualTo(Json.parse("{\"location\":\"northeurope\",\"tags\":{\"a\":\"b\"}}"));
  }

  @Test
  void show_seedQueries_idAndPrincipalIdAsTsv() {
    server.on("GET", ID_PATH, 200, IDENTITY);
    TestCli.Result id = cli.run("identity", "show", "--resource-group", "rg1", "--name", "myid", "--query", "id",
        "--output", "tsv");
    assertThat(id.exitCode()).as(id.err()).isZero();
    assertThat(id.out()).isEqualTo(ID_PATH + "\n");
    TestCli.Result principal = cli.run("identity", "show", "-g", "rg1", "-n", "myid", "--query", "principalId",
        "-o", "tsv");
    assertThat(principal.out()).isEqualTo("pid-1\n");
  }

  @Test
  void show_missing_exitsThree() {
    server.on("GET", ID_PATH, 404, "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"not found\"}}");
    TestCli.Result r = cli.run("identity", "show", "-g", "rg1", "-n", "myid");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).startsWith("ERROR: (ResourceNotFound) not found");
  }

  @Test
  void show_withoutGroup_usageError() {
    TestCli.Result r = cli.run("identity", "show", "-n", "myid");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--resource-group");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void list_subscriptionAndGroup_flattened() {
    server.on("GET", "/subscriptions/sub-1/providers/Microsoft.ManagedIdentity/userAssignedIdentities", 200,
        "{\"value\":[" + IDENTITY + "]}");
    server.on("GET", "/subscriptions/sub-1/resourceGroups/rg1/providers/Microsoft.ManagedIdentity/userAssignedIdentities",
        200, "{\"value\":[" + IDENTITY + "]}");
    assertThat(cli.run("identity", "list", "--query", "[].clientId", "-o", "tsv").out()).isEqualTo("cid-1\n");
    assertThat(cli.run("identity", "list", "-g", "rg1", "--query", "[].resourceGroup", "-o", "tsv").out())
        .isEqualTo("rg1\n");
  }

  @Test
  void delete_deletesAndPrintsNothing() {
    server.on("DELETE", ID_PATH, 200, "");
    TestCli.Result r = cli.run("identity", "delete", "-g", "rg1", "-n", "myid");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(server.single("DELETE", ID_PATH).params()).containsEntry("api-version", "2023-01-31");
  }
}
