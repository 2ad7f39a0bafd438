package io.coffer.control.deployments.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One deployment's view of its template: parameter values (supplied, else defaults, each checked
 * against its declaration), variables (evaluated once, on first use), the group and subscription
 * it runs in, and how {@code reference()} reads resources.
 */
public final class TemplateContext implements Scope {
  /** How {@code reference()} reads a resource; see {@link Scope#reference}. */
  @FunctionalInterface
  public interface References {
    JsonNode reference(String resource, String apiVersion, boolean full);
  }

  /** Where no resource may be read yet: parameter defaults, names, conditions, dependencies. */
  private static final References NOT_HERE = (resource, apiVersion, full) -> {
    throw new TemplateException("The template function 'reference' is not expected at this location: resource "
        + "names, types, conditions, dependencies and parameter defaults are evaluated before any resource exists.");
  };

  private final Template template;
  private final Map<String, JsonNode> supplied;
  private final JsonNode group;
  private final JsonNode subscription;
  private final String deploymentName;
  private final Map<String, JsonNode> parameters = new HashMap<>();
  private final Map<String, JsonNode> variables = new HashMap<>();
  private final Set<String> evaluating = new HashSet<>();
  private final Evaluator evaluator = new Evaluator(this);
  private References references = NOT_HERE;

  private TemplateContext(Template template, Map<String, JsonNode> supplied, JsonNode group, JsonNode subscription,
      String deploymentName) {
    this.template = template;
    this.supplied = supplied;
    this.group = group;
    this.subscription = subscription;
    this.deploymentName = deploymentName;
  }

  /**
   * Binds the supplied {@code {"name":{"value":…}}} parameters to the template and checks every
   * parameter now, so that a missing or invalid one fails the deployment before anything is applied.
   */
  public static TemplateContext bind(Template template, JsonNode suppliedParameters, JsonNode group,
      JsonNode subscription, String deploymentName) {
    Map<String, JsonNode> supplied = new HashMap<>();
    if (suppliedParameters != null && !suppliedParameters.isNull()) {
      if (!suppliedParameters.isObject()) throw new TemplateException("'parameters' must be a JSON object.");
      for (Iterator<Map.Entry<String, JsonNode>> it = suppliedParameters.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (template.parameter(e.getKey()) == null) {
          throw new TemplateException("The template parameter '" + e.getKey() + "' is not valid: it is not present in "
              + "the original template and can therefore not be provided at deployment time.");
        }
        JsonNode v = e.getValue();
        if (v.isObject() && v.has("reference")) {
          throw new TemplateException("The template parameter '" + e.getKey() + "' is a Key Vault reference; supply "
              + "its 'value' instead.");
        }
        if (!v.isObject() || !v.has("value")) {
          throw new TemplateException("The template parameter '" + e.getKey() + "' must be given as {\"value\": …}.");
        }
        supplied.put(e.getKey().toLowerCase(Locale.ROOT), v.get("value"));
      }
    }
    TemplateContext context = new TemplateContext(template, supplied, group, subscription, deploymentName);
    template.parameters().values().forEach(p -> context.parameter(p.name()));
    return context;
  }

  public Template template() {
    return template;
  }

  public Evaluator evaluator() {
    return evaluator;
  }

  /** From now on {@code reference()} reads resources this way. */
  public void allowReferences(References references) {
    this.references = references;
  }

