package io.coffer.identity.managed;

import io.coffer.identity.Principal;
import io.coffer.identity.Resources;
import io.coffer.identity.TokenService;
import java.time.Duration;
import java.time.Instant;

/**
 * Access tokens for managed identities. Used by the metadata endpoint (for the admin) and in
 * process by the resource an identity is assigned to, which vouches for the assignment itself.
 */
public final class IdentityTokens {
  private final TokenService tokens;
  private final Duration ttl;

  public IdentityTokens(TokenService tokens, Duration ttl) {
    this.tokens = tokens;
    this.ttl = ttl;
  }

  /** A token and what it is for; {@code clientId} is null for a system-assigned identity. */
  public record Token(String accessToken, Instant expiresOn, String resource, String clientId) {}

  /** A token of a user-assigned identity for {@code resource} (an absolute URI; see {@link io.coffer.identity.Resources#audience}). */
  public Token forIdentity(ManagedIdentity identity, String resource) {
    String audience = Resources.audience(resource);
    TokenService.AccessToken t = tokens.accessToken(identity.principal(), audience, ttl, identity.clientId(),
        identity.resourceId());
    return new Token(t.value(), t.expiresOn(), audience, identity.clientId());
  }

  /**
   * A token of a resource's system-assigned identity ({@code principal} of kind SYSTEM_IDENTITY);
   * its {@code xms_mirid} is the owning resource's ARM id.
   */
  public Token forSystemIdentity(Principal principal, String ownerResourceId, String resource) {
    if (principal.kind() != Principal.Kind.SYSTEM_IDENTITY) {
      throw new IllegalArgumentException("not a system-assigned identity: " + principal.kind());
    }
    String audience = Resources.audience(resource);
    TokenService.AccessToken t = tokens.accessToken(principal, audience, ttl, null, ownerResourceId);
    return new Token(t.value(), t.expiresOn(), audience, null);
  }
}
