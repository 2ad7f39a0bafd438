package io.coffer.registry.infrastructure.http;

import io.coffer.common.PublicUrl;
import io.coffer.identity.Principal;
import io.coffer.identity.TokenClaims;
import io.coffer.registry.application.RegistryAccess;
import io.coffer.registry.application.RegistryFirewall;
import io.coffer.registry.domain.ErrorKind;
import io.coffer.registry.domain.Registry;
import io.coffer.registry.domain.RegistryException;
import io.coffer.registry.domain.RepositoryName;
import io.coffer.registry.infrastructure.http.RegistryAuthenticator.Caller;
import io.coffer.registry.infrastructure.sql.SqlRegistries;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry's HTTP edge: parses {@code /v2/} and {@code /acr/v1/} paths, applies the registry's
 * firewall, authenticates and authorises, then hands over to one handler per resource.
 */
public final class OciRoutes {
  private static final Pattern MANIFEST = Pattern.compile("(.+)/manifests/([^/]+)");
  private static final Pattern UPLOAD = Pattern.compile("(.+)/blobs/uploads/?([^/]*)");
  private static final Pattern BLOB = Pattern.compile("(.+)/blobs/([^/]+)");
  private static final Pattern TAGS = Pattern.compile("(.+)/tags/list");
  private static final Pattern REFERRERS = Pattern.compile("(.+)/referrers/([^/]+)");
  private static final Pattern REGISTRY_CATALOG = Pattern.compile("([^/]+)/_catalog");
  private static final Pattern ACR_MANIFEST = Pattern.compile("(.+)/_manifests/([^/]+)");
  private static final Pattern ACR_TAGS = Pattern.compile("(.+)/_tags/?");

  private final PublicUrl publicUrl;
  private final RegistryAuthenticator authenticator;
  private final RegistryAccess access;
  private final SqlRegistries registries;
  private final RegistryFirewall firewall;
  private final BlobHandlers blobs;
  private final UploadHandlers uploads;
  private final ManifestHandlers manifests;
  private final ListingHandlers listings;
  private final AcrRepositoryHandlers acr;

  public OciRoutes(PublicUrl publicUrl, RegistryAuthenticator authenticator, RegistryAccess access, SqlRegistries registries,
      RegistryFirewall firewall,
      io.coffer.registry.application.BlobService blobService,
      io.coffer.registry.application.UploadService uploadService,
      io.coffer.registry.application.ManifestService manifestService,
      io.coffer.registry.application.CatalogService catalogService,
      int maxPage, ExecutorService io) {
    this.publicUrl = publicUrl;
    this.authenticator = authenticator;
    this.access = access;
    this.registries = registries;
    this.firewall = firewall;
    this.blobs = new BlobHandlers(blobService, io);
    this.uploads = new UploadHandlers(uploadService, blobService);
    this.manifests = new ManifestHandlers(manifestService);
    this.listings = new ListingHandlers(catalogService, manifestService, maxPage);
    this.acr = new AcrRepositoryHandlers(catalogService, manifestService, publicUrl, maxPage);
  }

  public void register(Javalin app) {
    for (HandlerType method : List.of(HandlerType.GET, HandlerType.HEAD, HandlerType.POST, HandlerType.PUT,
        HandlerType.PATCH, HandlerType.DELETE)) {
      app.addHttpHandler(method, "/v2", this::v2);
      app.addHttpHandler(method, "/v2/<path>", this::v2);
      app.addHttpHandler(method, "/acr/v1/<path>", this::acr);
    }
    app.exception(RegistryException.class, (e, ctx) -> OciErrors.write(ctx, e));
  }