  /** The parameters as a deployment shows them: {@code {"name":{"type","value"}}}, secure values left out. */
  public ObjectNode parameterRecord() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (ParameterDefinition p : template.parameters().values()) {
      ObjectNode entry = out.putObject(p.name());
      entry.put("type", p.type().shown());
      if (!p.type().secure()) entry.set("value", parameter(p.name()));
    }
    return out;
  }

  @Override
  public JsonNode parameter(String name) {
    ParameterDefinition p = template.parameter(name);
    if (p == null) throw new TemplateException("The template parameter '" + name + "' is not found.");
    String key = "parameter:" + p.name().toLowerCase(Locale.ROOT);
    JsonNode known = parameters.get(key);
    if (known != null) return known;
    JsonNode value = supplied.get(p.name().toLowerCase(Locale.ROOT));
    if (value == null) {
      if (p.defaultValue() == null) {
        throw new TemplateException("The value for the template parameter '" + p.name() + "' is not provided. Please "
            + "see https://aka.ms/arm-create-parameter-file for usage details.");
      }
      value = once(key, "parameter '" + p.name() + "'", () -> evaluator.resolve(p.defaultValue()));
    }
    check(p, value);
    parameters.put(key, value);
    return value;
  }

  @Override
  public JsonNode variable(String name) {
    JsonNode raw = template.variable(name);
    if (raw == null) throw new TemplateException("The template variable '" + name + "' is not found.");
    String key = "variable:" + name.toLowerCase(Locale.ROOT);
    JsonNode known = variables.get(key);
    if (known != null) return known;
    JsonNode value = once(key, "variable '" + name + "'", () -> evaluator.resolve(raw));
    variables.put(key, value);
    return value;
  }

  @Override
  public JsonNode resourceGroup() {
    return group;
  }

  @Override
  public JsonNode subscription() {
    return subscription;
  }

  @Override
  public JsonNode deployment() {
    ObjectNode d = JsonNodeFactory.instance.objectNode();
    d.put("name", deploymentName);
    d.putObject("properties").putObject("template").put("contentVersion", template.contentVersion());
    return d;
  }

  @Override
  public JsonNode reference(String resource, String apiVersion, boolean full) {
    return references.reference(resource, apiVersion, full);
  }

  /** Evaluates a parameter default or a variable, refusing one that needs itself. */
  private JsonNode once(String key, String shown, java.util.function.Supplier<JsonNode> work) {
    if (!evaluating.add(key)) throw new TemplateException("The template " + shown + " refers to itself.");
    try {
      return work.get();
    } finally {
      evaluating.remove(key);
    }
  }

  private static void check(ParameterDefinition p, JsonNode v) {
    if (!p.type().accepts(v)) {
      throw new TemplateException("The template parameter '" + p.name() + "' must be of type '" + p.type().shown()
          + "'; the value given is " + Values.kind(v) + ".");
    }
    if (p.allowedValues() != null) {
      boolean allowed = false;
      for (JsonNode a : p.allowedValues()) allowed |= Values.same(a, v);
      if (!allowed) {
        throw new TemplateException("The provided value for the template parameter '" + p.name() + "' is not valid. "
            + "The value '" + (v.isTextual() ? v.textValue() : v.toString()) + "' is not part of the allowed value(s): '"
            + String.join(",", texts(p.allowedValues())) + "'.");
      }
    }
    if (v.isIntegralNumber()) {
      if (p.minValue() != null && v.longValue() < p.minValue()) throw bound(p, "at least " + p.minValue());
      if (p.maxValue() != null && v.longValue() > p.maxValue()) throw bound(p, "at most " + p.maxValue());
    }
    int length = v.isTextual() ? v.textValue().length() : v.isArray() ? v.size() : -1;
    if (length >= 0) {
      if (p.minLength() != null && length < p.minLength()) throw bound(p, "of length " + p.minLength() + " or more");
      if (p.maxLength() != null && length > p.maxLength()) throw bound(p, "of length " + p.maxLength() + " or less");
    }
  }

  private static java.util.List<String> texts(JsonNode array) {
    java.util.List<String> out = new java.util.ArrayList<>();
    array.forEach(a -> out.add(a.isTextual() ? a.textValue() : a.toString()));
    return out;
  }

  private static TemplateException bound(ParameterDefinition p, String what) {
    return new TemplateException("The provided value for the template parameter '" + p.name() + "' is not valid: it "
        + "must be " + what + ".");
  }
}
