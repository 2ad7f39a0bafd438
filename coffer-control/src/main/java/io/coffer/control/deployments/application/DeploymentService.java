package io.coffer.control.deployments.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.common.Json;
import io.coffer.control.deployments.Deployment;
import io.coffer.control.deployments.Deployment.State;
import io.coffer.control.deployments.template.PlannedResource;
import io.coffer.control.deployments.template.ResourcePlanner;
import io.coffer.control.deployments.template.Template;
import io.coffer.control.deployments.template.TemplateContext;
import io.coffer.control.deployments.template.TemplateException;
import io.coffer.control.deployments.template.TemplateParser;
import io.coffer.control.domain.ControlException;
import io.coffer.control.domain.ControlException.Kind;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Template deployments in a resource group. Each call first reads the group through the ARM edge
 * with the caller's credentials: that authenticates and authorises the caller exactly as the edge
 * does, and gives the group's location for {@code resourceGroup()}. A template that does not
 * validate is refused before anything is applied, and no record is kept of it.
 */
public final class DeploymentService {
  private final ArmGateway arm;
  private final DeploymentStore store;
  private final Clock clock;
  /** Deployments being applied, by key: readable while they run, and never two of one name at once. */
  private final Map<String, Deployment> running = new ConcurrentHashMap<>();

  public DeploymentService(ArmGateway arm, DeploymentStore store, Clock clock) {
    this.arm = arm;
    this.store = store;
    this.clock = clock;
  }

  /** A deployment and whether it is the first of that name in the group. */
  public record Result(Deployment deployment, boolean created) {}

  /** {@code body}: {@code {"properties":{"mode","template","parameters"}}}. */
  public Result deploy(ArmGateway.Caller caller, String subscription, String group, String name, String apiVersion,
      JsonNode body) {
    JsonNode groupJson = read(caller, "/subscriptions/" + subscription + "/resourceGroups/" + group, apiVersion);
    if (!Deployment.validName(name)) {
      throw new ControlException(Kind.BAD_REQUEST, "InvalidDeploymentName", "The deployment name '" + name
          + "' is not valid: use 1 to 64 letters, digits, '-', '_', '.', '(' or ')'.");
    }
    JsonNode properties = body.path("properties");
    if (!properties.isObject()) throw invalidContent("The request must have a 'properties' object.");
    String mode = properties.path("mode").asText("Incremental");
    if (!mode.equalsIgnoreCase("Incremental")) {
      throw invalidContent("The deployment mode '" + mode + "' is not supported; use 'Incremental'.");
    }
    if (properties.has("templateLink") || properties.has("parametersLink")) {
      throw invalidContent("'templateLink' and 'parametersLink' are not supported; send the template and its "
          + "parameters in the request.");
    }
    if (!properties.path("template").isObject()) throw invalidContent("'properties.template' must be a JSON object.");
    JsonNode subscriptionJson = read(caller, "/subscriptions/" + subscription, apiVersion);
    String groupName = groupJson.path("name").asText(group);

    TemplateContext context;
    List<PlannedResource> plan;
    try {
      Template template = TemplateParser.parse(properties.get("template"));
      context = TemplateContext.bind(template, properties.get("parameters"), groupJson, subscriptionJson, name);
      plan = ResourcePlanner.plan(context);
    } catch (TemplateException e) {
      throw new ControlException(Kind.BAD_REQUEST, "InvalidTemplate", "Deployment template validation failed: '"
          + e.getMessage() + "'");
    }

    Instant started = clock.instant();
    Deployment start = new Deployment(subscription, groupName, name, State.Running, started, Duration.ZERO,
        UUID.randomUUID().toString(), hash(properties.get("template")), context.parameterRecord(),
        JsonNodeFactory.instance.objectNode(), List.of(), null);
    String key = key(subscription, group, name);
    if (running.putIfAbsent(key, start) != null) throw active(name);
    try {
      boolean created = store.find(subscription, group, name).isEmpty();
      DeploymentRun run = new DeploymentRun(arm, caller, context, plan);
      run.run();
      ObjectNode outputs = JsonNodeFactory.instance.objectNode();
      Deployment.Failure failure = run.failures().isEmpty() ? null : DeploymentRun.failure(run.failures());
      if (failure == null) {
        try {
          outputs = run.outputs();
        } catch (TemplateException | ArmRefusal e) {
          failure = new Deployment.Failure("DeploymentOutputEvaluationFailed", "Unable to evaluate template outputs: "
              + e.getMessage(), List.of());
        }
      }
      Deployment done = new Deployment(subscription, groupName, name, failure == null ? State.Succeeded : State.Failed,
          started, Duration.between(started, clock.instant()), start.correlationId(), start.templateHash(),
          start.parameters(), outputs, List.copyOf(run.applied()), failure);
      store.save(done);
      return new Result(done, created);
    } finally {
      running.remove(key);
    }
  }

  public Deployment get(ArmGateway.Caller caller, String subscription, String group, String name, String apiVersion) {
    read(caller, "/subscriptions/" + subscription + "/resourceGroups/" + group, apiVersion);
    Deployment active = running.get(key(subscription, group, name));
    if (active != null) return active;
    return store.find(subscription, group, name).orElseThrow(() -> new ControlException(Kind.NOT_FOUND,
        "DeploymentNotFound", "Deployment '" + name + "' could not be found."));
  }

  public List<Deployment> list(ArmGateway.Caller caller, String subscription, String group, String apiVersion) {
    read(caller, "/subscriptions/" + subscription + "/resourceGroups/" + group, apiVersion);
    List<Deployment> out = new ArrayList<>(store.list(subscription, group));
    String prefix = key(subscription, group, "");
    running.forEach((k, d) -> {
      if (k.startsWith(prefix) && out.stream().noneMatch(o -> o.name().equalsIgnoreCase(d.name()))) out.add(d);
    });
    return out;
  }

  /** Deletes the record only (the resources stay); false when there was none. */
  public boolean delete(ArmGateway.Caller caller, String subscription, String group, String name, String apiVersion) {
    read(caller, "/subscriptions/" + subscription + "/resourceGroups/" + group, apiVersion);
    if (running.containsKey(key(subscription, group, name))) throw active(name);
    return store.delete(subscription, group, name);
  }

  /** Reads through the ARM edge as the caller; a refusal goes back to the caller as it is. */
  private JsonNode read(ArmGateway.Caller caller, String path, String apiVersion) {
    ArmResponse r = arm.send(caller, "GET", path, apiVersion, null);
    if (!r.ok()) throw new ArmRefusal(r);
    return r.json();
  }

  private static ControlException active(String name) {
    return new ControlException(Kind.CONFLICT, "DeploymentActive", "The deployment '" + name + "' is still active: "
        + "it cannot be replaced or deleted until it finishes.");
  }

  private static ControlException invalidContent(String message) {
    return new ControlException(Kind.BAD_REQUEST, "InvalidRequestContent", message);
  }

  private static String key(String subscription, String group, String name) {
    return (subscription + "|" + group + "|" + name).toLowerCase(Locale.ROOT);
  }

  /** A decimal digest of the template, as ARM's {@code templateHash}: equal templates, equal hashes. */
  private static String hash(JsonNode template) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(Json.bytes(template));
      return new BigInteger(1, java.util.Arrays.copyOf(d, 8)).toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
