package io.coffer.control.infrastructure;

import io.coffer.common.Json;
import io.coffer.control.domain.ControlException;
import io.coffer.control.domain.ControlException.Kind;
import io.coffer.identity.managed.IdentityTokens;
import io.coffer.identity.managed.ManagedIdentities;
import io.coffer.identity.managed.ManagedIdentity;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /metadata/identity/oauth2/token}: a managed identity's token, for the admin. (The
 * resource an identity is assigned to gets its tokens in process, from {@link IdentityTokens}.)
 */
final class IdentityTokenRoutes {
  private final ManagedIdentities identities;
  private final IdentityTokens tokens;
  private final ManagementAuth auth;

  IdentityTokenRoutes(ManagedIdentities identities, IdentityTokens tokens, ManagementAuth auth) {
    this.identities = identities;
    this.tokens = tokens;
    this.auth = auth;
  }

  void register(Javalin app) {
    app.get("/metadata/identity/oauth2/token", this::token);
  }

  private void token(Context ctx) {
    auth.admin(ctx, "AuthorizationFailed");
    if (ctx.queryParam("api-version") == null) {
      throw bad("MissingApiVersionParameter", "The api-version query parameter is required.");
    }
    String resource = ctx.queryParam("resource");
    String clientId = ctx.queryParam("client_id");
    String principalId = ctx.queryParam("principal_id") != null ? ctx.queryParam("principal_id")
        : ctx.queryParam("object_id");
    String resourceId = ctx.queryParam("mi_res_id");
    int given = (clientId != null ? 1 : 0) + (principalId != null ? 1 : 0) + (resourceId != null ? 1 : 0);
    if (given != 1) {
      throw bad("InvalidIdentity", "Name exactly one identity: client_id, principal_id (object_id) or mi_res_id.");
    }
    Optional<ManagedIdentity> identity = clientId != null ? identities.byClientId(clientId)
        : principalId != null ? identities.byPrincipalId(principalId) : identities.byResourceId(resourceId);
    ManagedIdentity m = identity.orElseThrow(() -> new ControlException(Kind.NOT_FOUND, "IdentityNotFound",
        "No user-assigned identity matches the given " + (clientId != null ? "client_id '" + clientId
            : principalId != null ? "principal_id '" + principalId : "mi_res_id '" + resourceId) + "'."));
    IdentityTokens.Token t;
    try {
      t = tokens.forIdentity(m, resource);
    } catch (IllegalArgumentException e) {
      throw bad("InvalidResource", e.getMessage());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", t.accessToken());
    body.put("client_id", t.clientId());
    body.put("expires_in", Math.max(0, t.expiresOn().getEpochSecond() - java.time.Instant.now().getEpochSecond()));
    body.put("expires_on", t.expiresOn().getEpochSecond());
    body.put("resource", t.resource());
    body.put("token_type", "Bearer");
    ctx.contentType("application/json").result(Json.bytes(body));
  }

  private static ControlException bad(String code, String message) {
    return new ControlException(Kind.BAD_REQUEST, code, message);
  }
}
