package io.coffer.server.registry.policies;

import static io.coffer.server.registry.policies.PolicyServer.ociError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same rules for a client reaching the registry over IPv6 (the server listens on ::1). */
class RegistryFirewallIpv6Test {
  @TempDir static Path dir;
  static PolicyServer server;
  static String reg;

  @BeforeAll
  static void start() throws Exception {
    server = PolicyServer.start(dir, "::1");
    reg = server.createRegistry("fwsix");
    server.pushImage(reg + "/app", "v1", "six");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static int pull() throws Exception {
    return server.get("/v2/" + reg + "/app/manifests/v1").statusCode();
  }

  @Test
  void ipv6Rules_addressAndRange_matchTheClient() throws Exception {
    server.networkRules(reg, true, "::1");
    assertThat(pull()).isEqualTo(200);
    server.networkRules(reg, true, "0:0:0:0:0:0:0:0/127");
    assertThat(pull()).isEqualTo(200);
    server.networkRules(reg, true, "::/0");
    assertThat(pull()).isEqualTo(200);
  }

  @Test
  void ipv6Rules_otherAddressOrIpv4Rule_refusedNamingTheAddress() throws Exception {
    server.networkRules(reg, true, "fd00::/8", "::2", "127.0.0.1", "0.0.0.0/0");
    JsonNode e = ociError(server.get("/v2/" + reg + "/app/manifests/v1"), 403, "DENIED");
    assertThat(e.path("detail").path("clientIp").asText()).isIn("0:0:0:0:0:0:0:1", "::1");
    assertThat(e.path("message").asText()).startsWith("client with IP '" + e.path("detail").path("clientIp").asText()
        + "' is not allowed access to registry 'fwsix'.");
  }
}
