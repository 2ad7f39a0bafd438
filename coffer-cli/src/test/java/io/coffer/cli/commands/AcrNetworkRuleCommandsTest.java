package io.coffer.cli.commands;

import static io.coffer.cli.commands.CmkRegistries.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.FakeServer;
import io.coffer.cli.TestCli;
import io.coffer.common.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcrNetworkRuleCommandsTest {
  @TempDir Path dir;
  FakeServer server;
  TestCli cli;

  @BeforeEach
  void start() throws Exception {
    server = new FakeServer();
    cli = new TestCli(dir).loggedInTo(server.url());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String patchedRuleSet() {
    FakeServer.Request patch = server.single("PATCH", REG_PATH);
    assertThat(patch.params()).containsEntry("api-version", "2023-07-01");
    assertThat(Json.parse(patch.body()).size()).isEqualTo(1);
    assertThat(Json.parse(patch.body()).get("properties").size()).isEqualTo(1);
    return Json.parse(patch.body()).at("/properties/networkRuleSet").toString();
  }

  @Test
  void add_sendsTheWholeRuleSetWithTheNewRule() {
    server.on("GET", REG_PATH, 200, cmkRegistry());
    server.on("PATCH", REG_PATH, 200, cmkRegistry());

    TestCli.Result r = cli.run("acr", "network-rule", "add", "--name", "MyReg", "-g", "rg1",
        "--ip-address", "203.0.113.0/24", "--query", "name", "-o", "tsv");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("MyReg\n");
    assertThat(Json.parse(patchedRuleSet())).isEqualTo(Json.parse("{\"defaultAction\":\"Allow\",\"ipRules\":["
        + "{\"action\":\"Allow\",\"value\":\"1.2.3.4/32\"},{\"action\":\"Allow\",\"value\":\"203.0.113.0/24\"}],"
        + "\"virtualNetworkRules\":[]}"));
  }

  @Test
  void add_sameAddressWithoutPrefix_notAddedTwice() {
    server.on("GET", REG_PATH, 200, cmkRegistry());
    server.on("PATCH", REG_PATH, 200, cmkRegistry());
    cli.run("acr", "network-rule", "add", "-n", "MyReg", "-g", "rg1", "--ip-address", "1.2.3.4");
    assertThat(Json.parse(patchedRuleSet())).isEqualTo(Json.parse(RULES));
  }

  @Test
  void remove_takesTheRuleOutAndKeepsTheDefaultAction() {
    server.on("GET", REG_PATH, 200, cmkRegistry().replace("\"defaultAction\":\"Allow\"", "\"defaultAction\":\"Deny\""));
    server.on("PATCH", REG_PATH, 200, cmkRegistry());
    TestCli.Result r = cli.run("acr", "network-rule", "remove", "-n", "MyReg", "-g", "rg1", "--ip-address", "1.2.3.4");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(patchedRuleSet())).isEqualTo(Json.parse(
        "{\"defaultAction\":\"Deny\",\"ipRules\":[],\"virtualNetworkRules\":[]}"));
  }

  @Test
  void list_printsTheRulesWithoutTheDefaultAction() {
    server.on("GET", REG_PATH, 200, cmkRegistry());
    TestCli.Result r = cli.run("acr", "network-rule", "list", "-n", "MyReg", "-g", "rg1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(r.out())).isEqualTo(Json.parse(
        "{\"ipRules\":[{\"action\":\"Allow\",\"value\":\"1.2.3.4/32\"}],\"virtualNetworkRules\":[]}"));
    TestCli.Result values = cli.run("acr", "network-rule", "list", "-n", "MyReg", "-g", "rg1",
        "--query", "ipRules[].value", "-o", "tsv");
    assertThat(values.out()).isEqualTo("1.2.3.4/32\n");
  }

  @Test
  void add_notAnAddress_usageErrorBeforeAnyCall() {
    TestCli.Result r = cli.run("acr", "network-rule", "add", "-n", "MyReg", "-g", "rg1", "--ip-address", "example.com");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("'example.com' is not an IPv4 or IPv6 address or CIDR range");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void add_basicRegistry_refusedAsAzDoes() {
    server.on("GET", REG_PATH, 200, registry("Basic", "null", "{\"status\":\"disabled\"}"));
    TestCli.Result r = cli.run("acr", "network-rule", "add", "-n", "MyReg", "-g", "rg1", "--ip-address", "1.2.3.5");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("ERROR: Network rules are only supported for managed registries in Premium SKU.\n");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void list_unknownRegistry_exitsThree() {
    server.on("GET", ALL_PATH, 200, "{\"value\":[]}");
    assertThat(cli.run("acr", "network-rule", "list", "-n", "nope").exitCode()).isEqualTo(3);
  }
}
