package io.coffer.cli.commands;

import static io.coffer.cli.commands.CmkRegistries.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.TestCli;
import io.coffer.common.Json;
import org.junit.jupiter.api.Test;

class AcrIdentityCommandsTest extends LoggedInCliTest {
  @Test
  void show_printsTheRegistrysIdentity() {
    server.on("GET", REG_PATH, 200, registry(BOTH_IDENTITIES, ENCRYPTION));
    TestCli.Result r = cli.run("acr", "identity", "show", "--name", "MyReg", "-g", "rg1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(r.out())).isEqualTo(Json.parse(BOTH_IDENTITIES));
    TestCli.Result principal = cli.run("acr", "identity", "show", "-n", "MyReg", "-g", "rg1",
        "--query", "principalId", "-o", "tsv");
    assertThat(principal.out()).isEqualTo(SYSTEM_PRINCIPAL_ID + "\n");
  }

  @Test
  void show_noIdentity_printsNothingAndSucceeds() {
    server.on("GET", REG_PATH, 200, plainRegistry());
    TestCli.Result r = cli.run("acr", "identity", "show", "-n", "MyReg", "-g", "rg1");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEmpty();
  }

  @Test
  void assign_system_turnsItOnBesideTheUserIdentity() {
    server.on("GET", REG_PATH, 200, cmkRegistry());
    server.on("PATCH", REG_PATH, 200, registry(BOTH_IDENTITIES, ENCRYPTION));

    TestCli.Result r = cli.run("acr", "identity", "assign", "-n", "MyReg", "-g", "rg1", "--identities", "[system]",
        "--query", "identity.principalId", "-o", "tsv");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(SYSTEM_PRINCIPAL_ID + "\n");
    assertThat(Json.parse(patchBody(server))).isEqualTo(Json.parse("{\"identity\":{\"type\":\"SystemAssigned, UserAssigned\","
        + "\"userAssignedIdentities\":{\"" + IDENTITY_ID + "\":{}}}}"));
  }

  @Test
  void assign_theGuidOfTheSeedsErrorMessage_findsTheIdentityInTheSubscription() {
    // The registry lost its user-assigned identity; the error message named it by client id.
    server.on("GET", ALL_PATH, 200, "{\"value\":[" + registry("null", ENCRYPTION) + "]}");
    server.on("GET", REG_PATH, 200, registry("null", ENCRYPTION));
    server.on("GET", IDENTITIES_PATH, 200, identityList());
    server.on("PATCH", REG_PATH, 200, cmkRegistry());

    TestCli.Result r = cli.run("acr", "identity", "assign", "-n", "MyReg", "--identities", CLIENT_ID);

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(patchBody(server))).isEqualTo(Json.parse("{\"identity\":{\"type\":\"UserAssigned\","
        + "\"userAssignedIdentities\":{\"" + IDENTITY_ID + "\":{}}}}"));
    assertThat(Json.parse(r.out()).at("/identity/userAssignedIdentities").has(IDENTITY_ID)).isTrue();
    assertThat(Json.parse(r.out()).get("resourceGroup").asText()).isEqualTo("rg1");
  }

