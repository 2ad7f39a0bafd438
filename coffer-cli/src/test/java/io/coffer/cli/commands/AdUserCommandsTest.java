package io.coffer.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.FakeServer;
import io.coffer.cli.TestCli;
import io.coffer.common.Json;
import org.junit.jupiter.api.Test;

class AdUserCommandsTest extends LoggedInCliTest {
  static final String BOB = "{\"id\":\"uid-1\",\"userPrincipalName\":\"bob@example.com\",\"displayName\":\"Bob\","
      + "\"accountEnabled\":true}";

  @Test
  void create_postsTheUser_printsIt() {
    server.on("POST", "/v1.0/users", 201, BOB);
    TestCli.Result r = cli.run("ad", "user", "create", "--display-name", "Bob", "--password", "S3cret!pw",
        "--user-principal-name", "bob@example.com", "--query", "id", "-o", "tsv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("uid-1\n");
    FakeServer.Request post = server.single("POST", "/v1.0/users");
    assertThat(post.header("Authorization")).isEqualTo("Bearer token-1");
    assertThat(post.params()).doesNotContainKey("api-version");
    assertThat(Json.parse(post.body())).isEqualTo(Json.parse("{\"accountEnabled\":true,\"displayName\":\"Bob\","
        + "\"passwordProfile\":{\"password\":\"S3cret!pw\"},\"userPrincipalName\":\"bob@example.com\"}"));
  }

  @Test
  void create_missingPassword_usageError() {
    TestCli.Result r = cli.run("ad", "user", "create", "--display-name", "Bob", "--user-principal-name", "b@x");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--password");
  }

  @Test
  void create_refused_printsGraphErrorExitsOne() {
    server.on("POST", "/v1.0/users", 400,
        "{\"error\":{\"code\":\"Request_BadRequest\",\"message\":\"userPrincipalName already exists.\"}}");
    TestCli.Result r = cli.run("ad", "user", "create", "--display-name", "Bob", "--password", "pw",
        "--user-principal-name", "bob@example.com");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("ERROR: (Request_BadRequest) userPrincipalName already exists.");
  }

  @Test
  void list_followsOdataNextLink_andFiltersByUpn() {
    server.on("GET", "/v1.0/users", req -> req.params().containsKey("$skiptoken")
        ? FakeServer.Response.json(200, "{\"value\":[{\"id\":\"uid-2\",\"userPrincipalName\":\"eve@example.com\"}]}")
        : FakeServer.Response.json(200, "{\"value\":[" + BOB + "],\"@odata.nextLink\":\"" + server.url()
            + "/v1.0/users?$skiptoken=x\"}"));
    assertThat(cli.run("ad", "user", "list", "--query", "[].id", "-o", "tsv").out()).isEqualTo("uid-1\nuid-2\n");
    assertThat(cli.run("ad", "user", "list", "--upn", "EVE@example.com", "--query", "[].id", "-o", "tsv").out())
        .isEqualTo("uid-2\n");
  }

  @Test
  void showAndDelete_byPrincipalName() {
    server.on("GET", "/v1.0/users/bob@example.com", 200, BOB);
    server.on("DELETE", "/v1.0/users/bob@example.com", 204, "");
    assertThat(cli.run("ad", "user", "show", "--id", "bob@example.com", "--query", "displayName", "-o", "tsv").out())
        .isEqualTo("Bob\n");
    TestCli.Result del = cli.run("ad", "user", "delete", "--id", "bob@example.com");
    assertThat(del.exitCode()).as(del.err()).isZero();
    assertThat(del.out()).isEmpty();
  }

  @Test
  void show_missing_exitsThree() {
    server.on("GET", "/v1.0/users/nobody", 404,
        "{\"error\":{\"code\":\"Request_ResourceNotFound\",\"message\":\"Resource 'nobody' does not exist.\"}}");
    TestCli.Result r = cli.run("ad", "user", "show", "--id", "nobody");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).startsWith("ERROR: (Request_ResourceNotFound) Resource 'nobody' does not exist.");
  }
}
