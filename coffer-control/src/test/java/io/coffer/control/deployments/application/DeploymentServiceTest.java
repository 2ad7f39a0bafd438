package io.coffer.control.deployments.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.control.deployments.Deployment;
import io.coffer.control.domain.ControlException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Ordering, retries within a wave, failures and records, against an in-memory ARM edge. */
class DeploymentServiceTest {
  private static final String GROUP = "/subscriptions/s1/resourceGroups/rg";
  private static final String P = GROUP + "/providers/";
  private static final ArmGateway.Caller CALLER = new ArmGateway.Caller("Bearer good", "localhost:1");

  /** An ARM edge holding resources; a rule may refuse a PUT. */
  static final class FakeArm implements ArmGateway {
    final Map<String, JsonNode> resources = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    final Map<String, Predicate<FakeArm>> requires = new HashMap<>();

    FakeArm() {
      resources.put(GROUP.toLowerCase(Locale.ROOT), Json.parse("{\"id\":\"" + GROUP + "\",\"name\":\"rg\","
          + "\"location\":\"westeurope\"}"));
      resources.put("/subscriptions/s1", Json.parse("{\"subscriptionId\":\"s1\",\"tenantId\":\"t1\"}"));
    }

    @Override
    public ArmResponse send(Caller caller, String method, String path, String apiVersion, JsonNode body) {
      calls.add(method + " " + path);
      if (!"Bearer good".equals(caller.authorization())) {
        return new ArmResponse(401, Json.bytes(Map.of("error", Map.of("code", "AuthenticationFailed",
            "message", "no"))), "Bearer realm=\"coffer\"");
      }
      String key = path.toLowerCase(Locale.ROOT);
      if (method.equals("GET")) {
        JsonNode r = resources.get(key);
        return r == null ? error(404, "ResourceNotFound", "The Resource '" + path + "' was not found.")
            : new ArmResponse(200, Json.bytes(r), null);
      }
      Predicate<FakeArm> rule = requires.get(key);
      if (rule != null && !rule.test(this)) return error(400, "KeyAccessDenied", "refused " + path);
      var stored = Json.object();
      stored.put("id", path);
      stored.set("properties", body.path("properties").isMissingNode() ? Json.object() : body.get("properties"));
      stored.set("body", body);
      if (path.contains("userAssignedIdentities")) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) stored.get("properties")).put("principalId", "p-" + path.length())
            .put("clientId", "c-1");
      }
      resources.put(key, stored);
      return new ArmResponse(201, Json.bytes(stored), null);
    }

    static ArmResponse error(int status, String code, String message) {
      return new ArmResponse(status, Json.bytes(Map.of("error", Map.of("code", code, "message", message))), null);
    }

    List<String> puts() {
      return calls.stream().filter(c -> c.startsWith("PUT ")).map(c -> c.substring(4)).toList();
    }
  }

  static final class MemoryStore implements DeploymentStore {
    final Map<String, Deployment> rows = new LinkedHashMap<>();

    @Override
    public Optional<Deployment> find(String subscription, String group, String name) {
      return Optional.ofNullable(rows.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public List<Deployment> list(String subscription, String group) {
      return List.copyOf(rows.values());
    }

    @Override
    public void save(Deployment d) {
      rows.put(d.name().toLowerCase(Locale.ROOT), d);
    }

    @Override
    public boolean delete(String subscription, String group, String name) {
      return rows.remove(name.toLowerCase(Locale.ROOT)) != null;
    }
  }

  private final FakeArm arm = new FakeArm();
  private final MemoryStore store = new MemoryStore();
  private final DeploymentService service = new DeploymentService(arm, store, Clock.systemUTC());

  /** The seed's shape: a registry and an access policy, siblings after the identity; the registry needs the policy. */
  private static final String SEED_LIKE = "{\"parameters\":{\"id\":{\"type\":\"string\"}},\"resources\":["
      + "{\"type\":\"Microsoft.ContainerRegistry/registries\",\"apiVersion\":\"2019-12-01-preview\",\"name\":\"reg\","
      + "\"location\":\"[resourceGroup().location]\",\"dependsOn\":[\"[resourceId('Microsoft.ManagedIdentity/"
      + "userAssignedIdentities', parameters('id'))]\"],\"properties\":{\"identity\":\"[reference(resourceId("
      + "'Microsoft.ManagedIdentity/userAssignedIdentities', parameters('id')), '2018-11-30').clientId]\"}},"
      + "{\"type\":\"Microsoft.KeyVault/vaults/accessPolicies\",\"apiVersion\":\"2018-02-14\",\"name\":\"v/add\","
      + "\"dependsOn\":[\"[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('id'))]\"],"
      + "\"properties\":{\"accessPolicies\":[{\"tenantId\":\"[subscription().tenantId]\",\"objectId\":\"[reference("
      + "resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('id')), '2018-11-30').principalId]\"}]}},"
      + "{\"type\":\"Microsoft.ManagedIdentity/userAssignedIdentities\",\"apiVersion\":\"2018-11-30\","
      + "\"name\":\"[parameters('id')]\",\"location\":\"[resourceGroup().location]\"}],"
      + "\"outputs\":{\"clientId\":{\"type\":\"string\",\"value\":\"[reference(resourceId('Microsoft.ManagedIdentity/"
      + "userAssignedIdentities', parameters('id')), '2018-11-30').clientId]\"}}}";

  private static JsonNode request(String template, String parameters) {
    return Json.parse("{\"properties\":{\"mode\":\"Incremental\",\"template\":" + template + ",\"parameters\":"
        + parameters + "}}");
  }

  @Test
  void dependenciesFirst_andASiblingThatNeededAnotherIsTriedAgainAfterIt() {
    String registry = P + "Microsoft.ContainerRegistry/registries/reg";
    String policy = P + "Microsoft.KeyVault/vaults/v/accessPolicies/add";
    String identity = P + "Microsoft.ManagedIdentity/userAssignedIdentities/id1";
    arm.requires.put(registry.toLowerCase(Locale.ROOT), a -> a.resources.containsKey(policy.toLowerCase(Locale.ROOT)));

    var result = service.deploy(CALLER, "s1", "rg", "dep", "2022-09-01", request(SEED_LIKE, "{\"id\":{\"value\":\"id1\"}}"));

    Deployment d = result.deployment();
    assertThat(result.created()).isTrue();
    assertThat(d.state()).isEqualTo(Deployment.State.Succeeded);
    assertThat(d.error()).isNull();
    assertThat(arm.puts()).containsExactly(identity, registry, policy, registry);
    assertThat(d.outputResources()).containsExactly(identity, policy, registry);
    assertThat(d.outputs().path("clientId").path("value").asText()).isEqualTo("c-1");
    assertThat(d.outputs().path("clientId").path("type").asText()).isEqualTo("String");
    JsonNode put = arm.resources.get(registry.toLowerCase(Locale.ROOT)).path("body");
    assertThat(put.path("location").asText()).isEqualTo("westeurope");
    assertThat(put.path("properties").path("identity").asText()).isEqualTo("c-1");
    assertThat(put.has("dependsOn")).isFalse();
    assertThat(put.has("apiVersion")).isFalse();
    assertThat(put.has("name")).isFalse();
    JsonNode policyBody = arm.resources.get(policy.toLowerCase(Locale.ROOT)).path("body");
    assertThat(policyBody.path("properties").path("accessPolicies").get(0).path("tenantId").asText()).isEqualTo("t1");
    assertThat(store.find("s1", "rg", "DEP")).isPresent();
  }

  @Test
  void aFailingResourceFailsTheDeployment_itsDependentsAreNotApplied_andOnlyAppliedOnesAreReported() {
    String registry = P + "Microsoft.ContainerRegistry/registries/reg";
    arm.requires.put(registry.toLowerCase(Locale.ROOT), a -> false);
    String template = "{\"resources\":[{\"type\":\"Microsoft.ManagedIdentity/userAssignedIdentities\","
        + "\"apiVersion\":\"2018-11-30\",\"name\":\"id1\"},{\"type\":\"Microsoft.ContainerRegistry/registries\","
        + "\"apiVersion\":\"2019-12-01-preview\",\"name\":\"reg\",\"dependsOn\":[\"id1\"]},"
        + "{\"type\":\"Microsoft.ManagedIdentity/userAssignedIdentities\",\"apiVersion\":\"2018-11-30\","
        + "\"name\":\"after\",\"dependsOn\":[\"reg\"]}],\"outputs\":{\"o\":{\"type\":\"string\",\"value\":\"x\"}}}";

    Deployment d = service.deploy(CALLER, "s1", "rg", "dep", "2022-09-01", request(template, "{}")).deployment();

    assertThat(d.state()).isEqualTo(Deployment.State.Failed);
    assertThat(d.error().code()).isEqualTo("DeploymentFailed");
    assertThat(d.error().details()).singleElement().satisfies(detail -> {
      assertThat(detail.code()).isEqualTo("KeyAccessDenied");
      assertThat(detail.message()).isEqualTo("refused " + registry);
      assertThat(detail.target()).isEqualTo(registry);
    });
    assertThat(d.outputResources()).containsExactly(P + "Microsoft.ManagedIdentity/userAssignedIdentities/id1");
    assertThat(arm.puts()).doesNotContain(P + "Microsoft.ManagedIdentity/userAssignedIdentities/after");
    assertThat(d.outputs().isEmpty()).isTrue();
    assertThat(store.find("s1", "rg", "dep").orElseThrow().state()).isEqualTo(Deployment.State.Failed);
  }

  @Test
  void aReferenceToAMissingResourceFailsThatResourceWithTheEdgesError() {
    String template = "{\"resources\":[{\"type\":\"Microsoft.KeyVault/vaults/accessPolicies\","
        + "\"apiVersion\":\"2018-02-14\",\"name\":\"v/add\",\"properties\":{\"o\":\"[reference(resourceId("
        + "'Microsoft.ManagedIdentity/userAssignedIdentities', 'ghost'), '2018-11-30').principalId]\"}}]}";
    Deployment d = service.deploy(CALLER, "s1", "rg", "dep", "2022-09-01", request(template, "{}")).deployment();
    assertThat(d.state()).isEqualTo(Deployment.State.Failed);
    assertThat(d.error().details().get(0).code()).isEqualTo("ResourceNotFound");
    assertThat(d.error().details().get(0).target()).isEqualTo(P + "Microsoft.KeyVault/vaults/v/accessPolicies/add");
    assertThat(arm.puts()).isEmpty();
  }

  @Test
  void anInvalidTemplateIsRefusedBeforeAnythingIsAppliedOrRecorded() {
    assertThatThrownBy(() -> service.deploy(CALLER, "s1", "rg", "dep", "2022-09-01", request(SEED_LIKE, "{}")))
        .isInstanceOfSatisfying(ControlException.class, e -> {
          assertThat(e.code()).isEqualTo("InvalidTemplate");
          assertThat(e.getMessage()).contains("'id' is not provided");
        });
    assertThat(arm.puts()).isEmpty();
    assertThat(store.rows).isEmpty();
  }

  @Test
  void theCallerIsCheckedByTheEdge_andItsRefusalIsPassedOn() {
    var stranger = new ArmGateway.Caller("Bearer bad", null);
    assertThatThrownBy(() -> service.deploy(stranger, "s1", "rg", "dep", "2022-09-01", request(SEED_LIKE, "{}")))
        .isInstanceOfSatisfying(ArmRefusal.class, e -> {
          assertThat(e.response().status()).isEqualTo(401);
          assertThat(e.response().wwwAuthenticate()).startsWith("Bearer");
        });
    assertThatThrownBy(() -> service.deploy(CALLER, "s1", "nogroup", "dep", "2022-09-01", request(SEED_LIKE, "{}")))
        .isInstanceOfSatisfying(ArmRefusal.class, e -> assertThat(e.response().status()).isEqualTo(404));
    assertThat(arm.puts()).isEmpty();
  }

  @Test
  void redeployingReplacesTheRecord_deleteRemovesOnlyTheRecord() {
    String template = "{\"resources\":[{\"type\":\"Microsoft.ManagedIdentity/userAssignedIdentities\","
        + "\"apiVersion\":\"2018-11-30\",\"name\":\"id1\"}]}";
    assertThat(service.deploy(CALLER, "s1", "rg", "dep", "v", request(template, "{}")).created()).isTrue();
    assertThat(service.deploy(CALLER, "s1", "rg", "DEP", "v", request(template, "{}")).created()).isFalse();
    assertThat(service.list(CALLER, "s1", "rg", "v")).hasSize(1);
    assertThat(service.delete(CALLER, "s1", "rg", "dep", "v")).isTrue();
    assertThat(service.delete(CALLER, "s1", "rg", "dep", "v")).isFalse();
    assertThatThrownBy(() -> service.get(CALLER, "s1", "rg", "dep", "v"))
        .isInstanceOfSatisfying(ControlException.class, e -> assertThat(e.code()).isEqualTo("DeploymentNotFound"));
    assertThat(arm.resources).containsKey((P + "Microsoft.ManagedIdentity/userAssignedIdentities/id1")
        .toLowerCase(Locale.ROOT));
  }

  @Test
  void requestsOutsideWhatIsSupportedAreRefusedClearly() {
    String template = "{\"resources\":[]}";
    assertThatThrownBy(() -> service.deploy(CALLER, "s1", "rg", "bad name!", "v", request(template, "{}")))
        .isInstanceOfSatisfying(ControlException.class, e -> assertThat(e.code()).isEqualTo("InvalidDeploymentName"));
    assertThatThrownBy(() -> service.deploy(CALLER, "s1", "rg", "d", "v",
        Json.parse("{\"properties\":{\"mode\":\"Complete\",\"template\":{\"resources\":[]}}}")))
        .hasMessageContaining("'Complete' is not supported");
    assertThatThrownBy(() -> service.deploy(CALLER, "s1", "rg", "d", "v",
        Json.parse("{\"properties\":{\"templateLink\":{\"uri\":\"https://x\"}}}")))
        .hasMessageContaining("'templateLink'");
    assertThatThrownBy(() -> service.deploy(CALLER, "s1", "rg", "d", "v", Json.parse("{\"properties\":{}}")))
        .hasMessageContaining("'properties.template'");
    assertThat(store.rows).isEmpty();
  }
}
