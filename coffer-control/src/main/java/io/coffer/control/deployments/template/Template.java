package io.coffer.control.deployments.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A parsed deployment template. Parameters are keyed by lower-case name (ARM matches them
 * ignoring case); variables, resources and outputs stay JSON until evaluated.
 */
public record Template(Map<String, ParameterDefinition> parameters, ObjectNode variables, List<ObjectNode> resources,
    ObjectNode outputs, String contentVersion) {
  public ParameterDefinition parameter(String name) {
    return parameters.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  public JsonNode variable(String name) {
    JsonNode exact = variables.get(name);
    if (exact != null) return exact;
    for (var it = variables.fieldNames(); it.hasNext(); ) {
      String n = it.next();
      if (n.equalsIgnoreCase(name)) return variables.get(n);
    }
    return null;
  }
}
