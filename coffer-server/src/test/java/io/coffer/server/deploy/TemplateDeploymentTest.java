package io.coffer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.server.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Template deployments over real HTTP: each resource goes through the server's own ARM routes, so
 * an identity and a vault access policy that references it deploy as the seed's template writes
 * them, and a resource the ARM edge refuses fails the deployment with that refusal.
 */
class TemplateDeploymentTest {
  /** The identity and access-policy part of the seed's CMKtemplate.json, expressions as written there. */
  static final String IDENTITY_AND_POLICY = """
      {
        "$schema": "https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {
          "vault_name": {"defaultValue": "", "type": "String"},
          "identity_name": {"defaultValue": "", "type": "String"}
        },
        "variables": {},
        "resources": [
          {
            "type": "Microsoft.KeyVault/vaults/accessPolicies",
            "apiVersion": "2018-02-14",
            "name": "[concat(parameters('vault_name'), '/add')]",
            "dependsOn": [
              "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identity_name'))]"
            ],
            "properties": {
              "accessPolicies": [
                {
                  "tenantId": "[subscription().tenantId]",
                  "objectId": "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identity_name')), '2018-11-30').principalId]",
                  "permissions": {"keys": ["get", "unwrapKey", "wrapKey"]}
                }
              ]
            }
          },
          {
            "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
            "apiVersion": "2018-11-30",
            "name": "[parameters('identity_name')]",
            "location": "[resourceGroup().location]"
          }
        ],
        "outputs": {
          "principalId": {
            "type": "string",
            "value": "[reference(resourceID('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identity_name')), '2018-11-30').principalId]"
          }
        }
      }""";

