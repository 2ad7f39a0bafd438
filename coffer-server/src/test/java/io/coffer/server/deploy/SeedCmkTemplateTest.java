package io.coffer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.server.CliRun;
import io.coffer.server.TestServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * THE SEED'S TEMPLATE, VERBATIM: {@code CMKtemplate.json} (test resources, copied unchanged from the
 * seed's "Activer une clé gérée par le client – modèle") deployed with the seed's four parameters
 * creates the identity, grants it the key in the vault, and creates a Premium registry whose
 * content is encrypted under that customer-managed key; over the ARM API and with the seed's
 * {@code deployment group create} command.
 */
class SeedCmkTemplateTest {
  @TempDir Path dir;

  private static final String GROUP = "cmkgroup";

  private static Path templateFile() throws Exception {
    return Path.of(SeedCmkTemplateTest.class.getResource("/CMKtemplate.json").toURI());
  }

  /** A group and a vault holding an RSA key; returns the key's id. */
  private static String prepare(TestServer server, String vault) throws Exception {
    String sub = "/subscriptions/" + server.subscription;
    server.management("PUT", sub + "/resourcegroups/" + GROUP, Map.of("location", "westeurope"));
    server.management("PUT", sub + "/resourceGroups/" + GROUP + "/providers/Microsoft.KeyVault/vaults/" + vault,
        Map.of("properties", Map.of()));
    return createKey(server, vault, "seedkey");
  }

  @Test
  void theSeedsTemplateDeploysARegistryEncryptedWithTheCustomerKey() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      String kid = prepare(server, "seedvault");
      String sub = "/subscriptions/" + server.subscription;
      Map<String, Object> parameters = new LinkedHashMap<>();
      parameters.put("registry_name", Map.of("value", "seedcmkregistry"));
      parameters.put("identity_name", Map.of("value", "seedidentity"));
      parameters.put("vault_name", Map.of("value", "seedvault"));
      parameters.put("kek_id", Map.of("value", kid));
      HttpResponse<byte[]> r = server.managementRaw("PUT",
          sub + "/resourcegroups/" + GROUP + "/providers/Microsoft.Resources/deployments/CMKtemplate",
          Map.of("properties", Map.of("mode", "Incremental", "template", Json.parse(Files.readAllBytes(templateFile())),
              "parameters", parameters)));
      String body = new String(r.body(), StandardCharsets.UTF_8);
      assertThat(r.statusCode()).as(body).isEqualTo(201);
      JsonNode deployed = Json.parse(r.body()).path("properties");
      assertThat(deployed.path("provisioningState").asText()).as(body).isEqualTo("Succeeded");
      // The registry comes first in the template but needs the access policy, its sibling: it is
      // applied once the policy is (as ARM, which applies siblings concurrently, would allow).
      String group = sub + "/resourceGroups/" + GROUP + "/providers/";
      assertThat(TemplateDeploymentTest.ids(deployed.path("outputResources"))).containsExactly(
          group + "Microsoft.ManagedIdentity/userAssignedIdentities/seedidentity",
          group + "Microsoft.KeyVault/vaults/seedvault/accessPolicies/add",
          group + "Microsoft.ContainerRegistry/registries/seedcmkregistry");
      assertEncryptedWith(server, "seedcmkregistry", "seedidentity", kid);
    }
  }

  @Test
  void theSeedsCommand_deploymentGroupCreate_withTheTemplateFile() throws Exception {
    try (TestServer server = TestServer.start(dir.resolve("data"))) {
      String kid = prepare(server, "clivault");
      Path cli = dir.resolve("cli");
      assertThat(CliRun.run(cli, "login", "--server", server.server.url(), "--username", "admin", "--password",
          TestServer.ADMIN_PASSWORD).exit()).isZero();

      CliRun r = CliRun.run(cli, "deployment", "group", "create",
          "--resource-group", GROUP,
          "--template-file", templateFile().toString(),
          "--parameters",
          "registry_name=clicmkregistry",
          "identity_name=cliidentity",
          "vault_name=clivault",
          "kek_id=" + kid);

      assertThat(r.exit()).as(r.err()).isZero();
      JsonNode printed = Json.parse(r.out());
      assertThat(printed.path("name").asText()).isEqualTo("CMKtemplate");
      assertThat(printed.path("resourceGroup").asText()).isEqualTo(GROUP);
      assertThat(printed.path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
      assertEncryptedWith(server, "clicmkregistry", "cliidentity", kid);

      CliRun shown = CliRun.run(cli, "deployment", "group", "show", "-g", GROUP, "-n", "CMKtemplate", "--query",
          "properties.parameters.registry_name.value", "-o", "tsv");
      assertThat(shown.out()).isEqualTo("clicmkregistry\n");
    }
  }

  private static void assertEncryptedWith(TestServer server, String registryName, String identityName, String kid)
      throws Exception {
    String group = "/subscriptions/" + server.subscription + "/resourceGroups/" + GROUP + "/providers/";
    JsonNode identity = server.management("GET",
        group + "Microsoft.ManagedIdentity/userAssignedIdentities/" + identityName, null);
    JsonNode registry = server.management("GET", group + "Microsoft.ContainerRegistry/registries/" + registryName,
        null);
    assertThat(registry.path("sku").path("name").asText()).isEqualTo("Premium");
    JsonNode encryption = registry.path("properties").path("encryption");
    assertThat(encryption.path("status").asText()).as(encryption.toString()).isEqualTo("enabled");
    assertThat(encryption.path("keyVaultProperties").path("identity").asText())
        .isEqualTo(identity.path("properties").path("clientId").asText());
    assertThat(encryption.path("keyVaultProperties").path("keyIdentifier").asText()).isEqualTo(kid);
    assertThat(registry.path("identity").path("userAssignedIdentities").fieldNames().next())
        .isEqualToIgnoringCase(identity.path("id").asText());
  }

  /** Creates an RSA key through the vault's data plane (as the admin, the vault's creator); returns its kid. */
  private static String createKey(TestServer server, String vault, String name) throws Exception {
    String token = Json.parse(server.tokenRequest("grant_type=password&username=admin&password="
        + TestServer.ADMIN_PASSWORD + "&resource=" + URLEncoder.encode("https://vault.localhost",
        StandardCharsets.UTF_8)).body()).path("access_token").asText();
    int port = URI.create(server.server.url()).getPort();
    HttpResponse<byte[]> r = server.send(HttpRequest.newBuilder(server.uri("/keys/" + name + "/create?api-version=7.4"))
        .header("Host", vault + ".vault.localhost:" + port)
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"kty\":\"RSA\",\"key_size\":2048}")).build());
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    return Json.parse(r.body()).path("key").path("kid").asText();
  }
}
