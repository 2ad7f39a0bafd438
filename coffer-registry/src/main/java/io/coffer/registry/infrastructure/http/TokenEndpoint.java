package io.coffer.registry.infrastructure.http;

import io.coffer.common.Json;
import io.coffer.identity.InvalidTokenException;
import io.coffer.identity.Principal;
import io.coffer.identity.Resources;
import io.coffer.identity.TokenClaims;
import io.coffer.identity.TokenService;
import io.coffer.identity.UserDirectory;
import io.coffer.registry.application.RegistryAccess;
import io.coffer.registry.domain.Registry;
import io.coffer.registry.domain.RegistryException;
import io.coffer.registry.domain.RepositoryName;
import io.coffer.registry.infrastructure.sql.SqlRegistries;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /oauth2/token}: the Docker token flow for registry clients ({@code GET} with a scope, or
 * {@code POST grant_type=password|refresh_token} with a scope) and the sign-in of Coffer's CLI
 * ({@code POST grant_type=password|refresh_token} without a scope), access tokens of signed-in users
 * for a resource ({@code resource=<uri>} or {@code scope=<uri>/.default}), plus the JWKS.
 */
public final class TokenEndpoint {
  static final String ANONYMOUS = "anonymous";
  private final RegistryAuthenticator authenticator;
  private final TokenService tokens;
  private final UserDirectory users;
  private final SqlRegistries registries;
  private final RegistryAccess access;
  private final Duration registryTtl;
  private final Duration accessTtl;
  private final Duration refreshTtl;

  public TokenEndpoint(RegistryAuthenticator authenticator, TokenService tokens, UserDirectory users,
      SqlRegistries registries, RegistryAccess access, Duration registryTtl, Duration accessTtl, Duration refreshTtl) {
    this.authenticator = authenticator;
    this.tokens = tokens;
    this.users = users;
    this.registries = registries;
    this.access = access;
    this.registryTtl = registryTtl;
    this.accessTtl = accessTtl;
    this.refreshTtl = refreshTtl;
  }

  public void register(Javalin app) {
    app.get("/oauth2/token", this::dockerToken);
    app.post("/oauth2/token", this::grant);
    app.get("/oauth2/keys", ctx -> ctx.json(tokens.jwks()));
  }

  private void dockerToken(Context ctx) {
    String authorization = ctx.header("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      // A registry token must not buy another: a narrow or leaked token would widen and live forever.
      ctx.header("WWW-Authenticate", "Basic realm=\"coffer\"");
      oauthError(ctx, 401, "invalid_client", "a token is obtained with a password, not with another token");
      return;
    }
    var outcome = authenticator.authenticate(authorization);
    if (outcome instanceof RegistryAuthenticator.Rejected r) {
      ctx.header("WWW-Authenticate", "Basic realm=\"coffer\"");
      oauthError(ctx, 401, "invalid_client", r.reason());
      return;
    }
    Principal p = outcome instanceof RegistryAuthenticator.Authenticated a ? a.caller().principal() : null;
    // Docker repeats the scope parameter; OAuth2 clients separate scopes with spaces.
    List<String> scopes = ctx.queryParams("scope").stream().flatMap(s -> List.of(s.split(" ")).stream())
        .filter(s -> !s.isBlank()).toList();
    if (p == null && scopes.isEmpty()) {
      ctx.header("WWW-Authenticate", "Basic realm=\"coffer\"");
      oauthError(ctx, 401, "invalid_client", "credentials required");
      return;
    }
    registryToken(ctx, p, scopes);
  }

