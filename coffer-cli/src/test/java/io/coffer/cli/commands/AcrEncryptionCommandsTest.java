package io.coffer.cli.commands;

import static io.coffer.cli.commands.CmkRegistries.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.FakeServer;
import io.coffer.cli.TestCli;
import io.coffer.common.Json;
import org.junit.jupiter.api.Test;

class AcrEncryptionCommandsTest extends LoggedInCliTest {
  @Test
  void show_seedCommand_printsTheRegistrysEncryptionWithSortedKeys() {
    server.on("GET", ALL_PATH, 200, "{\"value\":[" + cmkRegistry() + "]}");
    server.on("GET", REG_PATH, 200, cmkRegistry());

    TestCli.Result r = cli.run("acr", "encryption", "show", "--name", "MyReg");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("""
        {
          "keyHealth": {
            "lastError": null,
            "lastErrorTime": null,
            "status": "Healthy"
          },
          "keyVaultProperties": {
            "identity": "%s",
            "keyIdentifier": "%s",
            "keyRotationEnabled": false,
            "lastKeyRotationTimestamp": "2024-05-01T10:00:00Z",
            "versionedKeyIdentifier": "%s"
          },
          "status": "enabled"
        }
        """.formatted(CLIENT_ID, KEY_V1, KEY_V1));
    assertThat(server.single("GET", REG_PATH).params()).containsEntry("api-version", "2023-07-01");
  }

  @Test
  void show_query_printsOneField() {
    server.on("GET", REG_PATH, 200, cmkRegistry());
    TestCli.Result r = cli.run("acr", "encryption", "show", "-n", "MyReg", "-g", "rg1",
        "--query", "keyVaultProperties.versionedKeyIdentifier", "-o", "tsv");
    assertThat(r.out()).isEqualTo(KEY_V1 + "\n");
  }

  @Test
  void show_serviceManagedKey_printsDisabledStatus() {
    server.on("GET", REG_PATH, 200, plainRegistry());
    TestCli.Result r = cli.run("acr", "encryption", "show", "-n", "MyReg", "-g", "rg1");
    assertThat(Json.parse(r.out())).isEqualTo(Json.parse("{\"status\":\"disabled\",\"keyVaultProperties\":null}"));
  }

  @Test
  void show_unknownRegistry_exitsThree() {
    server.on("GET", ALL_PATH, 200, "{\"value\":[]}");
    TestCli.Result r = cli.run("acr", "encryption", "show", "-n", "nope");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("The resource with name 'nope'");
  }

  @Test
  void rotateKey_systemIdentity_patchesSystemAndPrintsTheNewEncryption() {
    server.on("GET", REG_PATH, 200, registry(BOTH_IDENTITIES, ENCRYPTION));
    String after = ENCRYPTION.replace("\"identity\":\"" + CLIENT_ID + "\"", "\"identity\":\"system\"")
        .replace("\"keyIdentifier\":\"" + KEY_V1 + "\",\"versionedKeyIdentifier\":\"" + KEY_V1 + "\"",
            "\"keyIdentifier\":\"" + KEY_V2 + "\",\"versionedKeyIdentifier\":\"" + KEY_V2 + "\"");
    server.on("PATCH", REG_PATH, 200, registry(BOTH_IDENTITIES, after));

    TestCli.Result r = cli.run("acr", "encryption", "rotate-key", "--name", "MyReg", "-g", "rg1",
        "--key-encryption-key", KEY_V2, "--identity", "[system]");

    assertThat(r.exitCode()).as(r.err()).isZero();
    FakeServer.Request patch = server.single("PATCH", REG_PATH);
    assertThat(patch.params()).containsEntry("api-version", "2023-07-01");
    assertThat(Json.parse(patch.body())).isEqualTo(Json.parse("{\"properties\":{\"encryption\":{\"keyVaultProperties\":"
        + "{\"keyIdentifier\":\"" + KEY_V2 + "\",\"identity\":\"system\"}}}}"));
    assertThat(Json.parse(r.out())).isEqualTo(Json.parse(after));
  }

  @Test
  void rotateKey_principalIdOfTheRegistrysIdentity_sendsItsClientId() {
    server.on("GET", REG_PATH, 200, cmkRegistry());
    server.on("PATCH", REG_PATH, 200, cmkRegistry());

    TestCli.Result r = cli.run("acr", "encryption", "rotate-key", "-n", "MyReg", "-g", "rg1",
        "--key-encryption-key", KEY, "--identity", PRINCIPAL_ID, "--query", "status", "-o", "tsv");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("enabled\n");
    assertThat(Json.parse(server.single("PATCH", REG_PATH).body()).at("/properties/encryption/keyVaultProperties"))
        .isEqualTo(Json.parse("{\"keyIdentifier\":\"" + KEY + "\",\"identity\":\"" + CLIENT_ID + "\"}"));
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void rotateKey_principalIdOfAnotherIdentity_foundInTheSubscription() {
    server.on("GET", REG_PATH, 200, cmkRegistry());
    server.on("GET", IDENTITIES_PATH, 200, identityList());
    server.on("PATCH", REG_PATH, 200, cmkRegistry());

    TestCli.Result r = cli.run("acr", "encryption", "rotate-key", "-n", "MyReg", "-g", "rg1",
        "--key-encryption-key", KEY_V2, "--identity", OTHER_PRINCIPAL_ID);

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(server.single("PATCH", REG_PATH).body())
        .at("/properties/encryption/keyVaultProperties/identity").asText()).isEqualTo(OTHER_CLIENT_ID);
  }

