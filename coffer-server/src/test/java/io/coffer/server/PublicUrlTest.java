package io.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behind a proxy, clients are sent to server.publicUrl, not to the address the proxy used. */
class PublicUrlTest {
  @TempDir Path dir;

  @Test
  void publicUrlConfigured_challengeAndLoginServer_useIt() throws Exception {
    try (TestServer s = TestServer.start(dir, Map.of("COFFER_SERVER_PUBLIC_URL", "https://registry.example.test/"))) {
      s.createRegistry("proxied1");
      HttpResponse<String> r = s.http.send(HttpRequest.newBuilder(s.uri("/v2/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
          .startsWith("Bearer realm=\"https://registry.example.test/oauth2/token\"");
      String login = s.management("GET", "/subscriptions/" + s.subscription
          + "/resourceGroups/testgroup/providers/Microsoft.ContainerRegistry/registries/proxied1", null)
          .get("properties").get("loginServer").asText();
      assertThat(login).isEqualTo("registry.example.test/proxied1");
    }
  }
}
