package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.CliException;
import io.coffer.cli.http.ArmClient;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the identity arguments of {@code acr create/identity/encryption}: {@code [system]} (the
 * registry's system-assigned identity), a user-assigned identity's resource id, its client or
 * principal id (the GUID an error message shows), or its name in the registry's resource group.
 */
final class IdentityReferences {
  /** az's alias for the system-assigned identity. */
  static final String SYSTEM = "[system]";

  private static final Pattern GUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final ArmClient arm;
  private final String group;
  private final JsonNode assigned;
  private List<JsonNode> subscriptionIdentities;

  /**
   * @param group    the registry's resource group, where a bare name is looked for
   * @param assigned the registry's {@code userAssignedIdentities} (id to principal and client
   *                 id), consulted before the subscription's identities; may be missing
   */
  IdentityReferences(ArmClient arm, String group, JsonNode assigned) {
    this.arm = arm;
    this.group = group;
    this.assigned = assigned;
  }

  static boolean isSystem(String reference) {
    return SYSTEM.equals(reference);
  }

  static boolean isResourceId(String reference) {
    return reference.toLowerCase(Locale.ROOT).startsWith("/subscriptions/");
  }

  static boolean isGuid(String reference) {
    return GUID.matcher(reference).matches();
  }

  /** The resource id of a user-assigned identity. A GUID must name an identity of the subscription. */
  String resourceId(String reference) {
    if (isResourceId(reference)) return reference;
    if (isGuid(reference)) {
      UserIdentity match = byGuid(reference);
      if (match == null) {
        throw CliException.notFound("No user-assigned identity with client id or principal id '" + reference
            + "' was found in subscription '" + arm.subscriptionId() + "'.");
      }
      return match.resourceId();
    }
    return IdentityCommands.path(arm, group, reference);
  }

  /**
   * The client id the registry's encryption names the identity by. A GUID that is no known
   * identity's principal id is taken for a client id, as az does, and left to the server to check.
   */
  String clientId(String reference) {
    if (isGuid(reference)) {
      UserIdentity match = byGuid(reference);
      return match == null || match.clientId().isEmpty() ? reference : match.clientId();
    }
    String id = resourceId(reference);
    for (Map.Entry<String, JsonNode> e : assigned.properties()) {
      String clientId = e.getValue().path("clientId").asText("");
      if (e.getKey().equalsIgnoreCase(id) && !clientId.isEmpty()) return clientId;
    }
    return read(id).clientId();
  }

  /** A user-assigned identity as the control plane names it: its resource id and client id. */
  record UserIdentity(String resourceId, String clientId) {}

  /** Reads the identity from the control plane: it must exist (else exit 3) and have a client id. */
  UserIdentity read(String reference) {
    String id = resourceId(reference);
    JsonNode identity = arm.get(id, IdentityCommands.API);
    String clientId = identity == null ? "" : identity.path("properties").path("clientId").asText("");
    if (clientId.isEmpty()) throw new CliException("The server returned identity '" + id + "' without a client id.");
    String canonical = identity.path("id").asText("");
    return new UserIdentity(isResourceId(canonical) ? canonical : id, clientId);
  }

  private UserIdentity byGuid(String guid) {
    for (Map.Entry<String, JsonNode> e : assigned.properties()) {
      if (names(e.getValue(), guid)) return new UserIdentity(e.getKey(), e.getValue().path("clientId").asText(""));
    }
    if (subscriptionIdentities == null) subscriptionIdentities = IdentityCommands.all(arm);
    for (JsonNode identity : subscriptionIdentities) {
      JsonNode p = identity.path("properties");
      if (names(p, guid)) return new UserIdentity(identity.path("id").asText(""), p.path("clientId").asText(""));
    }
    return null;
  }

  private static boolean names(JsonNode identity, String guid) {
    return identity.path("clientId").asText("").equalsIgnoreCase(guid)
        || identity.path("principalId").asText("").equalsIgnoreCase(guid);
  }
}