  @Test
  void rotateKey_unknownGuid_sentAsAClientIdAsAzDoes() {
    String unknown = "00000000-1111-4000-8000-000000000000";
    server.on("GET", REG_PATH, 200, cmkRegistry());
    server.on("GET", IDENTITIES_PATH, 200, identityList());
    server.on("PATCH", REG_PATH, 200, cmkRegistry());
    cli.run("acr", "encryption", "rotate-key", "-n", "MyReg", "-g", "rg1", "--identity", unknown);
    assertThat(Json.parse(server.single("PATCH", REG_PATH).body()).at("/properties/encryption/keyVaultProperties"))
        .isEqualTo(Json.parse("{\"keyIdentifier\":\"" + KEY_V1 + "\",\"identity\":\"" + unknown + "\"}"));
  }

  @Test
  void rotateKey_identityName_readsTheIdentitysClientId() {
    server.on("GET", REG_PATH, 200, cmkRegistry());
    String otherPath = IDENTITY_PATH.replace("/myid", "/other");
    server.on("GET", otherPath, 200, identity(OTHER_ID, "other", OTHER_PRINCIPAL_ID, OTHER_CLIENT_ID));
    server.on("PATCH", REG_PATH, 200, cmkRegistry());

    TestCli.Result r = cli.run("acr", "encryption", "rotate-key", "-n", "MyReg", "-g", "rg1",
        "--key-encryption-key", KEY_V2, "--identity", "other");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(server.single("GET", otherPath).params()).containsEntry("api-version", "2023-01-31");
    assertThat(Json.parse(server.single("PATCH", REG_PATH).body())
        .at("/properties/encryption/keyVaultProperties/identity").asText()).isEqualTo(OTHER_CLIENT_ID);
  }

  @Test
  void rotateKey_keyOnly_keepsTheIdentityInUse() {
    server.on("GET", REG_PATH, 200, cmkRegistry());
    server.on("PATCH", REG_PATH, 200, cmkRegistry());
    cli.run("acr", "encryption", "rotate-key", "-n", "MyReg", "-g", "rg1", "--key-encryption-key", KEY_V2);
    assertThat(Json.parse(server.single("PATCH", REG_PATH).body()).at("/properties/encryption/keyVaultProperties"))
        .isEqualTo(Json.parse("{\"keyIdentifier\":\"" + KEY_V2 + "\",\"identity\":\"" + CLIENT_ID + "\"}"));
  }

  @Test
  void rotateKey_registryWithoutCustomerKey_refusedWithoutAnyChange() {
    server.on("GET", REG_PATH, 200, plainRegistry());
    TestCli.Result r = cli.run("acr", "encryption", "rotate-key", "-n", "MyReg", "-g", "rg1",
        "--key-encryption-key", KEY_V2, "--identity", "[system]");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("ERROR: usage error: key rotation is only applicable to registries with CMK enabled\n");
    assertThat(r.out()).isEmpty();
    assertThat(server.requests()).extracting(FakeServer.Request::method).containsExactly("GET");
  }

  @Test
  void rotateKey_serverRefusesTheIdentity_printsTheSeedsMessageVerbatim() {
    String message = "Azure resource '" + REG_PATH + "' does not have access to identity '" + OTHER_CLIENT_ID
        + "' Try forcibly adding the identity to the registry MyReg. For more information on bring your own key, "
        + "please visit 'https://aka.ms/acr/cmk'.";
    server.on("GET", REG_PATH, 200, cmkRegistry());
    server.on("GET", IDENTITIES_PATH, 200, "{\"value\":[]}");
    server.on("PATCH", REG_PATH, 400, error("InvalidIdentity", message));

    TestCli.Result r = cli.run("acr", "encryption", "rotate-key", "-n", "MyReg", "-g", "rg1",
        "--key-encryption-key", KEY_V2, "--identity", OTHER_CLIENT_ID);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("ERROR: (InvalidIdentity) " + message + "\nCode: InvalidIdentity\nMessage: "
        + message + "\n");
  }

  @Test
  void help_groupAndCommands_describeTheirArguments() {
    TestCli.Result group = cli.run("acr", "encryption", "--help");
    assertThat(group.exitCode()).isZero();
    assertThat(group.out()).contains("rotate-key", "show");
    TestCli.Result rotate = cli.run("acr", "encryption", "rotate-key", "--help");
    assertThat(rotate.exitCode()).isZero();
    assertThat(rotate.out()).contains("--key-encryption-key", "--identity", "[system]", "--name", "-n");
    assertThat(server.requests()).isEmpty();
  }
}
