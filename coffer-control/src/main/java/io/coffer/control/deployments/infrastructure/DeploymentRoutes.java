package io.coffer.control.deployments.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.coffer.common.Json;
import io.coffer.control.deployments.Deployment;
import io.coffer.control.deployments.application.ArmGateway;
import io.coffer.control.deployments.application.ArmRefusal;
import io.coffer.control.deployments.application.ArmResponse;
import io.coffer.control.deployments.application.DeploymentService;
import io.coffer.control.domain.ControlException;
import io.coffer.control.domain.ControlException.Kind;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code …/resourceGroups/{g}/providers/Microsoft.Resources/deployments[/{name}]}: PUT (deploy),
 * GET, HEAD, DELETE, and the list. Mounted as a before-handler on {@code /subscriptions/*} that
 * answers only these paths (matched ignoring case, as the ARM edge matches its own) and leaves
 * every other request to the ARM edge. Refusals of the ARM edge made for the caller are passed on
 * as they are; the deployment's own go through {@code ControlErrors}.
 */
public final class DeploymentRoutes {
  private final DeploymentService service;

  public DeploymentRoutes(DeploymentService service) {
    this.service = service;
  }

  public void register(Javalin app) {
    app.before("/subscriptions/*", this::handle);
  }

  private void handle(Context ctx) {
    List<String> seg = segments(ctx.path());
    // subscriptions, {s}, resourceGroups, {g}, providers, Microsoft.Resources, deployments[, {name}]
    if (seg.size() < 7 || seg.size() > 8 || !is(seg, 2, "resourcegroups") || !is(seg, 4, "providers")
        || !is(seg, 5, "Microsoft.Resources") || !is(seg, 6, "deployments")) {
      return;
    }
    ctx.skipRemainingHandlers();
    ArmGateway.Caller caller = new ArmGateway.Caller(ctx.header("Authorization"), ctx.header("Host"));
    String sub = seg.get(1);
    String group = seg.get(3);
    String api = ctx.queryParam("api-version");
    String method = ctx.method().name();
    try {
      if (seg.size() == 7) {
        if (!method.equals("GET")) throw notFound(ctx);
        ArrayNode value = JsonNodeFactory.instance.arrayNode();
        for (Deployment d : service.list(caller, sub, group, api)) value.add(DeploymentJson.resource(d));
        json(ctx, 200, JsonNodeFactory.instance.objectNode().set("value", value));
        return;
      }
      String name = seg.get(7);
      switch (method) {
        case "PUT" -> {
          var result = service.deploy(caller, sub, group, name, api, body(ctx));
          json(ctx, result.created() ? 201 : 200, DeploymentJson.resource(result.deployment()));
        }
        case "GET" -> json(ctx, 200, DeploymentJson.resource(service.get(caller, sub, group, name, api)));
        case "HEAD" -> {
          try {
            service.get(caller, sub, group, name, api);
            ctx.status(204);
          } catch (ControlException e) {
            if (e.kind() != Kind.NOT_FOUND) throw e;
            ctx.status(404);
          }
        }
        case "DELETE" -> ctx.status(service.delete(caller, sub, group, name, api) ? 200 : 204);
        default -> throw notFound(ctx);
      }
    } catch (ArmRefusal refusal) {
      ArmResponse r = refusal.response();
      if (r.wwwAuthenticate() != null) ctx.header("WWW-Authenticate", r.wwwAuthenticate());
      ctx.status(r.status()).contentType("application/json").result(r.body());
    }
  }

  private static JsonNode body(Context ctx) {
    byte[] raw = ctx.bodyAsBytes();
    try {
      JsonNode n = raw.length == 0 ? Json.object() : Json.parse(raw);
      if (!n.isObject()) throw new IllegalArgumentException("the body must be a JSON object");
      return n;
    } catch (IllegalArgumentException e) {
      throw new ControlException(Kind.BAD_REQUEST, "InvalidRequestContent",
          "The request content was invalid and could not be deserialized: " + e.getMessage());
    }
  }

  private static ControlException notFound(Context ctx) {
    return new ControlException(Kind.NOT_FOUND, "NoRegisteredProviderFound", "No resource or action at '" + ctx.path()
        + "' for method " + ctx.method().name() + ".");
  }

  private static void json(Context ctx, int status, JsonNode body) {
    ctx.status(status).contentType("application/json").result(Json.bytes(body));
  }

  private static boolean is(List<String> seg, int i, String name) {
    return seg.get(i).equalsIgnoreCase(name);
  }

  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
    }
    return out;
  }
}