  @TempDir static Path dir;
  static TestServer server;
  static String sub;
  static String tenant;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    sub = "/subscriptions/" + server.subscription;
    tenant = server.management("GET", sub, null).path("tenantId").asText();
    server.management("PUT", sub + "/resourcegroups/deploy", Map.of("location", "westeurope"));
    server.management("PUT", resource("Microsoft.KeyVault/vaults/deploy-vault"), Map.of("properties", Map.of()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String resource(String typeAndName) {
    return sub + "/resourceGroups/deploy/providers/" + typeAndName;
  }

  static String deployment(String name) {
    return sub + "/resourcegroups/deploy/providers/Microsoft.Resources/deployments/" + name;
  }

  static Map<String, Object> request(String template, Map<String, Object> parameters) {
    Map<String, Object> values = new java.util.LinkedHashMap<>();
    parameters.forEach((k, v) -> values.put(k, Map.of("value", v)));
    return Map.of("properties", Map.of("mode", "Incremental", "template", Json.parse(template), "parameters", values));
  }

  static JsonNode json(HttpResponse<byte[]> r) {
    return Json.parse(r.body());
  }

  static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  static List<String> ids(JsonNode outputResources) {
    List<String> out = new ArrayList<>();
    outputResources.forEach(r -> out.add(r.path("id").asText()));
    return out;
  }

  @Test
  void identityAndAccessPolicy_deployInDependencyOrder_withReferenceAndTenant() throws Exception {
    HttpResponse<byte[]> r = server.managementRaw("PUT", deployment("policy-deploy"), request(IDENTITY_AND_POLICY,
        Map.of("vault_name", "deploy-vault", "identity_name", "deploy-id")));
    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    JsonNode d = json(r);
    JsonNode p = d.path("properties");
    assertThat(d.path("type").asText()).isEqualTo("Microsoft.Resources/deployments");
    assertThat(d.path("name").asText()).isEqualTo("policy-deploy");
    assertThat(d.path("id").asText()).isEqualTo(sub + "/resourceGroups/deploy/providers/Microsoft.Resources/"
        + "deployments/policy-deploy");
    assertThat(p.path("provisioningState").asText()).as(text(r)).isEqualTo("Succeeded");
    assertThat(p.path("error").isNull()).isTrue();
    assertThat(p.path("mode").asText()).isEqualTo("Incremental");
    assertThat(p.path("timestamp").asText()).isNotBlank();
    assertThat(p.path("duration").asText()).startsWith("PT");
    assertThat(p.path("parameters").path("vault_name").path("value").asText()).isEqualTo("deploy-vault");
    assertThat(ids(p.path("outputResources"))).containsExactly(
        resource("Microsoft.ManagedIdentity/userAssignedIdentities/deploy-id"),
        resource("Microsoft.KeyVault/vaults/deploy-vault/accessPolicies/add"));

    JsonNode identity = server.management("GET", resource("Microsoft.ManagedIdentity/userAssignedIdentities/deploy-id"),
        null);
    String principal = identity.path("properties").path("principalId").asText();
    assertThat(identity.path("location").asText()).isEqualTo("westeurope");
    assertThat(p.path("outputs").path("principalId").path("value").asText()).isEqualTo(principal);
    JsonNode policy = null;
    for (JsonNode a : server.management("GET", resource("Microsoft.KeyVault/vaults/deploy-vault"), null)
        .path("properties").path("accessPolicies")) {
      if (a.path("objectId").asText().equals(principal)) policy = a;
    }
    assertThat(policy).as("the identity's access policy").isNotNull();
    assertThat(policy.path("tenantId").asText()).isEqualTo(tenant);
    assertThat(policy.path("permissions").path("keys").toString()).isEqualTo("[\"get\",\"unwrapKey\",\"wrapKey\"]");

    JsonNode shown = server.management("GET", deployment("POLICY-DEPLOY"), null);
    assertThat(shown.path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
    assertThat(shown.path("properties").path("correlationId").asText())
        .isEqualTo(p.path("correlationId").asText());
    JsonNode list = server.management("GET", sub + "/resourcegroups/deploy/providers/Microsoft.Resources/deployments",
        null);
    assertThat(list.path("value").findValuesAsText("name")).contains("policy-deploy");

    HttpResponse<byte[]> again = server.managementRaw("PUT", deployment("policy-deploy"), request(IDENTITY_AND_POLICY,
        Map.of("vault_name", "deploy-vault", "identity_name", "deploy-id")));
    assertThat(again.statusCode()).as(text(again)).isEqualTo(200);
    assertThat(json(again).path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
  }

  @Test
  void aRefusedResourceFailsTheDeployment_withItsOwnError_andWhatDependsOnItIsNotApplied() throws Exception {
    String template = IDENTITY_AND_POLICY.replace("\"outputs\": {", "\"outputs_unused\": {").replace("\"resources\": [",
        "\"resources\": [{\"type\": \"Microsoft.ManagedIdentity/userAssignedIdentities\", \"apiVersion\": \"2018-11-30\","
        + " \"name\": \"after-policy\", \"dependsOn\": [\"[concat(parameters('vault_name'), '/add')]\"]},");
    HttpResponse<byte[]> r = server.managementRaw("PUT", deployment("broken"), request(template,
        Map.of("vault_name", "no-such-vault", "identity_name", "lonely-id")));
    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    JsonNode p = json(r).path("properties");
    assertThat(p.path("provisioningState").asText()).isEqualTo("Failed");
    JsonNode error = p.path("error");
    assertThat(error.path("code").asText()).isEqualTo("DeploymentFailed");
    assertThat(error.path("details")).hasSize(1);
    JsonNode detail = error.path("details").get(0);
    assertThat(detail.path("target").asText())
        .isEqualTo(resource("Microsoft.KeyVault/vaults/no-such-vault/accessPolicies/add"));
    assertThat(detail.path("code").asText()).isEqualTo("ResourceNotFound");
    assertThat(detail.path("message").asText()).contains("no-such-vault");
    // Only what was applied is reported as applied; what needed the failed policy was never tried.
    assertThat(ids(p.path("outputResources")))
        .containsExactly(resource("Microsoft.ManagedIdentity/userAssignedIdentities/lonely-id"));
    assertThat(server.managementRaw("GET", resource("Microsoft.ManagedIdentity/userAssignedIdentities/after-policy"),
        null).statusCode()).isEqualTo(404);
    assertThat(server.management("GET", deployment("broken"), null).path("properties").path("provisioningState")
        .asText()).isEqualTo("Failed");
  }

  @Test
  void anInvalidTemplateIsRefusedWith400_andNothingIsRecordedOrApplied() throws Exception {
    String template = IDENTITY_AND_POLICY.replace("\"identity_name\": {\"defaultValue\": \"\", \"type\": \"String\"}",
        "\"identity_name\": {\"type\": \"String\"}");
    HttpResponse<byte[]> r = server.managementRaw("PUT", deployment("invalid"), request(template,
        Map.of("vault_name", "deploy-vault")));
    assertThat(r.statusCode()).as(text(r)).isEqualTo(400);
    assertThat(json(r).path("error").path("code").asText()).isEqualTo("InvalidTemplate");
    assertThat(json(r).path("error").path("message").asText()).contains("'identity_name'");
    HttpResponse<byte[]> shown = server.managementRaw("GET", deployment("invalid"), null);
    assertThat(shown.statusCode()).isEqualTo(404);
    assertThat(json(shown).path("error").path("code").asText()).isEqualTo("DeploymentNotFound");

    HttpResponse<byte[]> cycle = server.managementRaw("PUT", deployment("cycle"), request("""
        {"resources": [
          {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2018-11-30", "name": "c1",
           "dependsOn": ["c2"]},
          {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2018-11-30", "name": "c2",
           "dependsOn": ["c1"]}]}""", Map.of()));
    assertThat(cycle.statusCode()).isEqualTo(400);
    assertThat(text(cycle)).contains("Circular dependency");
    assertThat(server.managementRaw("GET", resource("Microsoft.ManagedIdentity/userAssignedIdentities/c1"), null)
        .statusCode()).isEqualTo(404);
  }

  @Test
  void theCallerIsAuthenticatedByTheArmEdge() throws Exception {
    HttpResponse<byte[]> r = server.managementRaw("not-a-token", "PUT", deployment("anon"), request(IDENTITY_AND_POLICY,
        Map.of("vault_name", "deploy-vault", "identity_name", "anon-id")));
    assertThat(r.statusCode()).as(text(r)).isEqualTo(401);
    assertThat(json(r).path("error").path("code").asText()).isEqualTo("InvalidAuthenticationToken");
    assertThat(server.managementRaw("GET", resource("Microsoft.ManagedIdentity/userAssignedIdentities/anon-id"), null)
        .statusCode()).isEqualTo(404);
    HttpResponse<byte[]> missingGroup = server.managementRaw("GET",
        sub + "/resourcegroups/nogroup/providers/Microsoft.Resources/deployments", null);
    assertThat(missingGroup.statusCode()).isEqualTo(404);
  }

  @Test
  void deploymentsSurviveARestart_andDeleteRemovesOnlyTheRecord(@TempDir Path own) throws Exception {
    String id = "/subscriptions/%s/resourceGroups/kept/providers/Microsoft.ManagedIdentity/userAssignedIdentities/kept-id";
    try (TestServer first = TestServer.start(own)) {
      String s = "/subscriptions/" + first.subscription;
      first.management("PUT", s + "/resourcegroups/kept", Map.of("location", "westeurope"));
      first.management("PUT", s + "/resourcegroups/kept/providers/Microsoft.Resources/deployments/kept", request("""
          {"resources": [{"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2018-11-30",
            "name": "kept-id", "location": "[resourceGroup().location]"}]}""", Map.of()));
    }
    try (TestServer second = TestServer.start(own)) {
      String s = "/subscriptions/" + second.subscription;
      String path = s + "/resourcegroups/kept/providers/Microsoft.Resources/deployments/kept";
      JsonNode shown = second.management("GET", path, null);
      assertThat(shown.path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
      assertThat(ids(shown.path("properties").path("outputResources")))
          .containsExactly(id.formatted(second.subscription));
      assertThat(second.managementRaw("DELETE", path, null).statusCode()).isEqualTo(200);
      assertThat(second.managementRaw("GET", path, null).statusCode()).isEqualTo(404);
      assertThat(second.managementRaw("DELETE", path, null).statusCode()).isEqualTo(204);
      assertThat(second.managementRaw("GET", id.formatted(second.subscription), null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void withTls_theLoopbackCallsTrustTheServersOwnCertificate(@TempDir Path own) throws Exception {
    try (TestServer tls = TestServer.start(own, Map.of("COFFER_SERVER_TLS", "true"))) {
      assertThat(tls.server.url()).startsWith("https://");
      String s = "/subscriptions/" + tls.subscription;
      tls.management("PUT", s + "/resourcegroups/secure", Map.of("location", "westeurope"));
      JsonNode d = tls.management("PUT", s + "/resourcegroups/secure/providers/Microsoft.Resources/deployments/tls",
          request("""
              {"resources": [{"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2018-11-30",
                "name": "tls-id", "location": "[resourceGroup().location]"}],
               "outputs": {"clientId": {"type": "string", "value": "[reference('tls-id').clientId]"}}}""", Map.of()));
      assertThat(d.path("properties").path("provisioningState").asText()).as(d.toString()).isEqualTo("Succeeded");
      JsonNode identity = tls.management("GET", s + "/resourceGroups/secure/providers/"
          + "Microsoft.ManagedIdentity/userAssignedIdentities/tls-id", null);
      assertThat(d.path("properties").path("outputs").path("clientId").path("value").asText())
          .isEqualTo(identity.path("properties").path("clientId").asText());
    }
  }
}
