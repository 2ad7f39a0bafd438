package io.coffer.identity;

import java.time.Instant;
import java.util.List;

/**
 * What a verified token says. {@code access} holds registry grants in the Docker token format
 * ({@code repository:<name>:<actions>}), empty for control-plane tokens. {@code tenantId} is the
 * {@code tid} claim, null in tokens that carry none.
 */
public record TokenClaims(String subject, String name, String kind, String registryId, String audience, String use,
    Instant expiresAt, List<Grant> access, String tenantId) {
  public record Grant(String type, String name, List<String> actions) {}

  /** The principal the token was issued to. */
  public io.coffer.identity.Principal principal() {
    return new io.coffer.identity.Principal(subject, name, io.coffer.identity.Principal.Kind.valueOf(kind), registryId);
  }
}
