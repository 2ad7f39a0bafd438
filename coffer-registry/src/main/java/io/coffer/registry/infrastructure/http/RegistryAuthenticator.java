package io.coffer.registry.infrastructure.http;

import io.coffer.common.Hashes;
import io.coffer.identity.InvalidTokenException;
import io.coffer.identity.PasswordHasher;
import io.coffer.identity.Principal;
import io.coffer.identity.TokenClaims;
import io.coffer.identity.TokenService;
import io.coffer.identity.UserDirectory;
import io.coffer.registry.application.RegistryAdministration;
import io.coffer.registry.infrastructure.sql.SqlRegistries;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the caller from an Authorization header: HTTP Basic with a user's password, a registry's
 * admin password, or (user {@value #TOKEN_USER}) a control-plane access token; or a registry
 * bearer token from the token endpoint.
 */
public final class RegistryAuthenticator {
  /** The user name that says "the password is an access token", as with {@code acr login --expose-token}. */
  public static final String TOKEN_USER = "00000000-0000-0000-0000-000000000000";
  public static final String SERVICE = "coffer-registry";
  public static final String REGISTRY_TOKEN_USE = "registry";
  public static final String ACCESS_TOKEN_USE = "access";

  private final UserDirectory users;
  private final SqlRegistries registries;
  private final TokenService tokens;
  // Registry admin passwords checked recently (by hash of the presented password), to spare PBKDF2.
  private final Map<String, CachedAdmin> recentAdminLogins = new ConcurrentHashMap<>();

  public RegistryAuthenticator(UserDirectory users, SqlRegistries registries, TokenService tokens) {
    this.users = users;
    this.registries = registries;
    this.tokens = tokens;
  }

  /** A caller: who, and for bearer tokens the grants the token carries (null for Basic). */
  public record Caller(Principal principal, TokenClaims bearer) {}

  public sealed interface Outcome permits Anonymous, Authenticated, Rejected {}

  public record Anonymous() implements Outcome {}

  public record Authenticated(Caller caller) implements Outcome {}

  public record Rejected(String reason) implements Outcome {}

  public Outcome authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) return new Anonymous();
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      try {
        TokenClaims claims = tokens.verify(authorization.substring(7).trim(), SERVICE, REGISTRY_TOKEN_USE);
        return new Authenticated(new Caller(claims.principal(), claims));
      } catch (InvalidTokenException e) {
        return new Rejected(e.getMessage());
      }
    }
    if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return new Rejected("malformed Basic credentials");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) return new Rejected("malformed Basic credentials");
      Optional<Principal> p = password(decoded.substring(0, colon), decoded.substring(colon + 1));
      return p.<Outcome>map(principal -> new Authenticated(new Caller(principal, null)))
          .orElseGet(() -> new Rejected("invalid user name or password"));
    }
    return new Rejected("unsupported authorization scheme");
  }

  /** Checks a user name and password of any kind this registry accepts. */
  public Optional<Principal> password(String user, String password) {
    if (user.equals(TOKEN_USER)) {
      try {
        return Optional.of(tokens.verify(password, TokenService.MANAGEMENT_AUDIENCE, ACCESS_TOKEN_USE).principal());
      } catch (InvalidTokenException e) {
        return Optional.empty();
      }
    }
    Optional<Principal> p = users.authenticate(user, password);
    if (p.isPresent()) return p;
    return registries.byPathName(user).flatMap(r -> adminPassword(r, password));
  }

  private record CachedAdmin(String credential, String hash, long until) {}

  /**
   * A registry admin password. A recent success is remembered with the hash it matched, and
   * trusted only while that hash is still stored (renewed passwords and a disabled admin user
   * take effect at once).
   */
  private Optional<Principal> adminPassword(io.coffer.registry.domain.Registry r, String password) {
    String cacheKey = r.id() + "\u0000" + Hashes.sha256Hex(password);
    CachedAdmin cached = recentAdminLogins.get(cacheKey);
    long now = System.currentTimeMillis();
    if (cached != null && cached.until > now
        && registries.adminPasswordHash(r.id(), cached.credential).filter(cached.hash::equals).isPresent()) {
      return Optional.of(Principal.registryAdmin(r.id(), r.name()));
    }
    for (String name : RegistryAdministration.CREDENTIAL_NAMES) {
      Optional<String> hash = registries.adminPasswordHash(r.id(), name);
      if (hash.isPresent() && PasswordHasher.verify(password, hash.get())) {
        if (recentAdminLogins.size() > 10_000) recentAdminLogins.clear();
        recentAdminLogins.put(cacheKey, new CachedAdmin(name, hash.get(), now + 60_000));
        return Optional.of(Principal.registryAdmin(r.id(), r.name()));
      }
    }
    return Optional.empty();
  }
}
