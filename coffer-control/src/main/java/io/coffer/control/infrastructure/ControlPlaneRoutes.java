package io.coffer.control.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.control.application.ControlPlane;
import io.coffer.control.application.GroupDeletion;
import io.coffer.control.domain.ControlException;
import io.coffer.control.domain.ControlException.Kind;
import io.coffer.control.infrastructure.SqlControlStore.Subscription;
import io.coffer.identity.Principal;
import io.coffer.registry.domain.RegistryException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ARM-shaped REST edge: {@code /subscriptions/{s}/resourceGroups/{g}/providers/...}, paths
 * matched case-insensitively, {@code api-version} required, errors as {@code {"error":{"code","message"}}}.
 * It authenticates, then hands each resource type to its own routes.
 */
public final class ControlPlaneRoutes {
  private final ControlPlane control;
  private final GroupDeletion groupDeletion;
  private final ManagementAuth auth;
  private final RegistryRoutes registries;
  private final IdentityRoutes identities;
  private final VaultRoutes vaults;
  private final AuthorizationRoutes authorization;

  ControlPlaneRoutes(ControlPlane control, GroupDeletion groupDeletion, ManagementAuth auth, RegistryRoutes registries,
      IdentityRoutes identities, VaultRoutes vaults, AuthorizationRoutes authorization) {
    this.control = control;
    this.groupDeletion = groupDeletion;
    this.auth = auth;
    this.registries = registries;
    this.identities = identities;
    this.vaults = vaults;
    this.authorization = authorization;
  }

  public void register(Javalin app) {
    for (HandlerType m : List.of(HandlerType.GET, HandlerType.HEAD, HandlerType.PUT, HandlerType.PATCH,
        HandlerType.POST, HandlerType.DELETE)) {
      app.addHttpHandler(m, "/subscriptions", this::handle);
      app.addHttpHandler(m, "/subscriptions/<path>", this::handle);
    }
  }

  private void handle(Context ctx) {
    Principal caller = auth.authenticate(ctx);
    if (ctx.queryParam("api-version") == null) {
      throw new ControlException(Kind.BAD_REQUEST, "MissingApiVersionParameter",
          "The api-version query parameter (?api-version=) is required for all requests.");
    }
    if (!caller.isAdmin()) {
      throw new ControlException(Kind.FORBIDDEN, "AuthorizationFailed", "The client '" + caller.name()
          + "' does not have authorization to perform this action.");
    }
    List<String> seg = new ArrayList<>(Arrays.asList(ctx.pathParamMap().getOrDefault("path", "").split("/")));
    seg.removeIf(String::isEmpty);
    if (seg.isEmpty()) {
      List<Object> subs = new ArrayList<>();
      for (var s : control.subscriptions()) subs.add(subscription(s));
      json(ctx, 200, Map.of("value", subs));
      return;
    }
    control.requireSubscription(seg.get(0));
    Subscription sub = control.subscriptions().stream().filter(s -> s.id().equalsIgnoreCase(seg.get(0)))
        .findFirst().orElseThrow();
    ArmCall call = new ArmCall(ctx, caller, sub, List.copyOf(seg.subList(1, seg.size())));
    try {
      route(call);
    } catch (RegistryException e) {
      throw new ControlException(Kind.FORBIDDEN, "KeyUnavailable", e.getMessage());
    }
  }

  private void route(ArmCall call) {
    List<String> p = call.path();
    for (int i = 0; i + 1 < p.size(); i++) {
      if (p.get(i).equalsIgnoreCase("providers") && p.get(i + 1).equalsIgnoreCase("Microsoft.Authorization")) {
        authorization.handle(call, p.subList(0, i), p.subList(i + 2, p.size()));
        return;
      }
    }
    if (p.isEmpty()) {
      call.json(200, subscription(call.subscription()));
    } else if (p.size() == 1 && call.is(0, "resourcegroups") && call.method().equals("GET")) {
      List<Object> groups = new ArrayList<>();
      control.groups(call.sub()).forEach(g -> groups.add(ArmJson.group(g)));
      call.json(200, Map.of("value", groups));
    } else if (call.is(0, "providers") && p.size() >= 2) {
      provider(call, null, p.subList(1, p.size()));
    } else if (call.is(0, "resourcegroups") && p.size() == 2) {
      group(call, p.get(1));
    } else if (call.is(0, "resourcegroups") && call.is(2, "providers") && p.size() >= 4) {
      provider(call, p.get(1), p.subList(3, p.size()));
    } else {
      throw call.notFound();
    }
  }

  /** {@code rest}: the path after {@code providers/}, below a group or (null group) the subscription. */
  private void provider(ArmCall call, String group, List<String> rest) {
    String namespace = rest.get(0);
    List<String> typed = rest.subList(1, rest.size());
    boolean ofType = !typed.isEmpty();
    if (namespace.equalsIgnoreCase("Microsoft.ContainerRegistry") && ofType && typed.get(0).equalsIgnoreCase("registries")) {
      registries.handle(call, group, typed.subList(1, typed.size()));
    } else if (namespace.equalsIgnoreCase("Microsoft.ManagedIdentity") && ofType
        && typed.get(0).equalsIgnoreCase("userAssignedIdentities")) {
      identities.handle(call, group, typed.subList(1, typed.size()));
    } else if (namespace.equalsIgnoreCase("Microsoft.KeyVault") && ofType && typed.get(0).equalsIgnoreCase("vaults")) {
      vaults.handle(call, group, typed.subList(1, typed.size()));
    } else if (namespace.equalsIgnoreCase("Microsoft.KeyVault") && ofType && group == null) {
      vaults.handleDeleted(call, typed);
    } else {
      throw call.notFound();
    }
  }

  private static Map<String, Object> subscription(Subscription s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", "/subscriptions/" + s.id());
    m.put("subscriptionId", s.id());
    m.put("tenantId", s.tenantId());
    m.put("displayName", s.displayName());
    m.put("state", "Enabled");
    return m;
  }

  private void group(ArmCall call, String name) {
    String sub = call.sub();
    switch (call.method()) {
      case "GET" -> call.json(200, ArmJson.group(control.group(sub, name)));
      case "HEAD" -> {
        boolean exists = control.groups(sub).stream().anyMatch(g -> g.name().equalsIgnoreCase(name));
        call.ctx().status(exists ? 204 : 404);
      }
      case "PUT", "PATCH" -> {
        JsonNode body = call.body();
        var result = control.putGroup(sub, name, ArmCall.text(body, "location"), ArmCall.tags(body));
        call.json(result.created() ? 201 : 200, ArmJson.group(result.value()));
      }
      case "DELETE" -> call.ctx().status(groupDeletion.delete(sub, name) ? 200 : 204);
      default -> throw call.notFound();
    }
  }

  private static void json(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(io.coffer.common.Json.bytes(body));
  }
}
