package io.coffer.control.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.control.application.IdentityResources;
import io.coffer.identity.managed.ManagedIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code Microsoft.ManagedIdentity/userAssignedIdentities}: PUT, GET, DELETE, and lists per group and subscription. */
final class IdentityRoutes {
  private final IdentityResources identities;
  private final ManagementAuth auth;

  IdentityRoutes(IdentityResources identities, ManagementAuth auth) {
    this.identities = identities;
    this.auth = auth;
  }

  /** {@code rest}: the path after {@code .../userAssignedIdentities}. */
  void handle(ArmCall call, String groupOrNull, List<String> rest) {
    String sub = call.sub();
    if (rest.isEmpty() && call.method().equals("GET")) {
      List<Object> out = new ArrayList<>();
      for (ManagedIdentity m : identities.list(sub, groupOrNull)) out.add(json(call, m));
      call.json(200, Map.of("value", out));
      return;
    }
    if (groupOrNull == null || rest.size() != 1) throw call.notFound();
    String name = rest.get(0);
    switch (call.method()) {
      case "GET" -> call.json(200, json(call, identities.get(sub, groupOrNull, name)));
      case "PUT" -> {
        JsonNode body = call.body();
        var result = identities.put(call.subscription(), groupOrNull, name, ArmCall.text(body, "location"),
            ArmCall.tags(body));
        call.json(result.created() ? 201 : 200, json(call, result.identity()));
      }
      case "DELETE" -> call.ctx().status(identities.delete(sub, groupOrNull, name) ? 200 : 204);
      default -> throw call.notFound();
    }
  }

  private Map<String, Object> json(ArmCall call, ManagedIdentity m) {
    return IdentityJson.identity(m, auth.base(call.ctx()));
  }
}