  @Test
  void assign_principalIdAndName_bothResolved() {
    server.on("GET", REG_PATH, 200, registry("null", ENCRYPTION));
    server.on("GET", IDENTITIES_PATH, 200, identityList());
    server.on("PATCH", REG_PATH, 200, cmkRegistry());

    TestCli.Result r = cli.run("acr", "identity", "assign", "-n", "MyReg", "-g", "rg1",
        "--identities", OTHER_PRINCIPAL_ID, "myid");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(patchBody(server))).isEqualTo(Json.parse("{\"identity\":{\"type\":\"UserAssigned\","
        + "\"userAssignedIdentities\":{\"" + OTHER_ID + "\":{},\"" + IDENTITY_PATH + "\":{}}}}"));
  }

  @Test
  void assign_unknownGuid_notFoundAndNothingChanged() {
    server.on("GET", REG_PATH, 200, cmkRegistry());
    server.on("GET", IDENTITIES_PATH, 200, identityList());
    String unknown = "00000000-1111-4000-8000-000000000000";

    TestCli.Result r = cli.run("acr", "identity", "assign", "-n", "MyReg", "-g", "rg1", "--identities", unknown);

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).isEqualTo("ERROR: No user-assigned identity with client id or principal id '" + unknown
        + "' was found in subscription 'sub-1'.\n");
    assertThat(server.requests()).noneMatch(req -> req.method().equals("PATCH"));
  }

  @Test
  void assign_withoutIdentities_usageError() {
    TestCli.Result r = cli.run("acr", "identity", "assign", "-n", "MyReg");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--identities");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void remove_userIdentity_sentAsNullAndTypeRecomputed() {
    server.on("GET", REG_PATH, 200, registry(BOTH_IDENTITIES, ENCRYPTION));
    server.on("PATCH", REG_PATH, 200, registry("{\"type\":\"SystemAssigned\",\"principalId\":\""
        + SYSTEM_PRINCIPAL_ID + "\",\"tenantId\":\"tenant-1\",\"userAssignedIdentities\":null}", ENCRYPTION));

    TestCli.Result r = cli.run("acr", "identity", "remove", "-n", "MyReg", "-g", "rg1", "--identities", IDENTITY_ID);

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(patchBody(server))).isEqualTo(Json.parse("{\"identity\":{\"type\":\"SystemAssigned\","
        + "\"userAssignedIdentities\":{\"" + IDENTITY_ID + "\":null}}}"));
  }

  @Test
  void remove_byNameIgnoringCase_lastIdentityGivesTypeNone() {
    server.on("GET", REG_PATH, 200, cmkRegistry());
    server.on("PATCH", REG_PATH, 200, registry("null", ENCRYPTION));

    TestCli.Result r = cli.run("acr", "identity", "remove", "-n", "MyReg", "-g", "rg1", "--identities", "MyId");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(patchBody(server))).isEqualTo(Json.parse("{\"identity\":{\"type\":\"None\","
        + "\"userAssignedIdentities\":{\"" + IDENTITY_ID + "\":null}}}"));
  }

  @Test
  void remove_system_keepsTheUserIdentities() {
    server.on("GET", REG_PATH, 200, registry(BOTH_IDENTITIES, ENCRYPTION));
    server.on("PATCH", REG_PATH, 200, cmkRegistry());
    cli.run("acr", "identity", "remove", "-n", "MyReg", "-g", "rg1", "--identities", "[system]");
    assertThat(Json.parse(patchBody(server))).isEqualTo(Json.parse("{\"identity\":{\"type\":\"UserAssigned\","
        + "\"userAssignedIdentities\":{\"" + IDENTITY_ID + "\":{}}}}"));
  }

  @Test
  void remove_theIdentityTheKeyIsReadWith_printsTheSeedsMessageVerbatim() {
    String message = "Azure resource '" + REG_PATH + "' does not have access to identity '" + CLIENT_ID
        + "' Try forcibly adding the identity to the registry MyReg. For more information on bring your own key, "
        + "please visit 'https://aka.ms/acr/cmk'.";
    server.on("GET", REG_PATH, 200, cmkRegistry());
    server.on("PATCH", REG_PATH, 400, error("IdentityInUse", message));

    TestCli.Result r = cli.run("acr", "identity", "remove", "-n", "MyReg", "-g", "rg1", "--identities", CLIENT_ID);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("ERROR: (IdentityInUse) " + message + "\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void remove_identityNotAssigned_refusedWithoutAnyChange() {
    server.on("GET", REG_PATH, 200, cmkRegistry());
    TestCli.Result r = cli.run("acr", "identity", "remove", "-n", "MyReg", "-g", "rg1", "--identities", "other");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo(
        "ERROR: The registry does not have specified user identity 'other' assigned, so it cannot be removed.\n");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void remove_systemThatIsNotThere_refused() {
    server.on("GET", REG_PATH, 200, cmkRegistry());
    TestCli.Result r = cli.run("acr", "identity", "remove", "-n", "MyReg", "-g", "rg1", "--identities", "[system]");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("ERROR: The registry does not have a system identity assigned.\n");
  }

  @Test
  void remove_registryWithoutIdentities_refused() {
    server.on("GET", REG_PATH, 200, plainRegistry());
    TestCli.Result r = cli.run("acr", "identity", "remove", "-n", "MyReg", "-g", "rg1", "--identities", "myid");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("ERROR: The registry MyReg has no system or user assigned identities.\n");
  }

  @Test
  void show_unknownRegistryInGroup_exitsThree() {
    server.on("GET", REG_PATH, 404, error("ResourceNotFound",
        "The Resource 'Microsoft.ContainerRegistry/registries/MyReg' under resource group 'rg1' was not found."));
    TestCli.Result r = cli.run("acr", "identity", "show", "-n", "MyReg", "-g", "rg1");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).startsWith("ERROR: (ResourceNotFound) The Resource");
  }

  @Test
  void help_everyCommand() {
    for (String command : new String[] {"assign", "remove", "show"}) {
      TestCli.Result r = cli.run("acr", "identity", command, "--help");
      assertThat(r.exitCode()).as(command).isZero();
      assertThat(r.out()).as(command).contains("--name");
    }
    assertThat(cli.run("acr", "identity", "assign", "--help").out()).contains("[system]");
  }
}
