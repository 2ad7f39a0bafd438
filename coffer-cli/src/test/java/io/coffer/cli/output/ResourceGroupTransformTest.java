package io.coffer.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import org.junit.jupiter.api.Test;

class ResourceGroupTransformTest {
  private static final String REGISTRY_ID =
      "/subscriptions/s1/resourceGroups/MyRG/providers/Microsoft.ContainerRegistry/registries/reg";

  @Test
  void apply_resourceId_addsResourceGroupFromId() {
    JsonNode node = Json.parse("{\"id\":\"" + REGISTRY_ID + "\",\"name\":\"reg\"}");
    ResourceGroupTransform.apply(node);
    assertThat(node.get("resourceGroup").asText()).isEqualTo("MyRG");
  }

  @Test
  void apply_lowerCaseSegmentName_stillRecognised() {
    JsonNode node = Json.parse("{\"id\":\"/subscriptions/s/resourcegroups/g1/providers/A.B/c/d\"}");
    ResourceGroupTransform.apply(node);
    assertThat(node.get("resourceGroup").asText()).isEqualTo("g1");
  }

  @Test
  void apply_nestedObjectsAndLists_transformedRecursively() {
    JsonNode node = Json.parse("[{\"identity\":{\"userAssignedIdentities\":{\"k\":{\"id\":\""
        + "/subscriptions/s/resourceGroups/idrg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/u\"}}}}]");
    ResourceGroupTransform.apply(node);
    assertThat(node.at("/0/identity/userAssignedIdentities/k/resourceGroup").asText()).isEqualTo("idrg");
  }

  @Test
  void apply_existingResourceGroupAnyCase_keptAsIs() {
    JsonNode node = Json.parse("{\"id\":\"" + REGISTRY_ID + "\",\"resourcegroup\":\"other\"}");
    ResourceGroupTransform.apply(node);
    assertThat(node.has("resourceGroup")).isFalse();
    assertThat(node.get("resourcegroup").asText()).isEqualTo("other");
  }

  @Test
  void apply_groupOwnIdOrSubscriptionId_nothingAdded() {
    JsonNode group = Json.parse("{\"id\":\"/subscriptions/s/resourceGroups/g\"}");
    JsonNode sub = Json.parse("{\"id\":\"/subscriptions/s\"}");
    JsonNode key = Json.parse("{\"id\":\"https://vault/keys/name/version\"}");
    ResourceGroupTransform.apply(group);
    ResourceGroupTransform.apply(sub);
    ResourceGroupTransform.apply(key);
    assertThat(group.has("resourceGroup")).isFalse();
    assertThat(sub.has("resourceGroup")).isFalse();
    assertThat(key.has("resourceGroup")).isFalse();
  }

  @Test
  void apply_nullOrNonTextId_ignored() {
    JsonNode node = Json.parse("{\"id\":null,\"x\":{\"id\":5}}");
    ResourceGroupTransform.apply(node);
    assertThat(node.has("resourceGroup")).isFalse();
    assertThat(node.get("x").has("resourceGroup")).isFalse();
  }
}
