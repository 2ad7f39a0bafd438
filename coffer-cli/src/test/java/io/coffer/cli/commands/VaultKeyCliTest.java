package io.coffer.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.FakeServer;
import org.junit.jupiter.api.BeforeEach;

/**
 * A {@code keyvault key} test's fixture: the vault {@code myvault} on the fake control plane, its
 * data plane at {@code http://myvault.vault.localhost:<port>/} (the same fake server, on loopback)
 * and a token for {@code https://vault.localhost}.
 */
abstract class VaultKeyCliTest extends LoggedInCliTest {
  static final String ALL_VAULTS = "/subscriptions/sub-1/providers/Microsoft.KeyVault/vaults";
  static final String VAULT_PATH = "/subscriptions/sub-1/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/myvault";
  static final String VERSION = "0123456789abcdef0123456789abcdef";

  String vaultUri;

  @BeforeEach
  void registerVault() throws Exception {
    vaultUri = "http://myvault.vault.localhost:" + server.port() + "/";
    String vault = "{\"id\":\"" + VAULT_PATH + "\",\"name\":\"myvault\",\"type\":\"Microsoft.KeyVault/vaults\","
        + "\"properties\":{\"vaultUri\":\"" + vaultUri + "\"}}";
    server.on("GET", ALL_VAULTS, 200, "{\"value\":[" + vault + "]}");
    server.on("GET", VAULT_PATH, 200, vault);
    server.on("POST", "/oauth2/token", 200,
        "{\"access_token\":\"vault-token\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"resource\":\"https://vault.localhost\"}");
  }

  String bundle(String version, String ops) {
    return "{\"key\":{\"kid\":\"" + vaultUri + "keys/mykey/" + version + "\",\"kty\":\"RSA\",\"key_ops\":" + ops
        + ",\"n\":\"0vx7agoebGcQSuu\",\"e\":\"AQAB\"},\"attributes\":{\"enabled\":true,\"created\":1714557600,"
        + "\"updated\":1714557600,\"recoveryLevel\":\"Recoverable\",\"recoverableDays\":90},\"tags\":{\"purpose\":\"cmk\"}}";
  }

  String keyBundle() {
    return bundle(VERSION, "[\"wrapKey\",\"unwrapKey\"]");
  }

  /** The data-plane request, after checking it went to the vault's host with the vault token. */
  FakeServer.Request dataPlane(String method, String path) {
    FakeServer.Request r = server.single(method, path);
    assertThat(r.header("Host")).isEqualTo("myvault.vault.localhost:" + server.port());
    assertThat(r.header("Authorization")).isEqualTo("Bearer vault-token");
    assertThat(r.params()).containsEntry("api-version", "7.5");
    return r;
  }
}