  private void grant(Context ctx) {
    String grantType = ctx.formParam("grant_type");
    Optional<Principal> p;
    if ("password".equals(grantType)) {
      String user = ctx.formParam("username");
      String password = ctx.formParam("password");
      p = user == null || password == null ? Optional.empty() : authenticator.password(user, password);
    } else if ("refresh_token".equals(grantType)) {
      p = refresh(ctx.formParam("refresh_token"));
    } else {
      oauthError(ctx, 400, "unsupported_grant_type", "grant_type must be password or refresh_token");
      return;
    }
    if (p.isEmpty()) {
      oauthError(ctx, 401, "invalid_grant", "invalid user name, password or refresh token");
      return;
    }
    List<String> scopes = ctx.formParams("scope").stream().flatMap(s -> List.of(s.split(" ")).stream())
        .filter(s -> !s.isBlank()).toList();
    String resource = ctx.formParam("resource");
    if (resource == null) resource = scopes.stream().filter(Resources::isResourceScope).findFirst().orElse(null);
    if (resource != null) {
      resourceToken(ctx, p.get(), resource);
      return;
    }
    if (!scopes.isEmpty() || ctx.formParam("service") != null) {
      registryToken(ctx, p.get(), scopes);
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", tokens.issue(p.get(), TokenService.MANAGEMENT_AUDIENCE,
        RegistryAuthenticator.ACCESS_TOKEN_USE, accessTtl, List.of()));
    body.put("token_type", "Bearer");
    body.put("expires_in", accessTtl.toSeconds());
    body.put("refresh_token", tokens.issue(p.get(), TokenService.MANAGEMENT_AUDIENCE, "refresh", refreshTtl,
        List.of()));
    ctx.contentType("application/json").result(Json.bytes(body));
  }

  /** An access token of a signed-in user for a resource such as a vault ({@code resource=} or {@code scope=…/.default}). */
  private void resourceToken(Context ctx, Principal p, String resource) {
    if (p.kind() != Principal.Kind.USER && p.kind() != Principal.Kind.ADMIN) {
      oauthError(ctx, 400, "unauthorized_client", "only users get tokens for resources");
      return;
    }
    String audience;
    try {
      audience = Resources.audience(resource);
    } catch (IllegalArgumentException e) {
      oauthError(ctx, 400, "invalid_resource", e.getMessage());
      return;
    }
    TokenService.AccessToken t = tokens.accessToken(p, audience, accessTtl, null, null);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", t.value());
    body.put("token_type", "Bearer");
    body.put("expires_in", Math.max(0, t.expiresOn().getEpochSecond() - Instant.now().getEpochSecond()));
    body.put("expires_on", t.expiresOn().getEpochSecond());
    body.put("resource", audience);
    ctx.contentType("application/json").result(Json.bytes(body));
  }

  private Optional<Principal> refresh(String token) {
    if (token == null) return Optional.empty();
    try {
      Principal p = tokens.verify(token, TokenService.MANAGEMENT_AUDIENCE, "refresh").principal();
      // A user removed since sign-in cannot refresh.
      if (p.kind() != Principal.Kind.REGISTRY_ADMIN && users.findById(p.id()).isEmpty()) return Optional.empty();
      return Optional.of(p);
    } catch (InvalidTokenException e) {
      return Optional.empty();
    }
  }

  private void registryToken(Context ctx, Principal p, List<String> scopes) {
    List<TokenClaims.Grant> grants = new ArrayList<>();
    for (String scope : scopes) {
      String[] parts = scope.split(":");
      if (parts.length < 3) continue;
      String type = parts[0];
      String actions = parts[parts.length - 1];
      String name = scope.substring(type.length() + 1, scope.length() - actions.length() - 1);
      if (type.equals("registry") && name.equals("catalog")) {
        if (p != null && (p.isAdmin() || p.kind() == Principal.Kind.REGISTRY_ADMIN)) {
          grants.add(new TokenClaims.Grant("registry", "catalog", List.of("*")));
        }
        continue;
      }
      if (!type.equals("repository")) continue;
      Optional<Registry> registry;
      try {
        registry = registries.byPathName(RepositoryName.parse(name).registry());
      } catch (RegistryException e) {
        continue;
      }
      if (registry.isEmpty()) continue;
      List<String> wanted = new ArrayList<>();
      for (String a : actions.split(",")) {
        if (a.equals("*")) wanted.addAll(List.of(RegistryAccess.PULL, RegistryAccess.PUSH, RegistryAccess.DELETE));
        else wanted.add(a);
      }
      grants.add(new TokenClaims.Grant("repository", name, access.allowed(p, registry.get(), wanted)));
    }
    Principal subject = p != null ? p : new Principal(ANONYMOUS, ANONYMOUS, Principal.Kind.USER, null);
    String token = tokens.issue(subject, RegistryAuthenticator.SERVICE, RegistryAuthenticator.REGISTRY_TOKEN_USE,
        registryTtl, grants);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", token);
    body.put("access_token", token);
    body.put("expires_in", registryTtl.toSeconds());
    body.put("issued_at", Instant.now().toString());
    ctx.contentType("application/json").result(Json.bytes(body));
  }

  private static void oauthError(Context ctx, int status, String error, String description) {
    ctx.status(status).contentType("application/json")
        .result(Json.bytes(Map.of("error", error, "error_description", description)));
  }
}
