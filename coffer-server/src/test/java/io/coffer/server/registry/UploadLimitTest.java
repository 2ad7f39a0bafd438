package io.coffer.server.registry;

import static io.coffer.server.registry.OciHttp.assertOciError;
import static io.coffer.server.registry.OciHttp.location;
import static io.coffer.server.registry.OciHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.server.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** registry.maxOpenUploads bounds the sessions a registry keeps open; past it, TOOMANYREQUESTS. */
class UploadLimitTest {
  @TempDir Path dir;

  @Test
  void start_pastOpenUploadLimit_429TooManyRequestsUntilOneEnds() throws Exception {
    try (TestServer server = TestServer.start(dir, Map.of("COFFER_REGISTRY_MAX_OPEN_UPLOADS", "2"))) {
      OciHttp oci = new OciHttp(server);
      String name = server.createRegistry("limited") + "/app";
      HttpResponse<byte[]> first = oci.post("/v2/" + name + "/blobs/uploads/", null);
      assertThat(first.statusCode()).as(text(first)).isEqualTo(202);
      assertThat(oci.post("/v2/" + name + "/blobs/uploads/", null).statusCode()).isEqualTo(202);

      assertOciError(oci.post("/v2/" + name + "/blobs/uploads/", null), 429, "TOOMANYREQUESTS");
      // A finished single-request push opens no session, so it still works.
      assertThat(oci.pushBlob(name, "small".getBytes())).startsWith("sha256:");

      assertThat(oci.delete(location(first)).statusCode()).isEqualTo(204);
      assertThat(oci.post("/v2/" + name + "/blobs/uploads/", null).statusCode()).isEqualTo(202);
    }
  }
}
