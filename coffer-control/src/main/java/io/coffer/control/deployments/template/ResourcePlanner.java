package io.coffer.control.deployments.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Evaluates what must be known before anything is applied (types, names, {@code condition},
 * {@code dependsOn}), resolves each dependency to a resource of the template and refuses cycles.
 */
public final class ResourcePlanner {
  private ResourcePlanner() {}

  /** The resources to apply, in template order; a resource whose condition is false is left out. */
  public static List<PlannedResource> plan(TemplateContext context) {
    Evaluator ev = context.evaluator();
    String subscription = context.subscription().path("subscriptionId").asText();
    String group = context.resourceGroup().path("name").asText();
    List<PlannedResource> declared = new ArrayList<>();
    Set<String> excluded = new HashSet<>();
    List<ObjectNode> resources = context.template().resources();
    List<List<String>> rawDependencies = new ArrayList<>();
    for (int i = 0; i < resources.size(); i++) {
      ObjectNode r = resources.get(i);
      String type = ev.text(r.get("type").textValue(), "A resource 'type'");
      String apiVersion = ev.text(r.get("apiVersion").textValue(), "A resource 'apiVersion'");
      String name = ev.text(r.get("name").textValue(), "A resource 'name'");
      String id = ResourceIds.inGroup(subscription, group, type, ResourceIds.names(name));
      List<String> dependencies = new ArrayList<>();
      for (JsonNode d : r.path("dependsOn")) {
        if (!d.isTextual()) throw new TemplateException("The 'dependsOn' of resource '" + id + "' must list strings.");
        dependencies.add(ev.text(d.textValue(), "A 'dependsOn' entry"));
      }
      PlannedResource planned = new PlannedResource(i, type, apiVersion, name, id, List.of(), r);
      for (PlannedResource other : declared) {
        if (other.id().equalsIgnoreCase(id)) {
          throw new TemplateException("The resource '" + id + "' is defined multiple times in the template.");
        }
      }
      declared.add(planned);
      rawDependencies.add(dependencies);
      JsonNode condition = r.get("condition");
      if (condition != null) {
        JsonNode value = condition.isTextual() ? ev.string(condition.textValue()) : condition;
        if (!value.isBoolean()) throw new TemplateException("The 'condition' of resource '" + id + "' must be a boolean.");
        if (!value.booleanValue()) excluded.add(id.toLowerCase(Locale.ROOT));
      }
    }
    List<PlannedResource> out = new ArrayList<>();
    for (int i = 0; i < declared.size(); i++) {
      PlannedResource r = declared.get(i);
      if (excluded.contains(r.id().toLowerCase(Locale.ROOT))) continue;
      Set<String> ids = new LinkedHashSet<>();
      for (String d : rawDependencies.get(i)) {
        PlannedResource target = resolve(d, declared, r.id());
        if (target == r) throw new TemplateException("The resource '" + r.id() + "' cannot depend on itself.");
        if (!excluded.contains(target.id().toLowerCase(Locale.ROOT))) ids.add(target.id());
      }
      out.add(new PlannedResource(r.index(), r.type(), r.apiVersion(), r.name(), r.id(), List.copyOf(ids),
          r.declaration()));
    }
    refuseCycles(out);
    return List.copyOf(out);
  }

  /** A dependency names a resource by id, by {@code type/name}, or by name alone when that is unambiguous. */
  private static PlannedResource resolve(String dependency, List<PlannedResource> declared, String from) {
    List<PlannedResource> matches = new ArrayList<>();
    for (PlannedResource r : declared) {
      boolean match = dependency.startsWith("/")
          ? r.id().equalsIgnoreCase(dependency)
          : r.name().equalsIgnoreCase(dependency) || (r.type() + "/" + r.name()).equalsIgnoreCase(dependency);
      if (match) matches.add(r);
    }
    if (matches.isEmpty()) {
      throw new TemplateException("The resource '" + dependency + "' that '" + from + "' depends on is not defined in "
          + "the template.");
    }
    if (matches.size() > 1) {
      throw new TemplateException("The dependency '" + dependency + "' of '" + from + "' names more than one resource "
          + "of the template; use its resource id.");
    }
    return matches.get(0);
  }

  private static void refuseCycles(List<PlannedResource> resources) {
    Set<String> done = new HashSet<>();
    boolean progress = true;
    while (progress && done.size() < resources.size()) {
      progress = false;
      for (PlannedResource r : resources) {
        String key = r.id().toLowerCase(Locale.ROOT);
        if (done.contains(key)) continue;
        if (r.dependsOn().stream().allMatch(d -> done.contains(d.toLowerCase(Locale.ROOT)))) {
          done.add(key);
          progress = true;
        }
      }
    }
    for (PlannedResource r : resources) {
      if (!done.contains(r.id().toLowerCase(Locale.ROOT))) {
        throw new TemplateException("Circular dependency detected on resource: '" + r.id() + "'.");
      }
    }
  }
}
