package io.coffer.vault.http;

import io.coffer.identity.InvalidTokenException;
import io.coffer.identity.Principal;
import io.coffer.identity.TokenClaims;
import io.coffer.identity.TokenService;
import io.coffer.vault.access.Caller;
import io.coffer.vault.vaults.VaultAddresses;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * Checks the bearer token of a data-plane request: an access token of Coffer's token service for
 * the vault resource ({@code https://{vault domain}}, with or without a trailing slash). A missing
 * or invalid token is answered with 401 and the challenge from which the SDK learns resource and tenant.
 */
final class BearerAuthentication {
  private final TokenService tokens;
  private final VaultAddresses addresses;

  BearerAuthentication(TokenService tokens, VaultAddresses addresses) {
    this.tokens = tokens;
    this.addresses = addresses;
  }

  Caller authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
      throw VaultHttpException.unauthorized("AKV10000: Request is missing a Bearer or PoP token.");
    }
    String token = header.substring(7).trim();
    TokenClaims claims;
    try {
      claims = tokens.verify(token, addresses.resource(), "access");
    } catch (InvalidTokenException first) {
      try {
        claims = tokens.verify(token, addresses.resource() + "/", "access");
      } catch (InvalidTokenException second) {
        throw VaultHttpException.unauthorized("The bearer token is not valid: " + first.getMessage() + ".");
      }
    }
    boolean trusted = Principal.Kind.SYSTEM_IDENTITY.name().equals(claims.kind());
    return new Caller(claims.subject(), claims.tenantId(), claims.name(), trusted, ctx.ip());
  }

  /** {@code Bearer authorization="{server}/{tenant}", resource="https://{vault domain}"}. */
  String challenge(String serverBase, String tenantId) {
    String tenant = tenantId == null || tenantId.isBlank() ? "common" : tenantId.toLowerCase(Locale.ROOT);
    return "Bearer authorization=\"" + serverBase + "/" + tenant + "\", resource=\"" + addresses.resource() + "\"";
  }
}