  private void v2(Context ctx) throws Exception {
    ctx.header("Docker-Distribution-API-Version", "registry/2.0");
    String path = ctx.pathParamMap().getOrDefault("path", "");
    String method = ctx.method().name();
    if (path.isEmpty()) {
      Caller caller = authenticated(ctx, null);
      if (caller == null) throw challenge(ctx, null, null);
      ListingHandlers.json(ctx, java.util.Map.of());
      return;
    }
    if (path.equals("_catalog")) {
      requireGet(method);
      Caller caller = authenticated(ctx, null);
      if (caller == null) throw challenge(ctx, "registry:catalog:*", null);
      // A bearer token lists the catalog only if it was issued for it, as its scope said.
      if (caller.bearer() != null && caller.bearer().access().stream()
          .noneMatch(g -> g.type().equals("registry") && g.name().equals("catalog"))) {
        throw challenge(ctx, "registry:catalog:*", "insufficient_scope");
      }
      Principal p = caller.principal();
      if (p.isAdmin()) {
        listings.globalCatalog(ctx, null);
      } else if (p.kind() == Principal.Kind.REGISTRY_ADMIN) {
        // The registry admin's catalog is one registry's content: its firewall applies.
        registries.byPathName(p.name()).ifPresent(r -> firewall.check(r, clientIp(ctx)));
        listings.globalCatalog(ctx, p.registryId());
      } else {
        ListingHandlers.json(ctx, java.util.Map.of("repositories", List.of()));
      }
      return;
    }
    Matcher m;
    if ((m = REGISTRY_CATALOG.matcher(path)).matches()) {
      requireGet(method);
      listings.registryCatalog(ctx, authorise(ctx, m.group(1), null, RegistryAccess.PULL, null).registry);
      return;
    }
    if ((m = MANIFEST.matcher(path)).matches()) {
      OciRequest r = request(ctx, m.group(1), m.group(2), action(method));
      switch (method) {
        case "GET" -> manifests.get(r, true);
        case "HEAD" -> manifests.get(r, false);
        case "PUT" -> manifests.put(r);
        case "DELETE" -> manifests.delete(r);
        default -> throw unsupported(method);
      }
    } else if ((m = UPLOAD.matcher(path)).matches()) {
      String id = m.group(2);
      OciRequest r = request(ctx, m.group(1), id, action(method), mountSource(ctx, method, id));
      if (id.isEmpty()) {
        if (!method.equals("POST")) throw unsupported(method);
        uploads.start(r);
        return;
      }
      switch (method) {
        case "GET" -> uploads.status(r);
        case "PATCH" -> uploads.patch(r);
        case "PUT" -> uploads.complete(r);
        case "DELETE" -> uploads.cancel(r);
        default -> throw unsupported(method);
      }
    } else if ((m = BLOB.matcher(path)).matches()) {
      OciRequest r = request(ctx, m.group(1), m.group(2), action(method));
      switch (method) {
        case "GET" -> blobs.get(r, true);
        case "HEAD" -> blobs.get(r, false);
        case "DELETE" -> blobs.delete(r);
        default -> throw unsupported(method);
      }
    } else if ((m = TAGS.matcher(path)).matches()) {
      requireGet(method);
      listings.tags(request(ctx, m.group(1), null, RegistryAccess.PULL));
    } else if ((m = REFERRERS.matcher(path)).matches()) {
      requireGet(method);
      listings.referrers(request(ctx, m.group(1), m.group(2), RegistryAccess.PULL));
    } else {
      throw new RegistryException(ErrorKind.NAME_INVALID, "no registry resource at /v2/" + path);
    }
  }

  private void acr(Context ctx) throws Exception {
    String path = ctx.pathParamMap().getOrDefault("path", "");
    String method = ctx.method().name();
    Matcher tags = ACR_TAGS.matcher(path);
    if (tags.matches()) {
      requireGet(method);
      acr.listTags(request(ctx, tags.group(1), null, RegistryAccess.PULL));
      return;
    }
    Matcher m = ACR_MANIFEST.matcher(path);
    boolean manifest = m.matches();
    String name = manifest ? m.group(1) : path.replaceAll("/+$", "");
    if (method.equals("PATCH")) {
      if (!manifest) throw unsupported(method);
      acr.updateManifest(quarantineRequest(ctx, name, m.group(2)));
      return;
    }
    OciRequest r = request(ctx, name, manifest ? m.group(2) : null,
        method.equals("DELETE") ? RegistryAccess.DELETE : RegistryAccess.PULL);
    switch (method) {
      case "GET" -> {
        if (manifest) acr.showManifest(r);
        else acr.showRepository(r);
      }
      case "DELETE" -> {
        if (manifest) acr.deleteManifest(r);
        else acr.deleteRepository(r);
      }
      default -> throw unsupported(method);
    }
  }

  private static String action(String method) {
    return switch (method) {
      case "GET", "HEAD" -> RegistryAccess.PULL;
      case "DELETE" -> RegistryAccess.DELETE;
      default -> RegistryAccess.PUSH;
    };
  }

  private static void requireGet(String method) {
    if (!method.equals("GET") && !method.equals("HEAD")) throw unsupported(method);
  }

  private static RegistryException unsupported(String method) {
    return new RegistryException(ErrorKind.UNSUPPORTED, "method " + method + " is not supported on this resource");
  }

  private OciRequest request(Context ctx, String fullName, String param, String action) {
    return request(ctx, fullName, param, action, null);
  }

  /** {@code alsoPulled}: a repository the request reads too; a challenge asks for pull on it. */
  private OciRequest request(Context ctx, String fullName, String param, String action, String alsoPulled) {
    RepositoryName name = RepositoryName.parse(fullName);
    Authorised a = authorise(ctx, name.registry(), name.full(), action, alsoPulled);
    return new OciRequest(ctx, a.registry, name, param, other -> a.may(other, RegistryAccess.PULL));
  }

  /**
   * Changing a manifest's quarantine state: the server's admin or the registry's admin user only,
   * even should other principals be given push rights later (releasing is the owner's decision).
   */
  private OciRequest quarantineRequest(Context ctx, String fullName, String reference) {
    RepositoryName name = RepositoryName.parse(fullName);
    Authorised a = authorise(ctx, name.registry(), name.full(), RegistryAccess.PUSH, null);
    if (a.principal == null || (a.principal.kind() != Principal.Kind.ADMIN
        && a.principal.kind() != Principal.Kind.REGISTRY_ADMIN)) {
      throw new RegistryException(ErrorKind.DENIED,
          "only an admin or the registry's admin user may change a manifest's quarantine state");
    }
    return new OciRequest(ctx, a.registry, name, reference, other -> a.may(other, RegistryAccess.PULL));
  }

