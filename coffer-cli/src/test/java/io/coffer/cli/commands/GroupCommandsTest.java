package io.coffer.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.FakeServer;
import io.coffer.cli.FakeServer.Response;
import io.coffer.cli.TestCli;
import io.coffer.common.Json;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommandsTest extends LoggedInCliTest {
  static final String GROUP_PATH = "/subscriptions/sub-1/resourcegroups/rg1";
  static final String GROUP = "{\"id\":\"/subscriptions/sub-1/resourceGroups/rg1\",\"location\":\"westeurope\","
      + "\"managedBy\":null,\"name\":\"rg1\",\"properties\":{\"provisioningState\":\"Succeeded\"},"
      + "\"tags\":{\"team\":\"platform\"},\"type\":\"Microsoft.Resources/resourceGroups\"}";

  @Test
  void create_withTags_putsLocationAndTags() {
    server.on("PUT", GROUP_PATH, 201, GROUP);

    TestCli.Result r = cli.run("group", "create", "--name", "rg1", "--location", "westeurope",
        "--tags", "team=platform", "env");

    assertThat(r.exitCode()).as(r.err()).isZero();
    FakeServer.Request put = server.single("PUT", GROUP_PATH);
    assertThat(put.params()).containsEntry("api-version", "2022-09-01");
    assertThat(put.header("Authorization")).isEqualTo("Bearer token-1");
    assertThat(put.header("Content-Type")).isEqualTo("application/json");
    assertThat(Json.parse(put.body()))
        .isEqualTo(Json.parse("{\"location\":\"westeurope\",\"tags\":{\"team\":\"platform\",\"env\":\"\"}}"));
    assertThat(r.out()).isEqualTo("""
        {
          "id": "/subscriptions/sub-1/resourceGroups/rg1",
          "location": "westeurope",
          "managedBy": null,
          "name": "rg1",
          "properties": {
            "provisioningState": "Succeeded"
          },
          "tags": {
            "team": "platform"
          },
          "type": "Microsoft.Resources/resourceGroups"
        }
        """);
  }

  @Test
  void create_noTags_sendsEmptyTags() {
    server.on("PUT", GROUP_PATH, 200, GROUP);
    cli.run("group", "create", "-n", "rg1", "-l", "westeurope");
    assertThat(Json.parse(server.single("PUT", GROUP_PATH).body()))
        .isEqualTo(Json.parse("{\"location\":\"westeurope\",\"tags\":{}}"));
  }

  @Test
  void show_existing_getsGroup() {
    server.on("GET", GROUP_PATH, 200, GROUP);
    TestCli.Result r = cli.run("group", "show", "-n", "rg1", "--query", "properties.provisioningState", "-o", "tsv");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("Succeeded\n");
    assertThat(server.single("GET", GROUP_PATH).params()).containsEntry("api-version", "2022-09-01");
  }

  @Test
  void show_missing_printsArmErrorExitsThree() {
    server.on("GET", GROUP_PATH, 404, "{\"error\":{\"code\":\"ResourceGroupNotFound\","
        + "\"message\":\"Resource group 'rg1' could not be found.\"}}");
    TestCli.Result r = cli.run("group", "show", "-n", "rg1");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).isEqualTo("ERROR: (ResourceGroupNotFound) Resource group 'rg1' could not be found.\n"
        + "Code: ResourceGroupNotFound\nMessage: Resource group 'rg1' could not be found.\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void show_serverError_exitsOne() {
    server.on("GET", GROUP_PATH, 500, "");
    TestCli.Result r = cli.run("group", "show", "-n", "rg1");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("ERROR: Operation returned an invalid status code 'Internal Server Error'\n");
  }

  @Test
  void list_twoPages_followsNextLinkAndPrintsList() {
    server.on("GET", "/subscriptions/sub-1/resourcegroups", req -> req.params().containsKey("page")
        ? Response.json(200, "{\"value\":[{\"name\":\"b\",\"location\":\"x\",\"properties\":{\"provisioningState\":\"Succeeded\"}}]}")
        : Response.json(200, "{\"value\":[{\"name\":\"a\",\"location\":\"y\",\"properties\":{\"provisioningState\":\"Succeeded\"}}],"
            + "\"nextLink\":\"" + server.url() + "/subscriptions/sub-1/resourcegroups?api-version=2022-09-01&page=2\"}"));

    TestCli.Result r = cli.run("group", "list", "--query", "[].name", "-o", "tsv");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("a\nb\n");
    assertThat(server.requests()).hasSize(2)
        .allSatisfy(req -> assertThat(req.header("Authorization")).isEqualTo("Bearer token-1"));
  }

  @Test
  void list_tableOutput_nameLocationStatus() {
    server.on("GET", "/subscriptions/sub-1/resourcegroups", 200, "{\"value\":[" + GROUP + "]}");
    TestCli.Result r = cli.run("group", "list", "-o", "table");
    assertThat(r.out()).isEqualTo("""
        Name    Location    Status
        ------  ----------  ---------
        rg1     westeurope  Succeeded
        """);
  }

  @Test
  void list_nextLinkToOtherHost_refusedWithoutSendingToken() {
    server.on("GET", "/subscriptions/sub-1/resourcegroups", 200,
        "{\"value\":[],\"nextLink\":\"http://evil.example:1/steal\"}");
    TestCli.Result r = cli.run("group", "list");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("another host");
  }

  @Test
  void delete_withYes_deletesWithoutPrompt() {
    server.on("DELETE", GROUP_PATH, 200, "");
    TestCli.Result r = cli.run("group", "delete", "-n", "rg1", "--yes");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEmpty();
    assertThat(server.single("DELETE", GROUP_PATH).params()).containsEntry("api-version", "2022-09-01");
  }

  @Test
  void delete_answeredYes_deletes() {
    server.on("DELETE", GROUP_PATH, 200, "");
    TestCli.Result r = cli.stdin("maybe\ny\n").run("group", "delete", "-n", "rg1");
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).contains("Are you sure you want to perform this operation? (y/n): ");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void delete_noInput_cancelsWithoutCalling() {
    TestCli.Result r = cli.stdin("").run("group", "delete", "-n", "rg1");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("Are you sure you want to perform this operation? (y/n): ")
        .endsWith("ERROR: Operation cancelled.\n");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void delete_answeredNo_cancels() {
    TestCli.Result r = cli.stdin("n\n").run("group", "delete", "-n", "rg1");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void delete_accepted202_pollsLocationUntilDone() {
    AtomicInteger polls = new AtomicInteger();
    server.on("DELETE", GROUP_PATH, r -> Response.json(202, "")
        .header("Location", server.url() + "/operations/op1").header("Retry-After", "0"));
    server.on("GET", "/operations/op1", r -> polls.incrementAndGet() < 2
        ? Response.json(202, "").header("Retry-After", "0") : Response.json(200, ""));

    TestCli.Result r = cli.run("group", "delete", "-n", "rg1", "-y");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(polls.get()).isEqualTo(2);
    assertThat(server.requests()).allSatisfy(req ->
        assertThat(req.header("Authorization")).isEqualTo("Bearer token-1"));
  }

  @Test
  void delete_noWait_doesNotPoll() {
    server.on("DELETE", GROUP_PATH, r -> Response.json(202, "").header("Location", server.url() + "/operations/op1"));
    TestCli.Result r = cli.run("group", "delete", "-n", "rg1", "-y", "--no-wait");
    assertThat(r.exitCode()).isZero();
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void exists_found_printsTrue() {
    server.on("GET", GROUP_PATH, 200, GROUP);
    TestCli.Result r = cli.run("group", "exists", "-n", "rg1");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("true\n");
  }

  @Test
  void exists_missing_printsFalse() {
    server.on("GET", GROUP_PATH, 404, "{\"error\":{\"code\":\"ResourceGroupNotFound\",\"message\":\"x\"}}");
    TestCli.Result r = cli.run("group", "exists", "-n", "rg1", "-o", "tsv");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("false\n");
  }

  @Test
  void list_debug_logsRequestsButNeverTokens() {
    server.on("GET", "/subscriptions/sub-1/resourcegroups", 200, "{\"value\":[]}");
    TestCli.Result r = cli.run("group", "list", "--debug");
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).contains("DEBUG: Request: GET " + server.url() + "/subscriptions/sub-1/resourcegroups")
        .doesNotContain(TestCli.TOKEN);
  }

  @Test
  void list_queryWithNullResult_printsNothingExitsZero() {
    server.on("GET", "/subscriptions/sub-1/resourcegroups", 200, "{\"value\":[{\"name\":\"a\"}]}");
    TestCli.Result r = cli.run("group", "list", "--query", "[0].missing");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEmpty();
  }

  @Test
  void list_queryEvaluationError_exitsOne() {
    server.on("GET", "/subscriptions/sub-1/resourcegroups", 200, "{\"value\":[{\"name\":\"a\"}]}");
    TestCli.Result r = cli.run("group", "list", "--query", "abs([0].name)");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("ERROR: Invalid jmespath query supplied for `--query`: ");
  }

  @Test
  void show_outputNone_printsNothingExitsZero() {
    server.on("GET", GROUP_PATH, 200, GROUP);
    TestCli.Result r = cli.run("group", "show", "-n", "rg1", "-o", "none");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEmpty();
  }

  @Test
  void show_outputNoneOnMissingGroup_stillPrintsTheErrorExitsThree() {
    server.on("GET", GROUP_PATH, 404, "{\"error\":{\"code\":\"ResourceGroupNotFound\",\"message\":\"x\"}}");
    TestCli.Result r = cli.run("group", "show", "-n", "rg1", "-o", "none");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("ERROR: (ResourceGroupNotFound) x");
  }

  @Test
  void show_tsv_nestedDictEmptyNullNoneSortedKeys() {
    server.on("GET", GROUP_PATH, 200, GROUP);
    TestCli.Result r = cli.run("group", "show", "-n", "rg1", "-o", "tsv");
    // Sorted keys: id, location, managedBy (None), name, properties and tags (dicts: empty), type.
    assertThat(r.out()).isEqualTo("/subscriptions/sub-1/resourceGroups/rg1\twesteurope\tNone\trg1\t\t\t"
        + "Microsoft.Resources/resourceGroups\n");
  }

  @Test
  void show_jsoncOnColourTerminal_coloured_plainWithNoColor() {
    server.on("GET", GROUP_PATH, 200, GROUP);
    TestCli.Result coloured = cli.terminal(true).run("group", "show", "-n", "rg1", "-o", "jsonc");
    assertThat(coloured.out()).contains("\u001b[");
    TestCli.Result plain = cli.env("NO_COLOR", "1").run("group", "show", "-n", "rg1", "-o", "jsonc");
    assertThat(plain.out()).doesNotContain("\u001b[").isEqualTo(coloured.out().replaceAll("\u001b\\[[0-9;]*m", ""));
    TestCli.Result yamlc = cli.run("group", "show", "-n", "rg1", "-o", "yamlc");
    assertThat(yamlc.out()).doesNotContain("\u001b[").startsWith("id: /subscriptions/sub-1/resourceGroups/rg1\n");
  }

  @Test
  void show_tableWithNothingToShow_tableUnavailableExitsOne() {
    server.on("GET", GROUP_PATH, 200, GROUP);
    TestCli.Result r = cli.run("group", "show", "-n", "rg1", "-o", "table", "--query", "{tags:tags}");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("ERROR: Table output unavailable. Use the --query option to specify an "
        + "appropriate query. Use --debug for more info.\n");
  }

  @Test
  void list_coreOutputEnvironment_isTheDefaultFormat() {
    server.on("GET", "/subscriptions/sub-1/resourcegroups", 200, "{\"value\":[{\"name\":\"a\",\"location\":\"x\"}]}");
    TestCli.Result r = cli.env("COFFER_CORE_OUTPUT", "yaml").run("group", "list");
    assertThat(r.out()).isEqualTo("- location: x\n  name: a\n");
    TestCli.Result flag = cli.run("group", "list", "-o", "JSON", "--query", "[0].name");
    assertThat(flag.out()).isEqualTo("\"a\"\n");
  }
}
