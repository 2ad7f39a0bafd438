package io.coffer.control.deployments.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.control.deployments.Deployment;
import io.coffer.control.deployments.Deployment.Detail;
import io.coffer.control.deployments.Deployment.Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A deployment as ARM shows it, and its {@code properties} as stored (the same JSON, read back). */
final class DeploymentJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private DeploymentJson() {}

  static ObjectNode resource(Deployment d) {
    ObjectNode m = NODES.objectNode();
    m.put("id", d.id());
    m.putNull("location");
    m.put("name", d.name());
    m.set("properties", properties(d));
    m.putNull("tags");
    m.put("type", Deployment.TYPE);
    return m;
  }

  static ObjectNode properties(Deployment d) {
    ObjectNode p = NODES.objectNode();
    p.put("correlationId", d.correlationId());
    p.put("duration", d.duration().toString());
    p.set("error", d.error() == null ? NODES.nullNode() : error(d.error()));
    p.put("mode", "Incremental");
    ArrayNode resources = p.putArray("outputResources");
    for (String id : d.outputResources()) resources.addObject().put("id", id).put("resourceGroup", d.resourceGroup());
    p.set("outputs", d.outputs());
    p.set("parameters", d.parameters());
    p.put("provisioningState", d.state().name());
    p.put("templateHash", d.templateHash());
    p.put("timestamp", d.timestamp().toString());
    return p;
  }

  static Deployment read(String subscription, String group, String name, JsonNode p) {
    List<String> ids = new ArrayList<>();
    p.path("outputResources").forEach(r -> ids.add(r.path("id").asText()));
    JsonNode e = p.path("error");
    Failure failure = null;
    if (e.isObject()) {
      List<Detail> details = new ArrayList<>();
      e.path("details").forEach(x -> details.add(new Detail(x.path("code").asText(), x.path("message").asText(),
          x.path("target").asText(null))));
      failure = new Failure(e.path("code").asText(), e.path("message").asText(), List.copyOf(details));
    }
    return new Deployment(subscription, group, name, Deployment.State.valueOf(p.path("provisioningState").asText()),
        Instant.parse(p.path("timestamp").asText()), Duration.parse(p.path("duration").asText()),
        p.path("correlationId").asText(), p.path("templateHash").asText(), p.path("parameters"), p.path("outputs"),
        List.copyOf(ids), failure);
  }

  private static ObjectNode error(Failure f) {
    ObjectNode e = NODES.objectNode();
    e.put("code", f.code());
    e.put("message", f.message());
    ArrayNode details = e.putArray("details");
    for (Detail d : f.details()) details.addObject().put("code", d.code()).put("message", d.message())
        .put("target", d.target());
    return e;
  }
}
