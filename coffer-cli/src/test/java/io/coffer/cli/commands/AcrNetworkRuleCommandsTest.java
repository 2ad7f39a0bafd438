package io.coffer.cli.commands;

import static io.coffer.cli.commands.CmkRegistries.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.TestCli;
import io.coffer.common.Json;
import org.junit.jupiter.api.Test;

class AcrNetworkRuleCommandsTest extends LoggedInCliTest {
  private String patchedRuleSet() {
    JsonNode patch = Json.parse(patchBody(server));
    assertThat(patch.size()).isEqualTo(1);
    assertThat(patch.get("properties").size()).isEqualTo(1);
    return patch.at("/properties/networkRuleSet").toString();
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