  /** The address of the connection's peer as Jetty reports it; forwarded-for headers are not trusted. */
  private static String clientIp(Context ctx) {
    return ctx.req().getRemoteAddr();
  }

  /** The registry of an authorised request, and what else its caller may do there. */
  private final class Authorised {
    final Registry registry;
    final Principal principal;
    final TokenClaims bearer;

    Authorised(Registry registry, Principal principal, TokenClaims bearer) {
      this.registry = registry;
      this.principal = principal;
      this.bearer = bearer;
    }

    boolean may(String repository, String action) {
      return access.may(principal, registry, action) && (bearer == null || granted(bearer, repository, action));
    }
  }

  /**
   * Authenticates the caller and checks it may take {@code action} in the registry. Pull on
   * {@code alsoPulled} is not required (a mount falls back to an upload without it), but a
   * challenge asks for it, so that a client fetching the token the challenge names gets one
   * that lets the mount happen.
   */
  private Authorised authorise(Context ctx, String registryName, String repository, String action,
      String alsoPulled) {
    String scope = repository == null ? null : "repository:" + repository + ":" + scopeActions(action)
        + (alsoPulled == null ? "" : " repository:" + alsoPulled + ":pull");
    Registry registry = registries.byPathName(registryName.toLowerCase(Locale.ROOT)).orElse(null);
    // Before credentials are looked at: a refused address learns nothing more than the refusal.
    if (registry != null) firewall.check(registry, clientIp(ctx));
    Caller caller = authenticated(ctx, scope);
    if (registry == null) {
      if (caller == null) throw challenge(ctx, scope, null);
      throw new RegistryException(ErrorKind.NAME_UNKNOWN, "registry '" + registryName + "' does not exist",
          registryName);
    }
    // Tokens issued without credentials name the anonymous principal.
    Principal p = caller == null || caller.principal().id().equals(TokenEndpoint.ANONYMOUS) ? null
        : caller.principal();
    Authorised a = new Authorised(registry, p, caller == null ? null : caller.bearer());
    if (!a.may(repository == null ? registryName + "/*" : repository, action)) {
      if (a.bearer != null) throw challenge(ctx, scope, "insufficient_scope");
      if (caller == null) throw challenge(ctx, scope, null);
      throw new RegistryException(ErrorKind.DENIED, "requested access to the resource is denied");
    }
    return a;
  }

  /** The source repository of a cross-repository mount ({@code POST …/uploads/?mount=&from=}), if valid. */
  private static String mountSource(Context ctx, String method, String uploadId) {
    String from = ctx.queryParam("from");
    if (!method.equals("POST") || !uploadId.isEmpty() || ctx.queryParam("mount") == null || from == null) {
      return null;
    }
    try {
      return RepositoryName.parse(from).full();
    } catch (RegistryException e) {
      return null; // an invalid source only means no mount
    }
  }

  private static String scopeActions(String action) {
    return action.equals(RegistryAccess.PULL) ? "pull" : action.equals(RegistryAccess.PUSH) ? "pull,push" : action;
  }

  private static boolean granted(TokenClaims claims, String repository, String action) {
    for (var g : claims.access()) {
      if (!g.type().equals("repository")) continue;
      boolean nameMatches = g.name().equals(repository)
          || (repository.endsWith("/*") && g.name().startsWith(repository.substring(0, repository.length() - 1)));
      if (nameMatches && (g.actions().contains(action) || g.actions().contains("*"))) return true;
    }
    return false;
  }

  /** The authenticated caller, null when anonymous; bad credentials are refused at once. */
  private Caller authenticated(Context ctx, String scope) {
    var outcome = authenticator.authenticate(ctx.header("Authorization"));
    if (outcome instanceof RegistryAuthenticator.Authenticated a) return a.caller();
    if (outcome instanceof RegistryAuthenticator.Rejected rej) {
      RegistryException e = challenge(ctx, scope, "invalid_token");
      throw new RegistryException(ErrorKind.UNAUTHORIZED, "authentication required: " + rej.reason(), e.detail());
    }
    return null;
  }

  private RegistryException challenge(Context ctx, String scope, String error) {
    String realm = publicUrl.base(ctx.scheme(), ctx.host()) + "/oauth2/token";
    StringBuilder h = new StringBuilder("Bearer realm=\"").append(realm).append("\",service=\"")
        .append(RegistryAuthenticator.SERVICE).append('"');
    if (scope != null) h.append(",scope=\"").append(scope).append('"');
    if (error != null) h.append(",error=\"").append(error).append('"');
    ctx.header("WWW-Authenticate", h.toString());
    return new RegistryException(ErrorKind.UNAUTHORIZED, "authentication required", scope == null ? null
        : Arrays.stream(scope.split(" ")).map(s -> java.util.Map.of("Type", "repository", "Action", s)).toList());
  }
}
