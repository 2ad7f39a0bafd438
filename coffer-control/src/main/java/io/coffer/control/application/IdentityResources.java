package io.coffer.control.application;

import io.coffer.control.domain.ResourceGroup;
import io.coffer.control.infrastructure.SqlControlStore.Subscription;
import io.coffer.identity.managed.ManagedIdentities;
import io.coffer.identity.managed.ManagedIdentity;
import java.util.List;
import java.util.Map;

/** User-assigned identities as resources of a group: the group must exist, and lends its location. */
public final class IdentityResources {
  private final ControlPlane control;
  private final ManagedIdentities identities;

  public IdentityResources(ControlPlane control, ManagedIdentities identities) {
    this.control = control;
    this.identities = identities;
  }

  public ManagedIdentities.Upserted put(Subscription s, String group, String name, String location,
      Map<String, String> tags) {
    ResourceGroup g = control.group(s.id(), group);
    return identities.put(s.id(), g.name(), name, location == null || location.isBlank() ? g.location() : location,
        tags, s.tenantId());
  }

  public ManagedIdentity get(String subscription, String group, String name) {
    control.group(subscription, group);
    return identities.get(subscription, group, name);
  }

  public List<ManagedIdentity> list(String subscription, String groupOrNull) {
    if (groupOrNull != null) control.group(subscription, groupOrNull);
    return identities.list(subscription, groupOrNull);
  }

  public boolean delete(String subscription, String group, String name) {
    return identities.delete(subscription, group, name);
  }
}
