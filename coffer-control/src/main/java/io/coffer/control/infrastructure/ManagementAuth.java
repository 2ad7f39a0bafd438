package io.coffer.control.infrastructure;

import io.coffer.common.PublicUrl;
import io.coffer.control.domain.ControlException;
import io.coffer.control.domain.ControlException.Kind;
import io.coffer.identity.InvalidTokenException;
import io.coffer.identity.Principal;
import io.coffer.identity.TokenService;
import io.javalin.http.Context;

/** Reads the caller of a management API from its bearer token (audience {@code coffer-management}). */
final class ManagementAuth {
  private final TokenService tokens;
  private final PublicUrl publicUrl;

  ManagementAuth(TokenService tokens, PublicUrl publicUrl) {
    this.tokens = tokens;
    this.publicUrl = publicUrl;
  }

  Principal authenticate(Context ctx) {
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

  /** The caller, who must be the administrator; {@code code} is the surface's error code for a refusal. */
  Principal admin(Context ctx, String code) {
    Principal p = authenticate(ctx);
    if (!p.isAdmin()) {
      throw new ControlException(Kind.FORBIDDEN, code, "The client '" + p.name()
          + "' does not have authorization to perform this action.");
    }
    return p;
  }

  String base(Context ctx) {
    return publicUrl.base(ctx.scheme(), ctx.host());
  }
}
