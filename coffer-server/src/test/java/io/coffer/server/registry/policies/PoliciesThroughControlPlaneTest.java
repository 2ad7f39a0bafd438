package io.coffer.server.registry.policies;

import static io.coffer.server.registry.policies.PolicyServer.ociError;
import static io.coffer.server.registry.policies.PolicyServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.common.Json;
import io.coffer.server.OciClient;
import io.coffer.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The owner's settings as {@code coffer serve} takes them: set by the registry's PATCH, applied at once. */
class PoliciesThroughControlPlaneTest {
  @TempDir static Path dir;
  static TestServer server;
  static OciClient oci;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    oci = new OciClient(server.http, server.server.url(), TestServer.basicAdmin());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void patch(String registry, Object properties) throws Exception {
    server.management("PATCH", "/subscriptions/" + server.subscription
        + "/resourceGroups/testgroup/providers/Microsoft.ContainerRegistry/registries/" + registry,
        Map.of("properties", properties));
  }

  private static HttpResponse<byte[]> pull(String name, String reference) throws Exception {
    return oci.get("/v2/" + name + "/manifests/" + reference);
  }

  @Test
  void networkRuleSet_denyThenAllowListed_appliedAtOnce() throws Exception {
    String reg = server.createRegistry("cpfirewall");
    oci.pushImage(reg + "/app", "v1", "{}".getBytes(StandardCharsets.UTF_8), List.of(new byte[] {1, 2}), Map.of());
    assertThat(pull(reg + "/app", "v1").statusCode()).isEqualTo(200);

    patch(reg, Map.of("networkRuleSet", Map.of("defaultAction", "Deny", "ipRules", List.of())));
    assertThat(ociError(pull(reg + "/app", "v1"), 403, "DENIED").path("message").asText())
        .startsWith("client with IP '127.0.0.1' is not allowed access to registry '" + reg + "'");

    patch(reg, Map.of("networkRuleSet", Map.of("defaultAction", "Deny",
        "ipRules", List.of(Map.of("action", "Allow", "value", "127.0.0.0/24")))));
    assertThat(pull(reg + "/app", "v1").statusCode()).isEqualTo(200);
  }

  @Test
  void quarantinePolicy_pushRefusedOnPullUntilReleased() throws Exception {
    String reg = server.createRegistry("cpquarantine");
    patch(reg, Map.of("policies", Map.of("quarantinePolicy", Map.of("status", "enabled"))));
    String digest = oci.pushImage(reg + "/app", "v1", "{}".getBytes(StandardCharsets.UTF_8),
        List.of(new byte[] {3, 4}), Map.of());
    ociError(pull(reg + "/app", "v1"), 403, "DENIED");

    HttpResponse<byte[]> released = server.send(server.registry("/acr/v1/" + reg + "/app/_manifests/" + digest)
        .header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"quarantineState\":\"Passed\"}")).build());
    assertThat(released.statusCode()).as(text(released)).isEqualTo(200);
    assertThat(Json.parse(released.body()).path("manifest").path("quarantineState").asText()).isEqualTo("Passed");
    assertThat(pull(reg + "/app", "v1").statusCode()).isEqualTo(200);

    // Pushed while on, then the policy turned off: pulled.
    String second = oci.pushImage(reg + "/app", "v2", "{}".getBytes(StandardCharsets.UTF_8),
        List.of(new byte[] {5, 6}), Map.of());
    ociError(pull(reg + "/app", second), 403, "DENIED");
    patch(reg, Map.of("policies", Map.of("quarantinePolicy", Map.of("status", "disabled"))));
    assertThat(pull(reg + "/app", second).statusCode()).isEqualTo(200);
  }
}
