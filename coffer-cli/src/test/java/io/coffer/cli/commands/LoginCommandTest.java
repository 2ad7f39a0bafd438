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

class LoginCommandTest {
  static final String TOKEN_RESPONSE =
      "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"rt-1\"}";
  static final String SUBSCRIPTIONS = "{\"value\":[{\"id\":\"/subscriptions/sub-1\",\"subscriptionId\":\"sub-1\","
      + "\"tenantId\":\"t-1\",\"displayName\":\"Default\",\"state\":\"Enabled\"},"
      + "{\"id\":\"/subscriptions/sub-2\",\"subscriptionId\":\"sub-2\",\"tenantId\":\"t-1\","
      + "\"displayName\":\"Other\",\"state\":\"Enabled\"}]}";

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
  void login_validCredentials_exchangesPasswordAndPrintsSubscriptions() {
    server.on("POST", "/oauth2/token", 200, TOKEN_RESPONSE).on("GET", "/subscriptions", 200, SUBSCRIPTIONS);

    TestCli.Result r = cli.run("login", "--server", server.url() + "/", "--username", "alice", "--password", "p&ss w");

    assertThat(r.exitCode()).as(r.err()).isZero();
    FakeServer.Request token = server.single("POST", "/oauth2/token");
    assertThat(token.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(token.body()).isEqualTo("grant_type=password&username=alice&password=p%26ss+w");
    assertThat(token.form()).containsEntry("password", "p&ss w");
    assertThat(token.header("Authorization")).isNull();
    FakeServer.Request subs = server.single("GET", "/subscriptions");
    assertThat(subs.params()).containsEntry("api-version", "2022-12-01");
    assertThat(subs.header("Authorization")).isEqualTo("Bearer at-1");
    assertThat(r.out()).isEqualTo("""
        [
          {
            "cloudName": "Coffer",
            "id": "sub-1",
            "isDefault": true,
            "name": "Default",
            "state": "Enabled",
            "tenantId": "t-1",
            "user": {
              "name": "alice",
              "type": "user"
            }
          },
          {
            "cloudName": "Coffer",
            "id": "sub-2",
            "isDefault": false,
            "name": "Other",
            "state": "Enabled",
            "tenantId": "t-1",
            "user": {
              "name": "alice",
              "type": "user"
            }
          }
        ]
        """);
  }

  @Test
  void login_success_savesSessionOnFirstSubscription() {
    server.on("POST", "/oauth2/token", 200, TOKEN_RESPONSE).on("GET", "/subscriptions", 200, SUBSCRIPTIONS);
    cli.run("login", "--server", server.url(), "-u", "alice", "-p", "pw");
    Session s = cli.store().load().orElseThrow();
    assertThat(s.server()).isEqualTo(server.url());
    assertThat(s.username()).isEqualTo("alice");
    assertThat(s.accessToken()).isEqualTo("at-1");
    assertThat(s.refreshToken()).isEqualTo("rt-1");
    assertThat(s.expiresOn()).isEqualTo(TestCli.NOW.getEpochSecond() + 3600);
    assertThat(s.subscriptionId()).isEqualTo("sub-1");
    assertThat(s.tenantId()).isEqualTo("t-1");
    assertThat(s.caFile()).isNull();
  }

  @Test
  void login_wrongPassword_printsOAuthErrorExitsOne() {
    server.on("POST", "/oauth2/token", 400,
        "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid username or password.\"}");
    TestCli.Result r = cli.run("login", "--server", server.url(), "-u", "alice", "-p", "bad");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("ERROR: invalid_grant: Invalid username or password.\n");
    assertThat(cli.store().load()).isEmpty();
  }

  @Test
  void login_serverDown_namesTheServer() {
    String url = server.url();
    server.close();
    TestCli.Result r = cli.run("login", "--server", url, "-u", "alice", "-p", "pw");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("ERROR: Cannot connect to the Coffer server at " + url);
  }

  @Test
  void login_noSubscriptions_errorAndNoSession() {
    server.on("POST", "/oauth2/token", 200, TOKEN_RESPONSE).on("GET", "/subscriptions", 200, "{\"value\":[]}");
    TestCli.Result r = cli.run("login", "--server", server.url(), "-u", "alice", "-p", "pw");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("No subscriptions found for 'alice'");
    assertThat(cli.store().load()).isEmpty();
  }

  @Test
  void login_missingPasswordWithoutTerminal_usageError() {
    TestCli.Result r = cli.run("login", "--server", server.url(), "-u", "alice");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--password");
  }

  @Test
  void logout_loggedIn_removesSessionSilently() {
    cli.loggedInTo(server.url());
    TestCli.Result r = cli.run("logout");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(cli.store().file()).doesNotExist();
  }

  @Test
  void logout_notLoggedIn_asksToLogIn() {
    TestCli.Result r = cli.run("logout");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("Please run 'coffer login'");
  }
}
