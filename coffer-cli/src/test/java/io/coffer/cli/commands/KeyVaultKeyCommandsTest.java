package io.coffer.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.FakeServer;
import io.coffer.cli.TestCli;
import io.coffer.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code keyvault key}: the vault is found on the control plane, its data plane is reached at
 * {@code http://myvault.vault.localhost:<port>/} (the same fake server, on loopback) with a token
 * for {@code https://vault.localhost}.
 */
class KeyVaultKeyCommandsTest extends VaultKeyCliTest {
  @Test
  void create_default_postsToTheVaultWithAVaultToken_andPrintsAzShape() {
    server.on("POST", "/keys/mykey/create", 200, keyBundle());

    TestCli.Result r = cli.run("keyvault", "key", "create", "--name", "mykey", "--vault-name", "myvault");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(server.single("POST", "/oauth2/token").form()).containsEntry("grant_type", "refresh_token")
        .containsEntry("refresh_token", "refresh-1").containsEntry("resource", "https://vault.localhost");
    assertThat(Json.parse(dataPlane("POST", "/keys/mykey/create").body()))
        .isEqualTo(Json.parse("{\"kty\":\"RSA\",\"attributes\":{\"enabled\":true}}"));
    assertThat(Json.parse(r.out())).isEqualTo(Json.parse("{\"attributes\":{\"created\":\"2024-05-01T10:00:00+00:00\","
        + "\"enabled\":true,\"expires\":null,\"exportable\":null,\"hsmPlatform\":null,\"notBefore\":null,\"recoverableDays\":90,"
        + "\"recoveryLevel\":\"Recoverable\",\"updated\":\"2024-05-01T10:00:00+00:00\"},"
        + "\"key\":{\"crv\":null,\"d\":null,\"dp\":null,\"dq\":null,\"e\":\"AQAB\",\"k\":null,"
        + "\"keyOps\":[\"wrapKey\",\"unwrapKey\"],\"kid\":\"" + vaultUri + "keys/mykey/" + VERSION + "\","
        + "\"kty\":\"RSA\",\"n\":\"0vx7agoebGcQSuu\",\"p\":null,\"q\":null,\"qi\":null,\"t\":null,\"x\":null,\"y\":null},"
        + "\"managed\":null,\"releasePolicy\":null,\"tags\":{\"purpose\":\"cmk\"}}"));
  }

  @Test
  void create_allFlags_sentAsTheDataPlaneNamesThem() {
    server.on("POST", "/keys/hsmkey/create", 200, keyBundle());
    TestCli.Result r = cli.run("keyvault", "key", "create", "--vault-name", "myvault", "-n", "hsmkey",
        "--kty", "rsa", "--protection", "hsm", "--size", "3072", "--ops", "wrapKey", "unwrapKey", "--disabled",
        "--expires", "2030-01-01T00:00:00Z", "--not-before", "2024-06-01", "--tags", "purpose=cmk");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(dataPlane("POST", "/keys/hsmkey/create").body())).isEqualTo(Json.parse(
        "{\"kty\":\"RSA-HSM\",\"key_size\":3072,\"key_ops\":[\"wrapKey\",\"unwrapKey\"],\"attributes\":"
            + "{\"enabled\":false,\"exp\":1893456000,\"nbf\":1717200000},\"tags\":{\"purpose\":\"cmk\"}}"));
  }

  @Test
  void create_ecCurve_sent() {
    server.on("POST", "/keys/eckey/create", 200, keyBundle());
    TestCli.Result r = cli.run("keyvault", "key", "create", "--vault-name", "myvault", "-n", "eckey",
        "--kty", "EC", "--curve", "p-384");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(dataPlane("POST", "/keys/eckey/create").body()))
        .isEqualTo(Json.parse("{\"kty\":\"EC\",\"crv\":\"P-384\",\"attributes\":{\"enabled\":true}}"));
  }

  @Test
  void create_badArguments_usageErrorBeforeAnyCall() {
    String[][] bad = {{"--kty", "DSA"}, {"--size", "1024"}, {"--kty", "EC", "--size", "2048"}, {"--curve", "P-256"},
        {"--curve", "P-192", "--kty", "EC"}, {"--ops", "fly"}, {"--expires", "tomorrow"}, {"--protection", "cloud"},
        {"--disabled", "maybe"}};
    for (String[] args : bad) {
      java.util.List<String> full = new java.util.ArrayList<>(
          java.util.List.of("keyvault", "key", "create", "--vault-name", "myvault", "-n", "k"));
      full.addAll(java.util.List.of(args));
      TestCli.Result r = cli.run(full.toArray(String[]::new));
      assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
      assertThat(r.err()).startsWith("ERROR: ");
    }
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void create_seedsEnDashName_readAsName() {
    server.on("POST", "/keys/mykey/create", 200, keyBundle());
    TestCli.Result r = cli.run("keyvault", "key", "create", "\u2013-name", "mykey", "--vault-name", "myvault");
    assertThat(r.exitCode()).as(r.err()).isZero();
    dataPlane("POST", "/keys/mykey/create");
  }

  @Test
  void show_queryKeyKidTsv_givesTheVersionedKeyIdAsTheSeedUsesIt() {
    server.on("GET", "/keys/mykey/", 200, keyBundle());
    TestCli.Result r = cli.run("keyvault", "key", "show", "--name", "mykey", "--vault-name", "myvault",
        "--query", "key.kid", "--output", "tsv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(vaultUri + "keys/mykey/" + VERSION + "\n");
    dataPlane("GET", "/keys/mykey/");
  }

  @Test
  void show_seedFields_ktyNEKeyOpsAttributes() {
    server.on("GET", "/keys/mykey/" + VERSION, 200, keyBundle());
    TestCli.Result r = cli.run("keyvault", "key", "show", "-n", "mykey", "--vault-name", "myvault",
        "--version", VERSION, "--query", "[key.kty, key.e, key.n, length(key.keyOps), attributes.enabled]", "-o", "tsv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("RSA\nAQAB\n0vx7agoebGcQSuu\n2\ntrue\n");
  }

  @Test
  void show_byId_goesStraightToTheVaultOfTheId() {
    server.on("GET", "/keys/mykey/" + VERSION, 200, keyBundle());
    TestCli.Result r = cli.run("keyvault", "key", "show", "--id", vaultUri + "keys/mykey/" + VERSION,
        "--query", "key.kid", "-o", "tsv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(vaultUri + "keys/mykey/" + VERSION + "\n");
    dataPlane("GET", "/keys/mykey/" + VERSION);
    assertThat(server.requests()).noneMatch(q -> q.path().startsWith("/subscriptions/"));
  }

  @Test
  void show_versionlessId_getsTheLatestVersion() {
    server.on("GET", "/keys/mykey/", 200, keyBundle());
    TestCli.Result r = cli.run("keyvault", "key", "show", "--id", vaultUri + "keys/mykey");
    assertThat(r.exitCode()).as(r.err()).isZero();
    dataPlane("GET", "/keys/mykey/");
  }

  @Test
  void show_badIdOrMissingNames_usageError() {
    assertThat(cli.run("keyvault", "key", "show", "--id", vaultUri + "prefix/keys/mykey").exitCode()).isEqualTo(2);
    assertThat(cli.run("keyvault", "key", "show", "--vault-name", "myvault").exitCode()).isEqualTo(2);
    assertThat(cli.run("keyvault", "key", "show", "--id", vaultUri + "keys/k", "--name", "k").exitCode())
        .isEqualTo(2);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void show_keyNotFound_exitsThreeWithTheVaultsError() {
    server.on("GET", "/keys/nokey/", 404,
        "{\"error\":{\"code\":\"KeyNotFound\",\"message\":\"A key with (name/id) nokey was not found in this key vault.\"}}");
    TestCli.Result r = cli.run("keyvault", "key", "show", "-n", "nokey", "--vault-name", "myvault");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).startsWith("ERROR: (KeyNotFound) A key with (name/id) nokey was not found");
  }

  @Test
  void anyKeyCommand_unknownVault_notFoundWithinSubscription() {
    TestCli.Result r = cli.run("keyvault", "key", "show", "-n", "mykey", "--vault-name", "other");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).isEqualTo("ERROR: The Vault 'other' not found within subscription.\n");
  }

  @Test
  void list_followsNextLinkOnTheVault_andPrintsItems() {
    String item = "{\"kid\":\"" + vaultUri + "keys/%s\",\"attributes\":{\"enabled\":true,\"created\":1714557600}}";
    server.on("GET", "/keys", req -> req.params().containsKey("$skiptoken")
        ? FakeServer.Response.json(200, "{\"value\":[" + item.formatted("k2") + "],\"nextLink\":null}")
        : FakeServer.Response.json(200, "{\"value\":[" + item.formatted("k1") + "],\"nextLink\":\"" + vaultUri
            + "keys?api-version=7.5&$skiptoken=abc\"}"));

    TestCli.Result r = cli.run("keyvault", "key", "list", "--vault-name", "myvault");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode out = Json.parse(r.out());
    assertThat(out).hasSize(2);
    assertThat(out.get(0)).isEqualTo(Json.parse("{\"attributes\":{\"created\":\"2024-05-01T10:00:00+00:00\","
        + "\"enabled\":true,\"expires\":null,\"exportable\":null,\"hsmPlatform\":null,\"notBefore\":null,\"recoverableDays\":null,"
        + "\"recoveryLevel\":null,\"updated\":null},\"kid\":\"" + vaultUri + "keys/k1\",\"managed\":null,"
        + "\"name\":\"k1\",\"tags\":null}"));
    assertThat(out.get(1).get("name").asText()).isEqualTo("k2");
    assertThat(server.requests().stream().filter(q -> q.path().equals("/keys")))
        .allMatch(q -> "Bearer vault-token".equals(q.header("Authorization")));
  }

  @Test
  void list_maxResults_limitsAndRangeChecked() {
    server.on("GET", "/keys", 200, "{\"value\":[{\"kid\":\"" + vaultUri + "keys/a\"},{\"kid\":\"" + vaultUri
        + "keys/b\"}]}");
    TestCli.Result r = cli.run("keyvault", "key", "list", "--vault-name", "myvault", "--maxresults", "1",
        "--query", "[].name", "-o", "tsv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("a\n");
    assertThat(server.single("GET", "/keys").params()).containsEntry("maxresults", "1");
    assertThat(cli.run("keyvault", "key", "list", "--vault-name", "myvault", "--maxresults", "26").exitCode())
        .isEqualTo(2);
  }

  @Test
  void listVersions_printsVersionedIds() {
    server.on("GET", "/keys/mykey/versions", 200, "{\"value\":[{\"kid\":\"" + vaultUri + "keys/mykey/" + VERSION
        + "\",\"attributes\":{\"enabled\":true}}]}");
    TestCli.Result r = cli.run("keyvault", "key", "list-versions", "--vault-name", "myvault", "-n", "mykey",
        "--query", "[].kid", "-o", "tsv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(vaultUri + "keys/mykey/" + VERSION + "\n");
  }

  @Test
  void setAttributes_sendsOnlyWhatWasGiven() {
    server.on("PATCH", "/keys/mykey/" + VERSION, 200, keyBundle());
    TestCli.Result r = cli.run("keyvault", "key", "set-attributes", "--vault-name", "myvault", "-n", "mykey",
        "--version", VERSION, "--enabled", "false", "--ops", "wrapKey", "--tags", "a=b");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(dataPlane("PATCH", "/keys/mykey/" + VERSION).body())).isEqualTo(Json.parse(
        "{\"attributes\":{\"enabled\":false},\"key_ops\":[\"wrapKey\"],\"tags\":{\"a\":\"b\"}}"));
  }

  @Test
  void setAttributes_latestVersion_usesTheEmptyVersionSegment_andNeedsAChange() {
    server.on("PATCH", "/keys/mykey/", 200, keyBundle());
    TestCli.Result r = cli.run("keyvault", "key", "set-attributes", "--vault-name", "myvault", "-n", "mykey",
        "--expires", "2031-01-01T01:00:00+01:00");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(dataPlane("PATCH", "/keys/mykey/").body()))
        .isEqualTo(Json.parse("{\"attributes\":{\"exp\":1924992000}}"));
    assertThat(cli.run("keyvault", "key", "set-attributes", "--vault-name", "myvault", "-n", "mykey").exitCode())
        .isEqualTo(2);
  }

  @Test
  void rotate_postsWithoutBody_andPrintsTheNewVersion() {
    String next = "fedcba9876543210fedcba9876543210";
    server.on("POST", "/keys/mykey/rotate", 200, bundle(next, "[\"wrapKey\"]"));
    TestCli.Result r = cli.run("keyvault", "key", "rotate", "--vault-name", "myvault", "-n", "mykey",
        "--query", "key.kid", "-o", "tsv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(vaultUri + "keys/mykey/" + next + "\n");
    assertThat(dataPlane("POST", "/keys/mykey/rotate").body()).isEmpty();
  }

  @Test
  void deleteRecoverPurge_softDeleteLifecycle() {
    String deleted = keyBundle().substring(0, keyBundle().length() - 1) + ",\"recoveryId\":\"" + vaultUri
        + "deletedkeys/mykey\",\"deletedDate\":1714557600,\"scheduledPurgeDate\":1722333600}";
    server.on("DELETE", "/keys/mykey", 200, deleted);
    server.on("POST", "/deletedkeys/mykey/recover", 200, keyBundle());
    server.on("DELETE", "/deletedkeys/mykey", 204, "");

    TestCli.Result del = cli.run("keyvault", "key", "delete", "--vault-name", "myvault", "-n", "mykey");
    assertThat(del.exitCode()).as(del.err()).isZero();
    JsonNode out = Json.parse(del.out());
    assertThat(out.get("recoveryId").asText()).isEqualTo(vaultUri + "deletedkeys/mykey");
    assertThat(out.get("deletedDate").asText()).isEqualTo("2024-05-01T10:00:00+00:00");
    assertThat(out.get("scheduledPurgeDate").asText()).isEqualTo("2024-07-30T10:00:00+00:00");
    assertThat(out.at("/key/kid").asText()).endsWith("/keys/mykey/" + VERSION);

    TestCli.Result recover = cli.run("keyvault", "key", "recover", "--vault-name", "myvault", "-n", "mykey",
        "--query", "attributes.enabled", "-o", "tsv");
    assertThat(recover.exitCode()).as(recover.err()).isZero();
    assertThat(recover.out()).isEqualTo("true\n");
    dataPlane("POST", "/deletedkeys/mykey/recover");

    TestCli.Result purge = cli.run("keyvault", "key", "purge", "--vault-name", "myvault", "-n", "mykey");
    assertThat(purge.exitCode()).as(purge.err()).isZero();
    assertThat(purge.out()).isEmpty();
    dataPlane("DELETE", "/deletedkeys/mykey");
  }

  @Test
  void purge_refusedByTheVault_exitsOneWithItsMessage() {
    server.on("DELETE", "/deletedkeys/mykey", 403,
        "{\"error\":{\"code\":\"Forbidden\",\"message\":\"Operation purge is not allowed under purge protection.\"}}");
    TestCli.Result r = cli.run("keyvault", "key", "purge", "--vault-name", "myvault", "-n", "mykey");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("ERROR: (Forbidden) Operation purge is not allowed");
  }

  @Test
  void listDeleted_printsDeletedItems() {
    server.on("GET", "/deletedkeys", 200, "{\"value\":[{\"kid\":\"" + vaultUri + "keys/mykey\",\"recoveryId\":\""
        + vaultUri + "deletedkeys/mykey\",\"deletedDate\":1714557600,\"scheduledPurgeDate\":1722333600}]}");
    TestCli.Result r = cli.run("keyvault", "key", "list-deleted", "--vault-name", "myvault",
        "--query", "[].[name, recoveryId, scheduledPurgeDate]", "-o", "tsv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("mykey\t" + vaultUri + "deletedkeys/mykey\t2024-07-30T10:00:00+00:00\n");
  }

  static final String POLICY = "{\"id\":\"https://myvault.vault.localhost/keys/mykey/rotationpolicy\","
      + "\"lifetimeActions\":[{\"trigger\":{\"timeAfterCreate\":\"P90D\"},\"action\":{\"type\":\"Rotate\"}}],"
      + "\"attributes\":{\"expiryTime\":\"P2Y\",\"created\":1714557600,\"updated\":1714557600}}";

  @Test
  void rotationPolicyShow_printedAsAzDoes() {
    server.on("GET", "/keys/mykey/rotationpolicy", 200, POLICY);
    TestCli.Result r = cli.run("keyvault", "key", "rotation-policy", "show", "--vault-name", "myvault", "-n", "mykey");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(r.out())).isEqualTo(Json.parse("{\"createdOn\":\"2024-05-01T10:00:00+00:00\","
        + "\"expiresIn\":\"P2Y\",\"id\":\"https://myvault.vault.localhost/keys/mykey/rotationpolicy\","
        + "\"lifetimeActions\":[{\"action\":\"Rotate\",\"timeAfterCreate\":\"P90D\",\"timeBeforeExpiry\":null}],"
        + "\"updatedOn\":\"2024-05-01T10:00:00+00:00\"}"));
  }

  @Test
  void rotationPolicyUpdate_fromFile_putsThePolicy() throws Exception {
    Path file = dir.resolve("policy.json");
    Files.writeString(file, "{\"lifetimeActions\":[{\"trigger\":{\"timeAfterCreate\":\"P30D\"},"
        + "\"action\":{\"type\":\"Rotate\"}}],\"attributes\":{\"expiryTime\":\"P1Y\"}}");
    server.on("PUT", "/keys/mykey/rotationpolicy", 200, POLICY);
    TestCli.Result r = cli.run("keyvault", "key", "rotation-policy", "update", "--vault-name", "myvault",
        "-n", "mykey", "--value", "@" + file);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(dataPlane("PUT", "/keys/mykey/rotationpolicy").body())).isEqualTo(Json.parse(
        "{\"lifetimeActions\":[{\"trigger\":{\"timeAfterCreate\":\"P30D\"},\"action\":{\"type\":\"Rotate\"}}],"
            + "\"attributes\":{\"expiryTime\":\"P1Y\"}}"));
  }

  @Test
  void rotationPolicyUpdate_shownShapeAccepted_badJsonRefused() {
    server.on("PUT", "/keys/mykey/rotationpolicy", 200, POLICY);
    TestCli.Result r = cli.run("keyvault", "key", "rotation-policy", "update", "--vault-name", "myvault",
        "-n", "mykey", "--value", "{\"expiresIn\":\"P2Y\",\"lifetimeActions\":[{\"action\":\"Notify\","
            + "\"timeBeforeExpiry\":\"P30D\",\"timeAfterCreate\":null}]}");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(dataPlane("PUT", "/keys/mykey/rotationpolicy").body())).isEqualTo(Json.parse(
        "{\"lifetimeActions\":[{\"trigger\":{\"timeBeforeExpiry\":\"P30D\"},\"action\":{\"type\":\"Notify\"}}],"
            + "\"attributes\":{\"expiryTime\":\"P2Y\"}}"));
    assertThat(cli.run("keyvault", "key", "rotation-policy", "update", "--vault-name", "myvault", "-n", "mykey",
        "--value", "{not json").exitCode()).isEqualTo(2);
  }

  @Test
  void vaultToken_refused_clearError() {
    server.on("POST", "/oauth2/token", 400, "{\"error\":\"invalid_grant\",\"error_description\":\"revoked\"}");
    TestCli.Result r = cli.run("keyvault", "key", "show", "-n", "mykey", "--vault-name", "myvault");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("Could not get a token for 'https://vault.localhost'").contains("invalid_grant");
  }
}
