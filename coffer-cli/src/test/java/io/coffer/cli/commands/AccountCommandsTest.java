package io.coffer.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.FakeServer;
import io.coffer.cli.TestCli;
import io.coffer.cli.session.Session;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountCommandsTest {
  @TempDir Path dir;
  FakeServer server;
  TestCli cli;

  @BeforeEach
  void start() throws Exception {
    server = new FakeServer();
    cli = new TestCli(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void show_loggedIn_printsSubscriptionLikeAz() {
    cli.loggedInTo(server.url());
    TestCli.Result r = cli.run("account", "show");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("""
        {
          "id": "sub-1",
          "isDefault": true,
          "name": "Default",
          "state": "Enabled",
          "tenantId": "tenant-1",
          "user": {
            "name": "alice",
            "type": "user"
          }
        }
        """);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void getAccessToken_validToken_printsItWithLocalExpiry() {
    cli.loggedInTo(server.url());
    TestCli.Result r = cli.run("account", "get-access-token", "-o", "tsv",
        "--query", "[accessToken, expiresOn, expires_on, subscription, tenant, tokenType]");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("token-1\n2024-05-01 11:00:00.000000\n" + (TestCli.NOW.getEpochSecond() + 3600)
        + "\nsub-1\ntenant-1\nBearer\n");
  }

  @Test
  void getAccessToken_expiresOnIsLocalTimeWithoutZone_expiresOnEpochIsNot() {
    cli.clock(java.time.Clock.fixed(TestCli.NOW, java.time.ZoneId.of("Europe/Berlin"))).loggedInTo(server.url());
    TestCli.Result r = cli.run("account", "get-access-token", "-o", "tsv", "--query", "[expiresOn, expires_on]");
    assertThat(r.exitCode()).as(r.err()).isZero();
    // 11:00 UTC is 13:00 in Berlin in May; az prints the local wall-clock time with no offset.
    assertThat(r.out()).isEqualTo("2024-05-01 13:00:00.000000\n" + (TestCli.NOW.getEpochSecond() + 3600) + "\n");
  }

  @Test
  void getAccessToken_expiringWithinAMinute_refreshesAndSavesFirst() {
    cli.loggedInTo(server.url(), TestCli.NOW.getEpochSecond() + 30);
    server.on("POST", "/oauth2/token", 200,
        "{\"access_token\":\"token-2\",\"token_type\":\"Bearer\",\"expires_in\":600,\"refresh_token\":\"refresh-2\"}");

    TestCli.Result r = cli.run("account", "get-access-token", "--query", "accessToken", "-o", "tsv");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("token-2\n");
    assertThat(server.single("POST", "/oauth2/token").body())
        .isEqualTo("grant_type=refresh_token&refresh_token=refresh-1");
    Session saved = cli.store().load().orElseThrow();
    assertThat(saved.accessToken()).isEqualTo("token-2");
    assertThat(saved.refreshToken()).isEqualTo("refresh-2");
    assertThat(saved.expiresOn()).isEqualTo(TestCli.NOW.getEpochSecond() + 600);
  }

  @Test
  void anyCommand_expiredToken_refreshesBeforeTheCall() {
    cli.loggedInTo(server.url(), TestCli.NOW.getEpochSecond() - 10);
    server.on("POST", "/oauth2/token", 200, "{\"access_token\":\"token-2\",\"token_type\":\"Bearer\",\"expires_in\":600}");
    server.on("GET", "/subscriptions/sub-1/resourcegroups", 200, "{\"value\":[]}");

    TestCli.Result r = cli.run("group", "list");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(server.single("GET", "/subscriptions/sub-1/resourcegroups").header("Authorization"))
        .isEqualTo("Bearer token-2");
    assertThat(cli.store().load().orElseThrow().refreshToken()).isEqualTo("refresh-1");
  }

  @Test
  void anyCommand_refreshRefused_asksToLogInAgain() {
    cli.loggedInTo(server.url(), TestCli.NOW.getEpochSecond() - 10);
    server.on("POST", "/oauth2/token", 400, "{\"error\":\"invalid_grant\",\"error_description\":\"revoked\"}");
    TestCli.Result r = cli.run("group", "list");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("invalid_grant: revoked").contains("Please run 'coffer login' to setup account.");
  }

  @Test
  void getAccessToken_resource_asksTheTokenEndpointForThatAudience() {
    cli.loggedInTo(server.url());
    server.on("POST", "/oauth2/token", 200, "{\"access_token\":\"vault-token\",\"token_type\":\"Bearer\","
        + "\"expires_in\":600,\"expires_on\":" + (TestCli.NOW.getEpochSecond() + 600) + ",\"resource\":\"https://vault.localhost\"}");

    TestCli.Result r = cli.run("account", "get-access-token", "--resource", "https://vault.localhost");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(server.single("POST", "/oauth2/token").form()).containsEntry("grant_type", "refresh_token")
        .containsEntry("refresh_token", "refresh-1").containsEntry("resource", "https://vault.localhost");
    assertThat(r.out()).isEqualTo("""
        {
          "accessToken": "vault-token",
          "expiresOn": "2024-05-01 10:10:00.000000",
          "expires_on": %d,
          "subscription": "sub-1",
          "tenant": "tenant-1",
          "tokenType": "Bearer"
        }
        """.formatted(TestCli.NOW.getEpochSecond() + 600));
    assertThat(cli.store().load().orElseThrow().accessToken()).isEqualTo("token-1");
  }

  @Test
  void getAccessToken_scope_sentAsScope_withResourceIsAUsageError() {
    cli.loggedInTo(server.url());
    server.on("POST", "/oauth2/token", 200, "{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":60}");
    TestCli.Result r = cli.run("account", "get-access-token", "--scope", "https://vault.localhost/.default",
        "--query", "expires_on", "-o", "tsv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo((TestCli.NOW.getEpochSecond() + 60) + "\n");
    assertThat(server.single("POST", "/oauth2/token").form()).containsEntry("scope", "https://vault.localhost/.default")
        .doesNotContainKey("resource");
    assertThat(cli.run("account", "get-access-token", "--resource", "https://a", "--scope", "b").exitCode())
        .isEqualTo(2);
  }
}
