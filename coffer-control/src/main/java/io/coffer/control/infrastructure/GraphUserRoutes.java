package io.coffer.control.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.control.application.DirectoryUsers;
import io.coffer.control.domain.ControlException;
import io.coffer.control.domain.ControlException.Kind;
import io.coffer.identity.UserDirectory.User;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tenant directory's users, Graph-shaped: {@code /v1.0/users[/{id or userPrincipalName}]}, admin only. */
final class GraphUserRoutes {
  private static final String DENIED = "Authorization_RequestDenied";
  private final DirectoryUsers users;
  private final ManagementAuth auth;

  GraphUserRoutes(DirectoryUsers users, ManagementAuth auth) {
    this.users = users;
    this.auth = auth;
  }

  void register(Javalin app) {
    app.get("/v1.0/users", ctx -> {
      auth.admin(ctx, DENIED);
      json(ctx, 200, Map.of("value", users.list().stream().map(GraphUserRoutes::user).toList()));
    });
    app.post("/v1.0/users", this::create);
    app.get("/v1.0/users/{user}", ctx -> {
      auth.admin(ctx, DENIED);
      json(ctx, 200, user(users.get(ctx.pathParam("user"))));
    });
    app.delete("/v1.0/users/{user}", ctx -> {
      auth.admin(ctx, DENIED);
      users.delete(ctx.pathParam("user"));
      ctx.status(204);
    });
  }

  private void create(Context ctx) {
    auth.admin(ctx, DENIED);
    JsonNode body;
    try {
      body = Json.parse(ctx.bodyAsBytes());
    } catch (IllegalArgumentException e) {
      throw badRequest("Unable to read JSON request payload: " + e.getMessage());
    }
    if (!body.isObject()) throw badRequest("The request body must be a JSON object.");
    JsonNode enabled = body.get("accountEnabled");
    if (enabled != null && !enabled.isNull() && !enabled.asBoolean(false)) {
      throw badRequest("Disabled accounts are not supported: 'accountEnabled' must be true.");
    }
    User u = users.create(textOrNull(body, "userPrincipalName"), textOrNull(body, "displayName"),
        textOrNull(body.path("passwordProfile"), "password"));
    json(ctx, 201, user(u));
  }

  private static String textOrNull(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw badRequest("Property '" + field + "' must be a string.");
    return v.asText();
  }

  private static ControlException badRequest(String message) {
    return new ControlException(Kind.BAD_REQUEST, "Request_BadRequest", message);
  }

  private static Map<String, Object> user(User u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", u.id());
    m.put("userPrincipalName", u.name());
    m.put("displayName", u.displayName());
    m.put("accountEnabled", true);
    m.put("businessPhones", List.of());
    return m;
  }

  private static void json(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(Json.bytes(body));
  }
}
