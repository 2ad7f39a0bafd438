package io.coffer.cli.commands;

import static io.coffer.cli.commands.CmkRegistries.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.TestCli;
import io.coffer.common.Json;
import org.junit.jupiter.api.Test;

class AcrConfigCommandsTest extends LoggedInCliTest {
  @Test
  void contentTrustShow_printsTheTrustPolicy() {
    server.on("GET", ALL_PATH, 200, "{\"value\":[" + plainRegistry() + "]}");
    server.on("GET", REG_PATH, 200, plainRegistry());
    TestCli.Result r = cli.run("acr", "config", "content-trust", "show", "--registry", "MyReg");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("{\n  \"status\": \"disabled\",\n  \"type\": \"Notary\"\n}\n");
  }

  @Test
  void contentTrustUpdate_enabled_patchesTheTrustPolicyAndPrintsIt() {
    server.on("GET", REG_PATH, 200, plainRegistry());
    server.on("PATCH", REG_PATH, 200, plainRegistry().replace(
        "\"trustPolicy\":{\"type\":\"Notary\",\"status\":\"disabled\"}", "\"trustPolicy\":{\"type\":\"Notary\",\"status\":\"enabled\"}"));

    TestCli.Result r = cli.run("acr", "config", "content-trust", "update", "-r", "MyReg", "-g", "rg1",
        "--status", "enabled", "--query", "status", "-o", "tsv");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("enabled\n");
    assertThat(Json.parse(patchBody(server))).isEqualTo(Json.parse(
        "{\"properties\":{\"policies\":{\"trustPolicy\":{\"type\":\"Notary\",\"status\":\"enabled\"}}}}"));
  }

  @Test
  void contentTrustUpdate_customerKeyRegistry_printsTheServersRefusalVerbatim() {
    String message = "this feature 'ContentTrust' is currently not supported when encryption is enable for the "
        + "resource MyReg";
    server.on("GET", REG_PATH, 200, cmkRegistry());
    server.on("PATCH", REG_PATH, 400, error("BlockedForEncryptionEnabledRegistry", message));

    TestCli.Result r = cli.run("acr", "config", "content-trust", "update", "-r", "MyReg", "-g", "rg1",
        "--status", "enabled");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("ERROR: (BlockedForEncryptionEnabledRegistry) " + message
        + "\nCode: BlockedForEncryptionEnabledRegistry\nMessage: " + message + "\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void contentTrustUpdate_badStatus_usageErrorBeforeAnyCall() {
    TestCli.Result r = cli.run("acr", "config", "content-trust", "update", "-r", "MyReg", "--status", "on");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void retentionShow_printsTheRetentionPolicy() {
    server.on("GET", REG_PATH, 200, plainRegistry());
    TestCli.Result r = cli.run("acr", "config", "retention", "show", "-r", "MyReg", "-g", "rg1", "--query", "days");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("7\n");
  }

  @Test
  void retentionUpdate_statusDaysType_patchesTheRetentionPolicy() {
    server.on("GET", REG_PATH, 200, plainRegistry());
    server.on("PATCH", REG_PATH, 200, plainRegistry().replace(
        "\"retentionPolicy\":{\"days\":7,\"status\":\"disabled\"", "\"retentionPolicy\":{\"days\":30,\"status\":\"enabled\""));

    TestCli.Result r = cli.run("acr", "config", "retention", "update", "--registry", "MyReg", "-g", "rg1",
        "--status", "enabled", "--days", "30", "--type", "UntaggedManifests");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(patchBody(server))).isEqualTo(Json.parse(
        "{\"properties\":{\"policies\":{\"retentionPolicy\":{\"days\":30,\"status\":\"enabled\"}}}}"));
    assertThat(Json.parse(r.out())).isEqualTo(Json.parse(
        "{\"days\":30,\"status\":\"enabled\",\"lastUpdatedTime\":\"2024-05-01T10:00:00Z\"}"));
  }

  @Test
  void retentionUpdate_daysOmitted_sevenAsAz() {
    server.on("GET", REG_PATH, 200, plainRegistry());
    server.on("PATCH", REG_PATH, 200, plainRegistry());
    cli.run("acr", "config", "retention", "update", "-r", "MyReg", "-g", "rg1", "--type", "UntaggedManifests");
    assertThat(Json.parse(patchBody(server))).isEqualTo(Json.parse(
        "{\"properties\":{\"policies\":{\"retentionPolicy\":{\"days\":7,\"status\":\"disabled\"}}}}"));
  }

  @Test
  void retentionUpdate_badArguments_usageErrorsBeforeAnyCall() {
    assertThat(cli.run("acr", "config", "retention", "update", "-r", "MyReg", "--days", "400",
        "--type", "UntaggedManifests").exitCode()).isEqualTo(2);
    assertThat(cli.run("acr", "config", "retention", "update", "-r", "MyReg", "--days", "3").exitCode())
        .isEqualTo(2);
    assertThat(cli.run("acr", "config", "retention", "update", "-r", "MyReg", "--type", "Everything")
        .exitCode()).isEqualTo(2);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void policies_basicRegistry_refusedAsAzDoes() {
    server.on("GET", REG_PATH, 200, registry("Basic", "null", "{\"status\":\"disabled\"}"));
    TestCli.Result r = cli.run("acr", "config", "retention", "show", "-r", "MyReg", "-g", "rg1");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("ERROR: Policies are only supported for managed registries in Premium SKU.\n");
  }

  @Test
  void contentTrustShow_unknownRegistry_exitsThree() {
    server.on("GET", ALL_PATH, 200, "{\"value\":[]}");
    assertThat(cli.run("acr", "config", "content-trust", "show", "-r", "nope").exitCode()).isEqualTo(3);
  }

  @Test
  void help_groupsAndCommands() {
    assertThat(cli.run("acr", "config", "--help").out()).contains("content-trust", "retention");
    assertThat(cli.run("acr", "config", "retention", "update", "--help").out())
        .contains("--registry", "-r", "--days", "--type", "UntaggedManifests", "--status");
    assertThat(cli.run("acr", "config", "content-trust", "update", "--help").exitCode()).isZero();
  }
}
