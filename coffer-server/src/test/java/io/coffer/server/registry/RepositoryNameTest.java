package io.coffer.server.registry;

import static io.coffer.server.registry.OciHttp.assertOciError;
import static io.coffer.server.registry.OciHttp.random;
import static io.coffer.server.registry.OciHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.server.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repository names: what is refused with NAME_INVALID, and NAME_UNKNOWN for registries that do not exist. */
class RepositoryNameTest {
  @TempDir static Path dir;
  static TestServer server;
  static OciHttp oci;
  static String reg;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    oci = new OciHttp(server);
    reg = server.createRegistry("names");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Every kind of request on the name is refused with 400 NAME_INVALID. */
  private static void assertNameInvalid(String fullName) throws Exception {
    String base = "/v2/" + fullName;
    String digest = OciHttp.sha256(random(4, 41));
    List<HttpResponse<byte[]>> responses = List.of(
        oci.get(base + "/manifests/latest"),
        oci.put(base + "/manifests/latest", "{}".getBytes(), OciHttp.OCI_MANIFEST),
        oci.get(base + "/blobs/" + digest),
        oci.post(base + "/blobs/uploads/", null),
        oci.get(base + "/tags/list"));
    for (HttpResponse<byte[]> r : responses) {
      assertThat(r.statusCode()).as(fullName + " " + r.request().method() + " " + r.uri() + ": " + text(r))
          .isEqualTo(400);
      assertOciError(r, 400, "NAME_INVALID");
    }
  }

  @Test
  void request_upperCaseRepository_400NameInvalid() throws Exception {
    assertNameInvalid(reg + "/MyApp");
    assertNameInvalid(reg + "/app/Nested");
  }

  @Test
  void request_upperCaseRegistry_400NameInvalid() throws Exception {
    assertNameInvalid("Names/app");
  }

  @Test
  void request_dotDotComponent_400NameInvalid() throws Exception {
    assertNameInvalid(reg + "/a/..");
    assertNameInvalid(reg + "/a/../b");
    assertNameInvalid(reg + "/..a");
  }

  @Test
  void request_emptyComponent_400NameInvalid() throws Exception {
    assertNameInvalid(reg + "/a//b");
  }

  @Test
  void request_badSeparators_400NameInvalid() throws Exception {
    assertNameInvalid(reg + "/-app");
    assertNameInvalid(reg + "/app-");
    assertNameInvalid(reg + "/a___b");
    assertNameInvalid(reg + "/a..b");
  }

  @Test
  void request_registryOnly_400NameInvalid() throws Exception {
    assertOciError(oci.get("/v2/" + reg + "/manifests/latest"), 400, "NAME_INVALID");
    assertOciError(oci.get("/v2/" + reg + "/blobs/" + OciHttp.sha256(random(4, 42))), 400, "NAME_INVALID");
  }

  @Test
  void request_nameOver255Characters_400NameInvalid() throws Exception {
    String name = reg + "/" + "a".repeat(256 - reg.length() - 1);
    assertThat(name).hasSize(256);
    assertNameInvalid(name);
  }

  @Test
  void push_nameOf255Characters_201() throws Exception {
    String name = reg + "/" + "a".repeat(100) + "/" + "b".repeat(255 - reg.length() - 102);
    assertThat(name).hasSize(255);
    String digest = oci.pushBlob(name, random(10, 43));
    assertThat(oci.get("/v2/" + name + "/blobs/" + digest).statusCode()).isEqualTo(200);
  }

  @Test
  void push_nestedNameWithSeparators_201() throws Exception {
    String name = reg + "/team.one/app_x/web__ui/v-1--2";
    OciHttp.Image image = oci.pushImage(name, "latest", "nested");
    HttpResponse<byte[]> r = oci.get("/v2/" + name + "/manifests/latest");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(r.body()).isEqualTo(image.manifestBytes());
  }

  @Test
  void request_unknownRegistry_404NameUnknown() throws Exception {
    String base = "/v2/nosuchregistry/app";
    JsonNode e = assertOciError(oci.get(base + "/manifests/latest"), 404, "NAME_UNKNOWN");
    assertThat(e.path("detail").asText()).isEqualTo("nosuchregistry");
    assertOciError(oci.post(base + "/blobs/uploads/", null), 404, "NAME_UNKNOWN");
    assertOciError(oci.get(base + "/tags/list"), 404, "NAME_UNKNOWN");
    assertOciError(oci.get("/v2/nosuchregistry/_catalog"), 404, "NAME_UNKNOWN");
    assertThat(oci.head(base + "/manifests/latest").statusCode()).isEqualTo(404);
  }

  @Test
  void request_unknownRepository_404NameUnknown() throws Exception {
    assertOciError(oci.get("/v2/" + reg + "/nosuchrepo/tags/list"), 404, "NAME_UNKNOWN");
    assertOciError(oci.get("/v2/" + reg + "/nosuchrepo/manifests/latest"), 404, "NAME_UNKNOWN");
  }

  @Test
  void request_unknownResource_400Or405() throws Exception {
    assertOciError(oci.get("/v2/" + reg + "/app/nothing-here"), 400, "NAME_INVALID");
    assertOciError(oci.send(oci.request("/v2/" + reg + "/app/tags/list").DELETE()), 405, "UNSUPPORTED");
    assertOciError(oci.post("/v2/" + reg + "/app/manifests/latest", null), 405, "UNSUPPORTED");
  }
}
