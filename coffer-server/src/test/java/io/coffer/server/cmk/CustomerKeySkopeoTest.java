package io.coffer.server.cmk;

import static io.coffer.server.cmk.CmkServer.cmkBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.server.TestServer;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skopeo, a real client, copies an image into and out of a registry encrypted under a customer key, over TLS. */
class CustomerKeySkopeoTest {
  @TempDir Path dir;

  @Test
  void skopeoCopy_inAndOut_ofACustomerKeyedRegistry_everyByteMatches() throws Exception {
    try (CmkServer cmk = CmkServer.start(dir.resolve("data"), Map.of())) {
      JsonNode identity = cmk.identity("skopeoid");
      cmk.vault("skopeokv");
      cmk.setPolicy("skopeokv", identity.path("principalId").asText(), "get", "unwrapKey", "wrapKey");
      String kid = cmk.createKey("skopeokv", "key", "RSA");
      HttpResponse<byte[]> created = cmk.putRegistry("skopeocmk", cmkBody("Premium", identity.path("id").asText(),
          identity.path("clientId").asText(), CmkServer.versionless(kid)));
      assertThat(created.statusCode()).as(CmkServer.text(created)).isEqualTo(201);

      Path certs = Files.createDirectories(dir.resolve("certs"));
      Files.copy(cmk.server.caFile(), certs.resolve("ca.crt"));
      Path source = dir.resolve("source");
      Map<String, byte[]> blobs = OciLayouts.write(source, 11).blobs();
      String creds = "admin:" + TestServer.ADMIN_PASSWORD;
      String target = "docker://127.0.0.1:" + cmk.port + "/skopeocmk/app:v1";
      run("skopeo", "--insecure-policy", "copy", "--preserve-digests", "--dest-creds", creds, "--dest-cert-dir",
          certs.toString(), "oci:" + source + ":v1", target);
      Path copy = dir.resolve("copy");
      run("skopeo", "--insecure-policy", "copy", "--preserve-digests", "--src-creds", creds, "--src-cert-dir",
          certs.toString(), target, "oci:" + copy + ":v1");
      for (var e : blobs.entrySet()) {
        assertThat(Files.readAllBytes(copy.resolve("blobs/sha256/" + e.getKey().substring(7))))
            .as(e.getKey()).isEqualTo(e.getValue());
      }
    }
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes());
    }
    assertThat(p.waitFor()).as(String.join(" ", command) + "\n" + out).isZero();
  }
}
