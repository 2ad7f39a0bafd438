package io.coffer.control.deployments.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads a template's structure and refuses what Coffer does not deploy, naming it. */
public final class TemplateParser {
  private TemplateParser() {}

  public static Template parse(JsonNode template) {
    if (template == null || !template.isObject()) throw new TemplateException("The template must be a JSON object.");
    JsonNode functions = template.get("functions");
    if (functions != null && !functions.isEmpty()) {
      throw new TemplateException("User-defined 'functions' are not supported in templates.");
    }
    Map<String, ParameterDefinition> parameters = parameters(object(template, "parameters", "The template"));
    ObjectNode variables = object(template, "variables", "The template");
    if (variables.has("copy")) throw new TemplateException("Variable 'copy' loops are not supported in templates.");
    JsonNode resources = template.get("resources");
    if (resources == null || !resources.isArray()) {
      throw new TemplateException("The template must have a 'resources' array.");
    }
    List<ObjectNode> list = new ArrayList<>();
    int i = 0;
    for (JsonNode r : resources) {
      list.add(resource(r, i++));
    }
    ObjectNode outputs = object(template, "outputs", "The template");
    for (Iterator<Map.Entry<String, JsonNode>> it = outputs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> o = it.next();
      if (!o.getValue().isObject() || !o.getValue().path("type").isTextual() || !o.getValue().has("value")) {
        throw new TemplateException("The template output '" + o.getKey() + "' must have a 'type' and a 'value'.");
      }
    }
    JsonNode version = template.get("contentVersion");
    return new Template(parameters, variables, List.copyOf(list), outputs,
        version != null && version.isTextual() ? version.textValue() : "1.0.0.0");
  }

  private static Map<String, ParameterDefinition> parameters(ObjectNode declared) {
    Map<String, ParameterDefinition> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = declared.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode p = e.getValue();
      if (!p.isObject() || !p.path("type").isTextual()) {
        throw new TemplateException("The template parameter '" + name + "' must be an object with a 'type'.");
      }
      JsonNode allowed = p.get("allowedValues");
      if (allowed != null && !allowed.isArray()) {
        throw new TemplateException("The 'allowedValues' of the template parameter '" + name + "' must be an array.");
      }
      ParameterDefinition d = new ParameterDefinition(name, ParameterType.of(p.get("type").textValue(), name),
          p.get("defaultValue"), allowed, number(p, "minValue", name), number(p, "maxValue", name),
          number(p, "minLength", name), number(p, "maxLength", name));
      if (out.put(name.toLowerCase(Locale.ROOT), d) != null) {
        throw new TemplateException("The template parameter '" + name + "' is declared twice.");
      }
    }
    return out;
  }

  private static ObjectNode resource(JsonNode r, int index) {
    String where = "The template resource at index " + index;
    if (!r.isObject()) throw new TemplateException(where + " must be an object.");
    for (String field : List.of("type", "apiVersion", "name")) {
      if (!r.path(field).isTextual() || r.get(field).textValue().isBlank()) {
        throw new TemplateException(where + " must have a '" + field + "' string.");
      }
    }
    if (r.has("copy")) throw new TemplateException(where + " uses 'copy'; resource loops are not supported.");
    if (r.has("resources")) {
      throw new TemplateException(where + " nests 'resources'; declare child resources at the top level, with "
          + "their full type and name (as 'Microsoft.KeyVault/vaults/accessPolicies' named 'vault/add').");
    }
    if (r.has("dependsOn") && !r.get("dependsOn").isArray()) {
      throw new TemplateException(where + " has a 'dependsOn' that is not an array.");
    }
    return (ObjectNode) r;
  }

  private static ObjectNode object(JsonNode parent, String field, String owner) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) return JsonNodeFactory.instance.objectNode();
    if (!v.isObject()) throw new TemplateException(owner + "'s '" + field + "' must be an object.");
    return (ObjectNode) v;
  }

  private static Long number(JsonNode p, String field, String parameter) {
    JsonNode v = p.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isIntegralNumber()) {
      throw new TemplateException("The '" + field + "' of the template parameter '" + parameter + "' must be an integer.");
    }
    return v.longValue();
  }
}
