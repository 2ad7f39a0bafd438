package io.coffer.control.deployments.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A scope with fixed parameters, variables, group and subscription; records reference() calls. */
final class FakeScope implements Scope {
  final Map<String, JsonNode> parameters = new HashMap<>();
  final Map<String, JsonNode> variables = new HashMap<>();
  final Map<String, JsonNode> resources = new HashMap<>();
  final List<String> referenced = new ArrayList<>();

  @Override
  public JsonNode parameter(String name) {
    JsonNode v = parameters.get(name);
    if (v == null) throw new TemplateException("The template parameter '" + name + "' is not found.");
    return v;
  }

  @Override
  public JsonNode variable(String name) {
    JsonNode v = variables.get(name);
    if (v == null) throw new TemplateException("The template variable '" + name + "' is not found.");
    return v;
  }

  @Override
  public JsonNode resourceGroup() {
    return Json.parse("{\"id\":\"/subscriptions/sub-1/resourceGroups/rg\",\"name\":\"rg\",\"location\":\"westeurope\"}");
  }

  @Override
  public JsonNode subscription() {
    return Json.parse("{\"id\":\"/subscriptions/sub-1\",\"subscriptionId\":\"sub-1\",\"tenantId\":\"tenant-1\"}");
  }

  @Override
  public JsonNode deployment() {
    return Json.parse("{\"name\":\"dep\"}");
  }

  @Override
  public JsonNode reference(String resource, String apiVersion, boolean full) {
    referenced.add(resource + "@" + apiVersion + (full ? "/full" : ""));
    JsonNode r = resources.get(resource);
    if (r == null) throw new TemplateException("no resource " + resource);
    return full ? r : r.path("properties");
  }
}
