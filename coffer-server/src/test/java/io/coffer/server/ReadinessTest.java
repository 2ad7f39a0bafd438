package io.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /healthz answers at once; /readyz only once the cipher is warmed up, so load balancers wait. */
class ReadinessTest {
  @TempDir Path dir;

  @Test
  void readyz_withWarmUp_turnsReadyAfterIt() throws Exception {
    try (TestServer s = TestServer.start(dir, Map.of("COFFER_ENCRYPTION_WARM_UP", "true"))) {
      assertThat(get(s, "/healthz").statusCode()).isEqualTo(200);
      HttpResponse<String> ready = get(s, "/readyz");
      long deadline = System.currentTimeMillis() + 60_000;
      while (ready.statusCode() != 200 && System.currentTimeMillis() < deadline) {
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).isEqualTo("warming up");
        Thread.sleep(100);
        ready = get(s, "/readyz");
      }
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).isEqualTo("ready");
    }
  }

  private static HttpResponse<String> get(TestServer s, String path) throws Exception {
    return s.http.send(HttpRequest.newBuilder(s.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
