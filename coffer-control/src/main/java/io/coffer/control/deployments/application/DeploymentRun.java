package io.coffer.control.deployments.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.control.deployments.Deployment;
import io.coffer.control.deployments.Deployment.Detail;
import io.coffer.control.deployments.template.PlannedResource;
import io.coffer.control.deployments.template.TemplateContext;
import io.coffer.control.deployments.template.TemplateException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies a planned template: each resource is PUT at its id with its evaluated body, once every
 * resource it depends on has been applied; a resource whose dependency failed is not applied.
 *
 * <p>Resources that do not depend on each other form a wave. ARM applies a wave concurrently, so a
 * template may not rely on the order within one; the seed's registry, for instance, needs the
 * access policy that is its sibling. Here a wave is applied in template order, and a resource that
 * failed is tried again when a sibling was applied after its attempt, until nothing changes: the
 * outcome ARM's concurrency allows, without its races. Trying again is safe because a refused
 * call changes nothing.
 */
final class DeploymentRun {
  /** Keys of a resource declaration that the template language reads; the rest is the body. */
  private static final Set<String> TEMPLATE_KEYS = Set.of("name", "type", "apiversion", "dependson", "condition",
      "comments", "copy", "resources", "scope");

  private final ArmGateway arm;
  private final ArmGateway.Caller caller;
  private final TemplateContext context;
  private final List<PlannedResource> plan;
  private final List<String> applied = new ArrayList<>();
  private final List<Detail> failures = new ArrayList<>();

  DeploymentRun(ArmGateway arm, ArmGateway.Caller caller, TemplateContext context, List<PlannedResource> plan) {
    this.arm = arm;
    this.caller = caller;
    this.context = context;
    this.plan = plan;
    context.allowReferences(this::reference);
  }

  /** The ids applied, in order. */
  List<String> applied() {
    return applied;
  }

  /** The resources that failed, each with its own error. */
  List<Detail> failures() {
    return failures;
  }

  void run() {
    Set<String> done = new HashSet<>();
    Set<String> failed = new HashSet<>();
    List<PlannedResource> pending = new ArrayList<>(plan);
    while (true) {
      List<PlannedResource> wave = new ArrayList<>();
      for (Iterator<PlannedResource> it = pending.iterator(); it.hasNext(); ) {
        PlannedResource r = it.next();
        if (r.dependsOn().stream().anyMatch(d -> failed.contains(key(d)))) {
          failed.add(key(r.id())); // never applied: what it needs is missing
          it.remove();
        } else if (r.dependsOn().stream().allMatch(d -> done.contains(key(d)))) {
          wave.add(r);
          it.remove();
        }
      }
      if (wave.isEmpty()) return;
      for (PlannedResource r : applyWave(wave)) failed.add(key(r.id()));
      wave.forEach(r -> {
        if (!failed.contains(key(r.id()))) done.add(key(r.id()));
      });
    }
  }

  /** Applies one wave; returns the resources that failed for good, their errors recorded. */
  private List<PlannedResource> applyWave(List<PlannedResource> wave) {
    record Attempt(int successesBefore, Detail error) {}
    Map<PlannedResource, Attempt> failing = new LinkedHashMap<>();
    List<PlannedResource> toTry = wave;
    int successes = 0;
    while (!toTry.isEmpty()) {
      for (PlannedResource r : toTry) {
        Detail error = apply(r);
        if (error == null) {
          successes++;
          failing.remove(r);
        } else {
          failing.put(r, new Attempt(successes, error));
        }
      }
      int total = successes;
      toTry = wave.stream().filter(r -> failing.containsKey(r) && failing.get(r).successesBefore() < total).toList();
    }
    failing.values().forEach(a -> failures.add(a.error()));
    return List.copyOf(failing.keySet());
  }

  /** PUTs one resource; null when applied, else its error. */
  private Detail apply(PlannedResource r) {
    try {
      JsonNode body = context.evaluator().resolve(body(r.declaration()));
      ArmResponse response = arm.send(caller, "PUT", r.id(), r.apiVersion(), body);
      if (!response.ok()) return new Detail(response.errorCode(), response.errorMessage(), r.id());
      applied.add(r.id());
      return null;
    } catch (TemplateException e) {
      return new Detail("InvalidTemplate", e.getMessage(), r.id());
    } catch (ArmRefusal e) {
      return new Detail(e.response().errorCode(), e.response().errorMessage(), r.id());
    }
  }

  /** {@code reference()}: GET the resource (named by id, or by name when it is in this template). */
  private JsonNode reference(String resource, String apiVersion, boolean full) {
    String id = resource;
    String version = apiVersion;
    if (!resource.startsWith("/")) {
      PlannedResource own = plan.stream().filter(r -> r.name().equalsIgnoreCase(resource)
          || (r.type() + "/" + r.name()).equalsIgnoreCase(resource)).findFirst()
          .orElseThrow(() -> new TemplateException("The template function 'reference' names '" + resource
              + "', which is neither a resource id nor a resource of this template."));
      id = own.id();
      if (version == null) version = own.apiVersion();
    }
    if (version == null) {
      String target = id;
      version = plan.stream().filter(r -> r.id().equalsIgnoreCase(target)).map(PlannedResource::apiVersion)
          .findFirst().orElseThrow(() -> new TemplateException("The template function 'reference' needs an "
              + "apiVersion for '" + target + "', which is not a resource of this template."));
    }
    ArmResponse response = arm.send(caller, "GET", id, version, null);
    if (!response.ok()) throw new ArmRefusal(response);
    JsonNode json = response.json();
    return full ? json : json.path("properties");
  }

  /** Evaluates the outputs; call only after every resource was applied. */
  ObjectNode outputs() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = context.template().outputs().fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> o = it.next();
      ObjectNode entry = out.putObject(o.getKey());
      String type = o.getValue().get("type").textValue();
      entry.put("type", type.isEmpty() ? type : Character.toUpperCase(type.charAt(0)) + type.substring(1));
      entry.set("value", context.evaluator().resolve(o.getValue().get("value")));
    }
    return out;
  }

  private static ObjectNode body(ObjectNode declaration) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    declaration.fields().forEachRemaining(e -> {
      if (!TEMPLATE_KEYS.contains(e.getKey().toLowerCase(Locale.ROOT))) body.set(e.getKey(), e.getValue());
    });
    return body;
  }

  private static String key(String id) {
    return id.toLowerCase(Locale.ROOT);
  }

  /** The deployment's error when resources failed. */
  static Deployment.Failure failure(List<Detail> details) {
    return new Deployment.Failure("DeploymentFailed", "At least one resource deployment operation failed; 'details' "
        + "names each failed resource and its error.", List.copyOf(details));
  }
}
