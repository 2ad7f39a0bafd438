package io.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The coffer CLI against a running server, as a user types it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliEndToEndTest {
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir.resolve("data"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static CliRun coffer(String... args) {
    return CliRun.run(dir.resolve("cli"), args);
  }

  @Test
  @Order(1)
  void commands_beforeLogin_askToLogIn() {
    CliRun r = coffer("group", "list");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("coffer login");
  }

  @Test
  @Order(2)
  void login_rightPassword_storesSessionAndPrintsSubscription() throws Exception {
    assertThat(coffer("login", "--server", server.server.url(), "--username", "admin", "--password", "wrong").exit())
        .isEqualTo(1);
    CliRun r = coffer("login", "--server", server.server.url(), "--username", "admin", "--password",
        TestServer.ADMIN_PASSWORD);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().get(0).get("id").asText()).isEqualTo(server.subscription);
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve("cli").resolve("session.json")))).isEqualTo("rw-------");
  }

  @Test
  @Order(3)
  void groupAndAcrCreate_thenShowAndList_printAzShapes() throws Exception {
    CliRun g = coffer("group", "create", "--name", "clitest", "--location", "westeurope");
    assertThat(g.exit()).as(g.err()).isZero();
    assertThat(g.json().get("id").asText()).isEqualTo("/subscriptions/" + server.subscription + "/resourceGroups/clitest");
    assertThat(g.json().get("properties").get("provisioningState").asText()).isEqualTo("Succeeded");

    CliRun a = coffer("acr", "create", "--resource-group", "clitest", "--name", "cliRegistry", "--sku", "Premium",
        "--admin-enabled", "true");
    assertThat(a.exit()).as(a.err()).isZero();
    JsonNode acr = a.json();
    assertThat(acr.get("loginServer").asText()).endsWith("/cliregistry");
    assertThat(acr.get("sku").get("name").asText()).isEqualTo("Premium");
    assertThat(acr.get("resourceGroup").asText()).isEqualTo("clitest");
    assertThat(acr.get("adminUserEnabled").asBoolean()).isTrue();
    assertThat(acr.get("systemData").get("createdBy").asText()).isEqualTo("admin");

    CliRun tsv = coffer("acr", "show", "--name", "cliRegistry", "--query", "loginServer", "--output", "tsv");
    assertThat(tsv.out().trim()).isEqualTo(acr.get("loginServer").asText());
    CliRun table = coffer("acr", "list", "--output", "table");
    assertThat(table.out()).contains("NAME").contains("LOGIN SERVER").contains("cliRegistry");

    // Creating again in the same group updates the registry in place, as ARM does.
    CliRun again = coffer("acr", "create", "-g", "clitest", "-n", "cliRegistry", "--sku", "Premium",
        "--admin-enabled", "true");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.json().get("creationDate").asText()).isEqualTo(acr.get("creationDate").asText());
    CliRun badSku = coffer("acr", "create", "-g", "clitest", "-n", "otherReg1", "--sku", "Gold");
    assertThat(badSku.exit()).isEqualTo(2);
    CliRun missingGroup = coffer("acr", "create", "-g", "nogroup", "-n", "otherReg1", "--sku", "Basic");
    assertThat(missingGroup.exit()).isEqualTo(3);
    assertThat(missingGroup.err()).contains("ResourceGroupNotFound");
  }

  @Test
  @Order(4)
  void credentialsAndRepositories_afterPush_listWhatWasPushed() throws Exception {
    CliRun creds = coffer("acr", "credential", "show", "--name", "cliRegistry");
    assertThat(creds.exit()).as(creds.err()).isZero();
    String password = creds.json().get("passwords").get(0).get("value").asText();
    assertThat(creds.json().get("username").asText()).isEqualTo("cliRegistry");

    String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("cliRegistry:" + password).getBytes());
    OciClient oci = new OciClient(server.http, server.server.url(), basic);
    oci.pushImage("cliregistry/team/app", "v1", "{}".getBytes(), List.of("layer".getBytes()), Map.of());
    Thread.sleep(5); // v2 moves later than v1
    oci.pushImage("cliregistry/team/app", "v2", "{ }".getBytes(), List.of("layer2".getBytes()), Map.of());

    assertThat(coffer("acr", "repository", "list", "-n", "cliRegistry").json().toString())
        .isEqualTo("[\"team/app\"]");
    assertThat(coffer("acr", "repository", "show-tags", "-n", "cliRegistry", "--repository", "team/app").json()
        .toString()).isEqualTo("[\"v1\",\"v2\"]");
    assertThat(coffer("acr", "repository", "show-tags", "-n", "cliRegistry", "--repository", "team/app",
        "--orderby", "time_desc").json().toString()).isEqualTo("[\"v2\",\"v1\"]");
    assertThat(coffer("acr", "repository", "show-tags", "-n", "cliRegistry", "--repository", "team/app",
        "--orderby", "time_asc", "--top", "1").json().toString()).isEqualTo("[\"v1\"]");
    CliRun renew = coffer("acr", "credential", "renew", "-n", "cliRegistry", "--password-name", "password");
    assertThat(renew.json().get("passwords").get(0).get("value").asText()).isNotEqualTo(password);
    assertThat(oci.get("/v2/cliregistry/team/app/tags/list").statusCode()).isEqualTo(401);

    CliRun del = coffer("acr", "repository", "delete", "-n", "cliRegistry", "--repository", "team/app", "--yes");
    assertThat(del.exit()).as(del.err()).isZero();
    assertThat(del.json().get("tagsDeleted")).hasSize(2);
    assertThat(coffer("acr", "repository", "list", "-n", "cliRegistry").json()).isEmpty();
  }

  @Test
  @Order(5)
  void acrDelete_thenShow_reportsNotFound() {
    assertThat(coffer("acr", "delete", "-n", "cliRegistry", "--yes").exit()).isZero();
    CliRun show = coffer("acr", "show", "-n", "cliRegistry");
    assertThat(show.exit()).isNotZero();
    assertThat(show.err()).contains("could not be found");
  }

  @Test
  @Order(6)
  void configVerify_badFile_failsWithReason() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "encryption:\n  keyCacheTtl: soon\n");
    CliRun r = coffer("config", "verify", bad.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("soon");
    Path good = dir.resolve("good.yaml");
    Files.writeString(good, "gc:\n  interval: 10m\n");
    assertThat(coffer("config", "verify", good.toString()).exit()).isZero();
  }
}
