package io.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 during uploads, restart: every digest the registry serves verifies, and finished pushes survive. */
class CrashRecoveryTest {
  @TempDir Path dir;

  @Test
  void killDuringUploads_restart_everyStoredDigestVerifies() throws Exception {
    Path data = dir.resolve("data");
    int port = ServerProcess.freePort();
    HttpClient http = HttpClient.newHttpClient();
    String auth = TestServer.basicAdmin();
    List<String> finished = new ArrayList<>();
    List<String> attempted = new java.util.concurrent.CopyOnWriteArrayList<>();
    String reg;
    try (ServerProcess p = ServerProcess.start(data, port, Map.of())) {
      reg = createRegistry(http, p.url, "crashreg");
      OciClient oci = new OciClient(http, p.url, auth);
      Random random = new Random(42);
      for (int i = 0; i < 5; i++) {
        byte[] b = new byte[200_000 + i];
        random.nextBytes(b);
        finished.add(oci.pushBlob(reg + "/app", b));
      }
      // Slow uploads in flight when the process dies.
      ExecutorService pool = Executors.newFixedThreadPool(4);
      for (int i = 0; i < 4; i++) {
        int n = i;
        pool.submit(() -> {
          byte[] b = new byte[8 << 20];
          new Random(n).nextBytes(b);
          attempted.add(OciClient.sha256(b));
          try {
            slowPush(http, p.url, reg + "/app", b);
          } catch (Throwable expected) {
            // the server dies under it
          }
          return null;
        });
      }
      Thread.sleep(1500);
      p.kill();
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
    try (ServerProcess p = ServerProcess.start(data, port, Map.of())) {
      OciClient oci = new OciClient(http, p.url, auth);
      List<String> all = new ArrayList<>(finished);
      all.addAll(attempted);
      int served = 0;
      for (String digest : all) {
        HttpResponse<byte[]> r = oci.get("/v2/" + reg + "/app/blobs/" + digest);
        if (finished.contains(digest)) assertThat(r.statusCode()).isEqualTo(200);
        if (r.statusCode() == 200) {
          assertThat(OciClient.sha256(r.body())).isEqualTo(digest);
          served++;
        } else {
          assertThat(r.statusCode()).isEqualTo(404);
        }
      }
      assertThat(served).isGreaterThanOrEqualTo(finished.size());
      // The registry still takes pushes after the crash.
      assertThat(oci.pushBlob(reg + "/app", "after the crash".getBytes())).startsWith("sha256:");
    }
  }

  /** POST + PUT whose body trickles in (256 KiB every 100 ms), so it is in flight at the kill. */
  private static void slowPush(HttpClient http, String url, String name, byte[] b) throws Exception {
    HttpResponse<String> start = http.send(HttpRequest.newBuilder(URI.create(url + "/v2/" + name + "/blobs/uploads/"))
        .header("Authorization", TestServer.basicAdmin()).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    String location = start.headers().firstValue("Location").orElseThrow();
    InputStream trickle = new java.io.FilterInputStream(new java.io.ByteArrayInputStream(b)) {
      @Override
      public int read(byte[] buf, int off, int len) throws java.io.IOException {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          throw new java.io.InterruptedIOException();
        }
        return super.read(buf, off, Math.min(len, 256 * 1024));
      }
    };
    http.send(HttpRequest.newBuilder(URI.create(url + location + "?digest=" + OciClient.sha256(b)))
        .header("Authorization", TestServer.basicAdmin())
        .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> trickle), b.length))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  static String createRegistry(HttpClient http, String url, String name) throws Exception {
    String token = Json.parse(http.send(HttpRequest.newBuilder(URI.create(url + "/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=admin&password="
            + TestServer.ADMIN_PASSWORD)).build(), HttpResponse.BodyHandlers.ofString()).body())
        .get("access_token").asText();
    JsonNode subs = Json.parse(http.send(HttpRequest.newBuilder(URI.create(url + "/subscriptions?api-version=2022-12-01"))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
    String sub = subs.get("value").get(0).get("subscriptionId").asText();
    for (String[] put : new String[][] {
        {"/subscriptions/" + sub + "/resourcegroups/crash", "{\"location\":\"local\"}"},
        {"/subscriptions/" + sub + "/resourceGroups/crash/providers/Microsoft.ContainerRegistry/registries/" + name,
            "{\"sku\":{\"name\":\"Premium\"}}"}}) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + put[0] + "?api-version=2023-07-01"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(put[1])).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
    }
    return name;
  }
}
