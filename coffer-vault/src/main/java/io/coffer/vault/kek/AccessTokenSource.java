package io.coffer.vault.kek;

/**
 * Where a vault client gets the bearer token of the identity it calls as. Asked on every call, so
 * an identity that stops being usable (unassigned, deleted) stops reaching the vault at once.
 */
@FunctionalInterface
public interface AccessTokenSource {
  String token() throws KeyAccessException;
}
