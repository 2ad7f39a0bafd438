package io.coffer.server.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.server.TestServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vault.allowRsa15: false}: RSA1_5 is refused for every key, the OAEP algorithms still work. */
class Rsa15SwitchTest {
  @TempDir Path dir;

  @Test
  void rsa15TurnedOff_wrapAndUnwrapRefusedWithBadParameter_oaepStillServed() throws Exception {
    try (TestServer server = TestServer.start(dir, Map.of("COFFER_VAULT_ALLOW_RSA15", "false"))) {
      String group = "/subscriptions/" + server.subscription + "/resourceGroups/rsa15";
      server.management("PUT", group, Map.of("location", "westeurope"));
      server.management("PUT", group + "/providers/Microsoft.KeyVault/vaults/strict", Map.of("properties", Map.of()));
      String token = Json.parse(server.tokenRequest("grant_type=password&username=admin&password="
          + TestServer.ADMIN_PASSWORD + "&resource=" + URLEncoder.encode("https://vault.localhost",
          StandardCharsets.UTF_8)).body()).path("access_token").asText();
      int port = URI.create(server.server.url()).getPort();
      assertThat(call(server, port, token, "/keys/k/create", "{\"kty\":\"RSA\"}").statusCode()).isEqualTo(200);
      String value = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);

      for (String op : new String[] {"wrapkey", "encrypt", "unwrapkey", "decrypt"}) {
        HttpResponse<byte[]> refused = call(server, port, token, "/keys/k//" + op,
            "{\"alg\":\"RSA1_5\",\"value\":\"" + value + "\"}");
        assertThat(refused.statusCode()).as(op).isEqualTo(400);
        JsonNode error = Json.parse(refused.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("BadParameter");
        assertThat(error.path("message").asText()).contains("RSA1_5 is turned off", "RSA-OAEP-256");
      }
      HttpResponse<byte[]> wrapped = call(server, port, token, "/keys/k//wrapkey",
          "{\"alg\":\"RSA-OAEP-256\",\"value\":\"" + value + "\"}");
      assertThat(wrapped.statusCode()).isEqualTo(200);
      HttpResponse<byte[]> unwrapped = call(server, port, token, "/keys/k//unwrapkey",
          "{\"alg\":\"RSA-OAEP-256\",\"value\":\"" + Json.parse(wrapped.body()).path("value").asText() + "\"}");
      assertThat(Json.parse(unwrapped.body()).path("value").asText()).isEqualTo(value);
    }
  }

  private static HttpResponse<byte[]> call(TestServer server, int port, String token, String path, String body)
      throws Exception {
    return server.send(HttpRequest.newBuilder(server.uri(path + "?api-version=7.6"))
        .header("Host", "strict.vault.localhost:" + port).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }
}
