package io.coffer.control.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.common.PublicUrl;
import io.coffer.control.application.ControlPlane;
import io.coffer.control.domain.ControlException;
import io.coffer.control.domain.ControlException.Kind;
import io.coffer.control.domain.RegistryResource;
import io.coffer.identity.InvalidTokenException;
import io.coffer.identity.Principal;
import io.coffer.identity.TokenService;
import io.coffer.registry.domain.RegistryException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ARM-shaped REST edge: {@code /subscriptions/{s}/resourceGroups/{g}/providers/...}, paths
 * matched case-insensitively, {@code api-version} required, errors as {@code {"error":{"code","message"}}}.
 */
public final class ControlPlaneRoutes {
  private static final String REGISTRIES = "microsoft.containerregistry/registries";
  private final ControlPlane control;
  private final TokenService tokens;
  private final PublicUrl publicUrl;

  public ControlPlaneRoutes(ControlPlane control, TokenService tokens, PublicUrl publicUrl) {
    this.control = control;
    this.tokens = tokens;
    this.publicUrl = publicUrl;
  }

  public void register(Javalin app) {
    for (HandlerType m : List.of(HandlerType.GET, HandlerType.HEAD, HandlerType.PUT, HandlerType.PATCH,
        HandlerType.POST, HandlerType.DELETE)) {
      app.addHttpHandler(m, "/subscriptions", this::handle);
      app.addHttpHandler(m, "/subscriptions/<path>", this::handle);
    }
    app.exception(ControlException.class, (e, ctx) -> error(ctx, e));
  }

  private void handle(Context ctx) {
    Principal caller = authenticate(ctx);
    if (ctx.queryParam("api-version") == null) {
      throw new ControlException(Kind.BAD_REQUEST, "MissingApiVersionParameter",
          "The api-version query parameter (?api-version=) is required for all requests.");
    }
    if (!caller.isAdmin()) {
      throw new ControlException(Kind.FORBIDDEN, "AuthorizationFailed", "The client '" + caller.name()
          + "' does not have authorization to perform this action.");
    }
    String path = ctx.pathParamMap().getOrDefault("path", "");
    List<String> seg = new ArrayList<>(Arrays.asList(path.split("/")));
    seg.removeIf(String::isEmpty);
    String method = ctx.method().name();
    try {
      route(ctx, method, seg, caller);
    } catch (RegistryException e) {
      throw new ControlException(Kind.FORBIDDEN, "KeyUnavailable", e.getMessage());
    }
  }

  private void route(Context ctx, String method, List<String> seg, Principal caller) {
    if (seg.isEmpty()) {
      List<Object> subs = new ArrayList<>();
      for (var s : control.subscriptions()) subs.add(subscription(s));
      json(ctx, 200, Map.of("value", subs));
      return;
    }
    String sub = seg.get(0);
    control.requireSubscription(sub);
    String joined = String.join("/", seg.subList(1, seg.size())).toLowerCase(Locale.ROOT);
    if (seg.size() == 1) {
      json(ctx, 200, subscription(control.subscriptions().stream().filter(s -> s.id().equalsIgnoreCase(sub))
          .findFirst().orElseThrow()));
    } else if (joined.equals("resourcegroups")) {
      List<Object> groups = new ArrayList<>();
      control.groups(sub).forEach(g -> groups.add(ArmJson.group(g)));
      json(ctx, 200, Map.of("value", groups));
    } else if (joined.equals("providers/" + REGISTRIES)) {
      registryList(ctx, sub, null);
    } else if (seg.size() == 3 && seg.get(1).equalsIgnoreCase("resourcegroups")) {
      group(ctx, method, sub, seg.get(2));
    } else if (seg.size() >= 6 && seg.get(1).equalsIgnoreCase("resourcegroups")
        && (seg.get(3) + "/" + seg.get(4) + "/" + seg.get(5)).equalsIgnoreCase("providers/" + REGISTRIES)) {
      String group = seg.get(2);
      if (seg.size() == 6) {
        registryList(ctx, sub, group);
      } else if (seg.size() == 7) {
        registry(ctx, method, sub, group, seg.get(6), caller);
      } else if (seg.size() == 8 && method.equals("POST")) {
        registryAction(ctx, control.registry(sub, group, seg.get(6)), seg.get(7).toLowerCase(Locale.ROOT));
      } else {
        throw notFound(ctx);
      }
    } else {
      throw notFound(ctx);
    }
  }

  private static ControlException notFound(Context ctx) {
    return new ControlException(Kind.NOT_FOUND, "NoRegisteredProviderFound",
        "No resource or action at '" + ctx.path() + "' for method " + ctx.method().name() + ".");
  }

  private static Map<String, Object> subscription(io.coffer.control.infrastructure.SqlControlStore.Subscription s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", "/subscriptions/" + s.id());
    m.put("subscriptionId", s.id());
    m.put("tenantId", s.tenantId());
    m.put("displayName", s.displayName());
    m.put("state", "Enabled");
    return m;
  }

