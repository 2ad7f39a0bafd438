package io.coffer.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.FakeServer;
import io.coffer.cli.FakeServer.Response;
import io.coffer.cli.TestCli;
import io.coffer.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AcrRepositoryCommandsTest extends LoggedInCliTest {
  static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
      "00000000-0000-0000-0000-000000000000:token-1".getBytes(StandardCharsets.UTF_8));

  @Test
  void list_twoPages_followsLinkHeader() {
    server.on("GET", "/v2/myreg/_catalog", req -> req.params().containsKey("last")
        ? Response.json(200, "{\"repositories\":[\"team/app\"]}")
        : Response.json(200, "{\"repositories\":[\"alpine\",\"repo1\"]}")
            .header("Link", "</v2/myreg/_catalog?last=repo1&n=100>; rel=\"next\""));

    TestCli.Result r = cli.run("acr", "repository", "list", "-n", "MyReg");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("[\n  \"alpine\",\n  \"repo1\",\n  \"team/app\"\n]\n");
    assertThat(server.requests()).hasSize(2).allSatisfy(req -> {
      assertThat(req.header("Authorization")).isEqualTo(BASIC);
      assertThat(req.params()).containsEntry("n", "100");
    });
    assertThat(server.requests().get(1).params()).containsEntry("last", "repo1");
  }

  @Test
  void list_top_stopsPagingAndTruncates() {
    server.on("GET", "/v2/myreg/_catalog", req -> Response.json(200, "{\"repositories\":[\"a\",\"b\"]}")
        .header("Link", "</v2/myreg/_catalog?last=b&n=100>; rel=\"next\""));
    TestCli.Result r = cli.run("acr", "repository", "list", "-n", "myreg", "--top", "1", "-o", "tsv");
    assertThat(r.out()).isEqualTo("a\n");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void list_unauthorized_printsOciError() {
    server.on("GET", "/v2/myreg/_catalog", 401,
        "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\",\"detail\":null}]}");
    TestCli.Result r = cli.run("acr", "repository", "list", "-n", "myreg");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("ERROR: UNAUTHORIZED: authentication required\n");
  }

  @Test
  void showTags_pagedTagsList_printsAllTags() {
    server.on("GET", "/v2/myreg/team/app/tags/list", req -> req.params().containsKey("last")
        ? Response.json(200, "{\"name\":\"team/app\",\"tags\":[\"v2\"]}")
        : Response.json(200, "{\"name\":\"team/app\",\"tags\":[\"latest\",\"v1\"]}")
            .header("Link", "<" + server.url() + "/v2/myreg/team/app/tags/list?last=v1&n=100>; rel=\"next\""));

    TestCli.Result r = cli.run("acr", "repository", "show-tags", "-n", "myreg", "--repository", "team/app", "-o", "tsv");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("latest\nv1\nv2\n");
    assertThat(server.requests().get(0).params()).containsEntry("n", "100");
  }

  @Test
  void showTags_missingRepository_ociErrorExitsThree() {
    server.on("GET", "/v2/myreg/nope/tags/list", 404,
        "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known to registry\"}]}");
    TestCli.Result r = cli.run("acr", "repository", "show-tags", "-n", "myreg", "--repository", "nope");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).isEqualTo("ERROR: NAME_UNKNOWN: repository name not known to registry\n");
  }

  @Test
  void showTags_orderBy_usesTagMetadataApi() {
    server.on("GET", "/acr/v1/myreg/app/_tags", 200,
        "{\"registry\":\"h/myreg\",\"imageName\":\"app\",\"tags\":[{\"name\":\"v2\"},{\"name\":\"v1\"}]}");
    TestCli.Result r = cli.run("acr", "repository", "show-tags", "-n", "myreg", "--repository", "app",
        "--orderby", "time_desc", "--top", "1", "-o", "tsv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("v2\n");
    assertThat(server.single("GET", "/acr/v1/myreg/app/_tags").params())
        .containsEntry("orderby", "timedesc").containsEntry("n", "100");
  }

  @Test
  void show_repository_getsAcrMetadata() {
    String body = "{\"registry\":\"localhost:5080/myreg\",\"imageName\":\"team/app\",\"tagCount\":2,\"manifestCount\":2}";
    server.on("GET", "/acr/v1/myreg/team/app", 200, body);
    TestCli.Result r = cli.run("acr", "repository", "show", "-n", "myreg", "--repository", "team/app");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parse(r.out())).isEqualTo(Json.parse(body));
    assertThat(server.single("GET", "/acr/v1/myreg/team/app").header("Authorization")).isEqualTo(BASIC);
  }

  @Test
  void show_imageByTag_getsManifestMetadata() {
    server.on("GET", "/acr/v1/myreg/team/app/_manifests/v1", 200, "{\"digest\":\"sha256:abc\"}");
    TestCli.Result r = cli.run("acr", "repository", "show", "-n", "myreg", "--image", "team/app:v1",
        "--query", "digest", "-o", "tsv");
    assertThat(r.out()).isEqualTo("sha256:abc\n");
  }

  @Test
  void show_imageByDigest_getsManifestMetadata() {
    server.on("GET", "/acr/v1/myreg/app/_manifests/sha256:abc", 200, "{\"digest\":\"sha256:abc\"}");
    TestCli.Result r = cli.run("acr", "repository", "show", "-n", "myreg", "--image", "app@sha256:abc");
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void show_repositoryAndImageTogether_usageError() {
    TestCli.Result r = cli.run("acr", "repository", "show", "-n", "myreg", "--repository", "a", "--image", "a:1");
    assertThat(r.exitCode()).isEqualTo(2);
    TestCli.Result none = cli.run("acr", "repository", "show", "-n", "myreg");
    assertThat(none.exitCode()).isEqualTo(2);
  }

  @Test
  void delete_repositoryWithYes_deletesAndPrintsResult() {
    server.on("DELETE", "/acr/v1/myreg/team/app", 202,
        "{\"manifestsDeleted\":[\"sha256:abc\"],\"tagsDeleted\":[\"v1\"]}");
    TestCli.Result r = cli.run("acr", "repository", "delete", "-n", "myreg", "--repository", "team/app", "--yes");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("{\n  \"manifestsDeleted\": [\n    \"sha256:abc\"\n  ],\n  \"tagsDeleted\": [\n    \"v1\"\n  ]\n}\n");
    assertThat(server.single("DELETE", "/acr/v1/myreg/team/app").header("Authorization")).isEqualTo(BASIC);
  }

  @Test
  void delete_imageConfirmed_deletesManifest() {
    server.on("DELETE", "/acr/v1/myreg/app/_manifests/v1", 200, "{\"manifestsDeleted\":[\"sha256:abc\"],\"tagsDeleted\":[\"v1\"]}");
    TestCli.Result r = cli.stdin("y\n").run("acr", "repository", "delete", "-n", "myreg", "--image", "app:v1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("app:v1").contains("Are you sure you want to perform this operation? (y/n): ");
  }

  @Test
  void delete_notConfirmed_noCall() {
    TestCli.Result r = cli.run("acr", "repository", "delete", "-n", "myreg", "--repository", "app");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void imageReference_forms_parsedLikeAz() {
    assertThat(ImageReference.parse("team/app:v1")).isEqualTo(new ImageReference("team/app", "v1"));
    assertThat(ImageReference.parse("app@sha256:abc")).isEqualTo(new ImageReference("app", "sha256:abc"));
    assertThat(ImageReference.parse("team/app")).isEqualTo(new ImageReference("team/app", "latest"));
  }

  @Test
  void update_quarantineStatePassed_patchesTheManifest() {
    String path = "/acr/v1/myreg/team/app/_manifests/sha256:abc";
    server.on("PATCH", path, 200, "{\"digest\":\"sha256:abc\",\"quarantineState\":\"Passed\"}");

    TestCli.Result r = cli.run("acr", "repository", "update", "--name", "MyReg", "--image", "team/app@sha256:abc",
        "--quarantine-state", "Passed", "--query", "quarantineState", "-o", "tsv");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("Passed\n");
    FakeServer.Request patch = server.single("PATCH", path);
    assertThat(patch.header("Authorization")).isEqualTo(BASIC);
    assertThat(patch.header("Content-Type")).isEqualTo("application/json");
    assertThat(Json.parse(patch.body())).isEqualTo(Json.parse("{\"quarantineState\":\"Passed\"}"));
  }

  @Test
  void update_quarantined_caseInsensitiveValueSentAsDefined() {
    server.on("PATCH", "/acr/v1/myreg/app/_manifests/sha256:abc", 204, "");
    TestCli.Result r = cli.run("acr", "repository", "update", "-n", "myreg", "--image", "app@sha256:abc",
        "--quarantine-state", "quarantined");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(Json.parse(server.single("PATCH", "/acr/v1/myreg/app/_manifests/sha256:abc").body()))
        .isEqualTo(Json.parse("{\"quarantineState\":\"Quarantined\"}"));
  }

  @Test
  void update_tagOrBadState_usageErrorBeforeAnyCall() {
    TestCli.Result tag = cli.run("acr", "repository", "update", "-n", "myreg", "--image", "app:v1",
        "--quarantine-state", "Passed");
    assertThat(tag.exitCode()).isEqualTo(2);
    assertThat(tag.err()).contains("REPOSITORY@sha256:DIGEST");
    assertThat(cli.run("acr", "repository", "update", "-n", "myreg", "--image", "app@sha256:abc",
        "--quarantine-state", "Released").exitCode()).isEqualTo(2);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void update_unknownManifest_ociErrorExitsThree() {
    server.on("PATCH", "/acr/v1/myreg/app/_manifests/sha256:abc", 404,
        "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}");
    TestCli.Result r = cli.run("acr", "repository", "update", "-n", "myreg", "--image", "app@sha256:abc",
        "--quarantine-state", "Passed");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).isEqualTo("ERROR: MANIFEST_UNKNOWN: manifest unknown\n");
  }
}
