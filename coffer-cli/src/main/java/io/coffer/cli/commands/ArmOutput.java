package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Shapes ARM resources as az prints them. The Azure SDK models flatten {@code properties} into
 * the resource, so {@code az acr show} has {@code loginServer}, {@code adminUserEnabled},
 * {@code encryption} at the top level; every acr command prints registries through here.
 */
public final class ArmOutput {
  private ArmOutput() {}

  /** The resource (or each resource of a list) with its {@code properties} lifted to the top. */
  public static JsonNode flatten(JsonNode node) {
    if (node == null) return null;
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> out.add(flatten(item)));
      return out;
    }
    if (!node.isObject() || !node.path("properties").isObject()) return node;
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (field.getKey().equals("properties")) {
        field.getValue().properties().forEach(p -> {
          // A top-level field of the same name wins, as it does in the SDK models.
          if (!node.has(p.getKey())) out.set(p.getKey(), p.getValue());
        });
      } else {
        out.set(field.getKey(), field.getValue());
      }
    }
    return out;
  }
}
