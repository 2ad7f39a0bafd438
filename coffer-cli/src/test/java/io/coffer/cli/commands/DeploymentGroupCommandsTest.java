package io.coffer.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.FakeServer;
import io.coffer.cli.TestCli;
import io.coffer.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeploymentGroupCommandsTest extends LoggedInCliTest {
  static final String LIST = "/subscriptions/sub-1/resourcegroups/rg1/providers/Microsoft.Resources/deployments";
  static final String SEED = LIST + "/CMKtemplate";
  static final String TEMPLATE = """
      {"$schema": "https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#",
       "contentVersion": "1.0.0.0",
       "parameters": {"registry_name": {"defaultValue": "", "type": "String"}, "kek_id": {"type": "String"},
         "days": {"type": "int", "defaultValue": 7}, "enabled": {"type": "bool", "defaultValue": false},
         "rules": {"type": "array", "defaultValue": []}},
       "resources": []}""";

  static String deployment(String name, String state) {
    return "{\"id\":\"/subscriptions/sub-1/resourceGroups/rg1/providers/Microsoft.Resources/deployments/" + name
        + "\",\"location\":null,\"name\":\"" + name + "\",\"properties\":{\"correlationId\":\"c-1\","
        + "\"duration\":\"PT2.5S\",\"error\":null,\"mode\":\"Incremental\",\"outputResources\":[{\"id\":\"/x\","
        + "\"resourceGroup\":\"rg1\"}],\"outputs\":{},\"parameters\":{},\"provisioningState\":\"" + state + "\","
        + "\"templateHash\":\"1\",\"timestamp\":\"2024-05-01T10:00:00Z\"},\"tags\":null,"
        + "\"type\":\"Microsoft.Resources/deployments\"}";
  }

  Path template;

  @BeforeEach
  void writeTemplate() throws Exception {
    template = dir.resolve("CMKtemplate.json");
    Files.writeString(template, TEMPLATE);
  }

  private JsonNode sentParameters(String path) {
    return Json.parse(server.single("PUT", path).body()).path("properties").path("parameters");
  }

  @Test
  void create_seedCommand_putsTheTemplateAndNameValueParameters_namedAfterTheFile() {
    server.on("PUT", SEED, 201, deployment("CMKtemplate", "Succeeded"));

    TestCli.Result r = cli.run("deployment", "group", "create", "--resource-group", "rg1", "--template-file",
        template.toString(), "--parameters", "registry_name=myreg", "kek_id=https://v.vault.localhost/keys/k/1");

    assertThat(r.exitCode()).as(r.err()).isZero();
    FakeServer.Request put = server.single("PUT", SEED);
    assertThat(put.params()).containsEntry("api-version", "2022-09-01");
    JsonNode body = Json.parse(put.body());
    assertThat(body.path("properties").path("mode").asText()).isEqualTo("Incremental");
    assertThat(body.path("properties").path("template")).isEqualTo(Json.parse(TEMPLATE));
    assertThat(body.path("properties").path("parameters")).isEqualTo(Json.parse(
        "{\"registry_name\":{\"value\":\"myreg\"},\"kek_id\":{\"value\":\"https://v.vault.localhost/keys/k/1\"}}"));
    JsonNode printed = Json.parse(r.out());
    assertThat(printed.path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
    assertThat(printed.path("resourceGroup").asText()).isEqualTo("rg1");
    assertThat(printed.path("name").asText()).isEqualTo("CMKtemplate");
  }

  @Test
  void create_nameValuesTakeTheTemplatesTypes() {
    server.on("PUT", LIST + "/typed", 201, deployment("typed", "Succeeded"));
    TestCli.Result r = cli.run("deployment", "group", "create", "-g", "rg1", "-f", template.toString(), "-n", "typed",
        "-p", "days=30", "enabled=true", "rules=[\"1.2.3.4\"]", "registry_name=42");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(sentParameters(LIST + "/typed")).isEqualTo(Json.parse("{\"days\":{\"value\":30},"
        + "\"enabled\":{\"value\":true},\"rules\":{\"value\":[\"1.2.3.4\"]},\"registry_name\":{\"value\":\"42\"}}"));

    TestCli.Result bad = cli.run("deployment", "group", "create", "-g", "rg1", "-f", template.toString(), "-n", "typed",
        "-p", "days=many");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("'days' is an int");
  }

  @Test
  void create_parameterFilesInBothShapes_inlineJson_andLaterValuesWin() throws Exception {
    server.on("PUT", LIST + "/files", 201, deployment("files", "Succeeded"));
    Path schemaFile = dir.resolve("params.json");
    Files.writeString(schemaFile, "{\"$schema\":\"https://schema.management.azure.com/schemas/2019-04-01/"
        + "deploymentParameters.json#\",\"contentVersion\":\"1.0.0.0\",\"parameters\":{\"registry_name\":"
        + "{\"value\":\"fromfile\"},\"kek_id\":{\"value\":\"k1\"}}}");
    Path wrapped = dir.resolve("wrapped.json");
    Files.writeString(wrapped, "{\"parameters\":{\"days\":{\"value\":9}}}");

    TestCli.Result r = cli.run("deployment", "group", "create", "-g", "rg1", "-f", template.toString(), "-n", "files",
        "--parameters", "@" + schemaFile, "--parameters", wrapped.toString(),
        "--parameters", "{\"enabled\":{\"value\":true}}", "--parameters", "kek_id=k2");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(sentParameters(LIST + "/files")).isEqualTo(Json.parse("{\"registry_name\":{\"value\":\"fromfile\"},"
        + "\"kek_id\":{\"value\":\"k2\"},\"days\":{\"value\":9},\"enabled\":{\"value\":true}}"));
  }

  @Test
  void create_unreadableParametersAreUsageErrors_andNothingIsSent() {
    TestCli.Result noValue = cli.run("deployment", "group", "create", "-g", "rg1", "-f", template.toString(),
        "-p", "justaword");
    assertThat(noValue.exitCode()).isEqualTo(2);
    assertThat(noValue.err()).contains("Unable to parse parameter: justaword");
    TestCli.Result badJson = cli.run("deployment", "group", "create", "-g", "rg1", "-f", template.toString(),
        "-p", "{\"a\":");
    assertThat(badJson.exitCode()).isEqualTo(2);
    assertThat(badJson.err()).contains("Failed to parse --parameters as JSON");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void create_aFailedDeploymentPrintsItsErrorAndEachResourcesError_exit1() {
    server.on("PUT", SEED, 201, deployment("CMKtemplate", "Failed").replace("\"error\":null",
        "\"error\":{\"code\":\"DeploymentFailed\",\"message\":\"At least one resource deployment operation failed.\","
        + "\"details\":[{\"code\":\"KeyAccessDenied\",\"message\":\"Failed to access KeyId 'k'.\","
        + "\"target\":\"/subscriptions/sub-1/resourceGroups/rg1/providers/Microsoft.ContainerRegistry/registries/r\"}]}"));

    TestCli.Result r = cli.run("deployment", "group", "create", "-g", "rg1", "-f", template.toString(),
        "-p", "kek_id=k");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("ERROR: (DeploymentFailed) At least one resource deployment operation failed.")
        .contains("(KeyAccessDenied) Failed to access KeyId 'k'.")
        .contains("Target: /subscriptions/sub-1/resourceGroups/rg1/providers/Microsoft.ContainerRegistry/registries/r");
  }

  @Test
  void showListDelete() {
    server.on("GET", LIST + "/d1", 200, deployment("d1", "Succeeded"));
    server.on("GET", LIST, 200, "{\"value\":[" + deployment("d1", "Succeeded") + "," + deployment("d2", "Failed")
        + "]}");
    server.on("DELETE", LIST + "/d1", 200, "");

    TestCli.Result shown = cli.run("deployment", "group", "show", "-g", "rg1", "-n", "d1", "--query",
        "properties.provisioningState", "-o", "tsv");
    assertThat(shown.exitCode()).as(shown.err()).isZero();
    assertThat(shown.out()).isEqualTo("Succeeded\n");

    TestCli.Result listed = cli.run("deployment", "group", "list", "-g", "rg1", "--query", "[].name", "-o", "tsv");
    assertThat(listed.exitCode()).as(listed.err()).isZero();
    assertThat(listed.out()).isEqualTo("d1\nd2\n");

    TestCli.Result deleted = cli.run("deployment", "group", "delete", "-g", "rg1", "-n", "d1");
    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    assertThat(server.single("DELETE", LIST + "/d1").params()).containsEntry("api-version", "2022-09-01");

    server.on("GET", LIST + "/gone", 404, "{\"error\":{\"code\":\"DeploymentNotFound\","
        + "\"message\":\"Deployment 'gone' could not be found.\"}}");
    TestCli.Result missing = cli.run("deployment", "group", "show", "-g", "rg1", "-n", "gone");
    assertThat(missing.exitCode()).isEqualTo(3);
    assertThat(missing.err()).contains("Deployment 'gone' could not be found.");
  }
}