  private void group(Context ctx, String method, String sub, String name) {
    switch (method) {
      case "GET" -> json(ctx, 200, ArmJson.group(control.group(sub, name)));
      case "HEAD" -> {
        boolean exists = control.groups(sub).stream().anyMatch(g -> g.name().equalsIgnoreCase(name));
        ctx.status(exists ? 204 : 404);
      }
      case "PUT", "PATCH" -> {
        JsonNode body = body(ctx);
        var result = control.putGroup(sub, name, text(body, "location"), tags(body));
        json(ctx, result.created() ? 201 : 200, ArmJson.group(result.value()));
      }
      case "DELETE" -> ctx.status(control.deleteGroup(sub, name) ? 200 : 204);
      default -> throw notFound(ctx);
    }
  }

  private void registryList(Context ctx, String sub, String group) {
    List<Object> list = new ArrayList<>();
    for (RegistryResource r : control.registries(sub, group)) list.add(ArmJson.registry(r, publicUrl.authority(ctx.host())));
    json(ctx, 200, Map.of("value", list));
  }

  private void registry(Context ctx, String method, String sub, String group, String name, Principal caller) {
    switch (method) {
      case "GET" -> json(ctx, 200, ArmJson.registry(control.registry(sub, group, name), publicUrl.authority(ctx.host())));
      case "PUT", "PATCH" -> {
        JsonNode body = body(ctx);
        JsonNode props = body.path("properties");
        JsonNode sku = body.path("sku").path("name");
        if (method.equals("PATCH")) control.registry(sub, group, name);
        var result = control.putRegistry(sub, group, name, text(body, "location"),
            sku.isTextual() ? sku.asText() : null, bool(props, "adminUserEnabled"),
            bool(props, "anonymousPullEnabled"), tags(body), caller.name());
        json(ctx, result.created() ? 201 : 200, ArmJson.registry(result.value(), publicUrl.authority(ctx.host())));
      }
      case "DELETE" -> {
        try {
          control.deleteRegistry(control.registry(sub, group, name));
          ctx.status(200);
        } catch (ControlException e) {
          if (e.kind() != Kind.NOT_FOUND) throw e;
          ctx.status(204);
        }
      }
      default -> throw notFound(ctx);
    }
  }

  private void registryAction(Context ctx, RegistryResource r, String action) {
    switch (action) {
      case "listcredentials" -> json(ctx, 200, ArmJson.credentials(r, control.credentials(r)));
      case "regeneratecredential" -> {
        String name = text(body(ctx), "name");
        json(ctx, 200, ArmJson.credentials(r, control.regenerate(r, name == null ? "" : name)));
      }
      case "garbagecollect" -> {
        var result = control.collectGarbage(r);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("blobsDeleted", result.blobsDeleted());
        m.put("bytesFreed", result.bytesFreed());
        m.put("uploadsExpired", result.uploadsExpired());
        json(ctx, 200, m);
      }
      default -> throw notFound(ctx);
    }
  }

  private Principal authenticate(Context ctx) {
    String h = ctx.header("Authorization");
    if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"coffer\", authorization_uri=\""
          + publicUrl.base(ctx.scheme(), ctx.host()) + "/oauth2/token\"");
      throw new ControlException(Kind.UNAUTHORIZED, "AuthenticationFailed",
          "Authentication failed. The 'Authorization' header is missing.");
    }
    try {
      return tokens.verify(h.substring(7).trim(), TokenService.MANAGEMENT_AUDIENCE, "access").principal();
    } catch (InvalidTokenException e) {
      throw new ControlException(Kind.UNAUTHORIZED, "InvalidAuthenticationToken",
          "The access token is invalid: " + e.getMessage() + ".");
    }
  }

  private static JsonNode body(Context ctx) {
    byte[] raw = ctx.bodyAsBytes();
    if (raw.length == 0) return Json.object();
    try {
      JsonNode n = Json.parse(raw);
      if (!n.isObject()) throw new IllegalArgumentException("the body must be a JSON object");
      return n;
    } catch (IllegalArgumentException e) {
      throw new ControlException(Kind.BAD_REQUEST, "InvalidRequestContent",
          "The request content was invalid and could not be deserialized: " + e.getMessage());
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  private static Boolean bool(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isBoolean()) {
      throw new ControlException(Kind.BAD_REQUEST, "InvalidRequestContent", "'" + field + "' must be true or false.");
    }
    return v.asBoolean();
  }

  private static Map<String, String> tags(JsonNode body) {
    JsonNode t = body.get("tags");
    if (t == null || t.isNull()) return null;
    if (!t.isObject()) throw new ControlException(Kind.BAD_REQUEST, "InvalidRequestContent", "'tags' must be an object.");
    Map<String, String> out = new LinkedHashMap<>();
    t.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static void json(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(Json.bytes(body));
  }

  private static void error(Context ctx, ControlException e) {
    int status = switch (e.kind()) {
      case BAD_REQUEST -> 400;
      case UNAUTHORIZED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
    };
    json(ctx, status, Map.of("error", Map.of("code", e.code(), "message", e.getMessage())));
  }
}
