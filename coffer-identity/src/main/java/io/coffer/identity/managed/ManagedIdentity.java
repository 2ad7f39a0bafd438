package io.coffer.identity.managed;

import io.coffer.identity.Principal;
import java.util.Map;

/**
 * A user-assigned managed identity ({@code Microsoft.ManagedIdentity/userAssignedIdentities}).
 * {@code principalId} is its object id (tokens, access policies, role assignments); {@code clientId}
 * the id a workload asks for a token by. {@code resourceGroup} is the group's name as created.
 */
public record ManagedIdentity(String id, String subscriptionId, String resourceGroup, String name, String location,
    Map<String, String> tags, String tenantId, String principalId, String clientId, long createdAt) {
  public static final String TYPE = "Microsoft.ManagedIdentity/userAssignedIdentities";

  public ManagedIdentity {
    tags = Map.copyOf(tags);
  }

  /** The ARM id, spelt as ARM returns it for identities ({@code resourcegroups} in lower case). */
  public String resourceId() {
    return "/subscriptions/" + subscriptionId + "/resourcegroups/" + resourceGroup + "/providers/" + TYPE + "/" + name;
  }

  public Principal principal() {
    return Principal.managedIdentity(principalId, name);
  }
}
