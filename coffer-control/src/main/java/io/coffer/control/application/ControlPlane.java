package io.coffer.control.application;

import io.coffer.control.domain.ControlException;
import io.coffer.control.domain.ControlException.Kind;
import io.coffer.control.domain.RegistryRequest;
import io.coffer.control.domain.RegistryResource;
import io.coffer.control.domain.ResourceGroup;
import io.coffer.control.infrastructure.SqlControlStore;
import io.coffer.control.infrastructure.SqlControlStore.Subscription;
import io.coffer.registry.application.GarbageCollector;
import io.coffer.registry.application.RegistryAdministration;
import io.coffer.storage.db.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Resource groups and registries: the rules of the control plane, independent of HTTP. */
public final class ControlPlane {
  private final Database db;
  private final SqlControlStore store;
  private final RegistryAdministration registryAdmin;
  private final GarbageCollector gc;
  private final RegistryWrites writes;
  private final Clock clock;

  public ControlPlane(Database db, SqlControlStore store, RegistryAdministration registryAdmin, GarbageCollector gc,
      RegistryWrites writes, Clock clock) {
    this.db = db;
    this.store = store;
    this.registryAdmin = registryAdmin;
    this.gc = gc;
    this.writes = writes;
    this.clock = clock;
  }

  /** The default subscription, created on first start. */
  public Subscription ensureSubscription() {
    return db.inTransaction(c -> {
      List<Subscription> all = store.subscriptions(c);
      if (!all.isEmpty()) return all.get(0);
      Subscription s = new Subscription(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "Coffer");
      store.insertSubscription(c, s, clock.millis());
      return s;
    });
  }

  public List<Subscription> subscriptions() {
    return db.read(store::subscriptions);
  }

  public void requireSubscription(String id) {
    if (subscriptions().stream().noneMatch(s -> s.id().equalsIgnoreCase(id))) {
      throw new ControlException(Kind.NOT_FOUND, "SubscriptionNotFound", "The subscription '" + id
          + "' could not be found.");
    }
  }

  public record Upserted<T>(T value, boolean created) {}

  public Upserted<ResourceGroup> putGroup(String subscription, String name, String location, Map<String, String> tags) {
    if (name == null || !name.matches("[-\\w._()]{1,90}") || name.endsWith(".")) {
      throw new ControlException(Kind.BAD_REQUEST, "InvalidResourceGroupName", "Resource group name '" + name
          + "' is invalid: use up to 90 letters, digits, '-', '_', '.', '(' and ')', not ending in '.'.");
    }
    return db.inTransaction(c -> {
      var existing = store.group(c, subscription, name);
      if (existing.isPresent()) {
        if (location != null && !location.equalsIgnoreCase(existing.get().location())) {
          throw new ControlException(Kind.CONFLICT, "InvalidResourceGroupLocation", "Invalid resource group location '"
              + location + "'. The Resource group already exists in location '" + existing.get().location() + "'.");
        }
        ResourceGroup updated = new ResourceGroup(subscription, existing.get().name(), existing.get().location(),
            tags == null ? existing.get().tags() : tags);
        store.upsertGroup(c, updated, clock.millis());
        return new Upserted<>(updated, false);
      }
      if (location == null || location.isBlank()) {
        throw new ControlException(Kind.BAD_REQUEST, "LocationRequired", "The location property is required for this definition.");
      }
      ResourceGroup g = new ResourceGroup(subscription, name, location, tags == null ? Map.of() : tags);
      store.upsertGroup(c, g, clock.millis());
      return new Upserted<>(g, true);
    });
  }

  public ResourceGroup group(String subscription, String name) {
    return db.read(c -> store.group(c, subscription, name)).orElseThrow(() -> groupNotFound(name));
  }

  private static ControlException groupNotFound(String name) {
    return new ControlException(Kind.NOT_FOUND, "ResourceGroupNotFound", "Resource group '" + name
        + "' could not be found.");
  }

  public List<ResourceGroup> groups(String subscription) {
    return db.read(c -> store.groups(c, subscription));
  }

  /** Deletes a resource group and every registry in it, content included. */
  public boolean deleteGroup(String subscription, String name) {
    if (db.read(c -> store.group(c, subscription, name)).isEmpty()) return false;
    for (RegistryResource r : registries(subscription, name)) deleteRegistry(r);
    db.inTransaction(c -> {
      store.deleteGroup(c, subscription, name);
      return null;
    });
    return true;
  }

  /** Creates or updates a registry with its basic properties only. */
  public Upserted<RegistryResource> putRegistry(String subscription, String groupName, String name, String location,
      String sku, Boolean adminUserEnabled, Boolean anonymousPullEnabled, Map<String, String> tags, String caller) {
    return putRegistry(subscription, groupName, name, RegistryRequest.basic(location, sku, adminUserEnabled,
        anonymousPullEnabled, tags), caller, false);
  }

  /** Creates or changes a registry with identities, customer key, network rules and policies; see {@link RegistryWrites}. */
  public Upserted<RegistryResource> putRegistry(String subscription, String groupName, String name,
      RegistryRequest request, String caller, boolean patch) {
    RegistryResource.validateName(name);
    return writes.put(subscription, group(subscription, groupName), name, request, caller, patch);
  }

  /** The registry with its identities, settings and encryption, as its JSON shows it. */
  public RegistryView view(RegistryResource r) {
    return writes.view(r);
  }

  public RegistryResource registry(String subscription, String groupName, String name) {
    group(subscription, groupName);
    return db.read(c -> store.registryByName(c, name))
        .filter(r -> r.subscriptionId().equals(subscription) && r.resourceGroup().equalsIgnoreCase(groupName))
        .orElseThrow(() -> new ControlException(Kind.NOT_FOUND, "ResourceNotFound",
            "The Resource 'Microsoft.ContainerRegistry/registries/" + name + "' under resource group '" + groupName
                + "' was not found."));
  }

  public List<RegistryResource> registries(String subscription, String groupOrNull) {
    if (groupOrNull != null) group(subscription, groupOrNull);
    return db.read(c -> store.registries(c, subscription, groupOrNull));
  }

  public void deleteRegistry(RegistryResource r) {
    db.inTransaction(c -> {
      store.deleteRegistry(c, r.id());
      return null;
    });
    try {
      registryAdmin.destroyContent(r.id());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Map<String, String> credentials(RegistryResource r) {
    if (!r.adminUserEnabled()) {
      throw new ControlException(Kind.BAD_REQUEST, "AdminUserDisabled", "Run 'coffer acr update -n " + r.name()
          + " --admin-enabled true' to enable admin first.");
    }
    return registryAdmin.credentials(r.id());
  }

  public Map<String, String> regenerate(RegistryResource r, String passwordName) {
    credentials(r);
    if (!RegistryAdministration.CREDENTIAL_NAMES.contains(passwordName)) {
      throw new ControlException(Kind.BAD_REQUEST, "InvalidParameter", "The password name must be 'password' or 'password2'.");
    }
    registryAdmin.regenerate(r.id(), passwordName);
    return registryAdmin.credentials(r.id());
  }

  public GarbageCollector.Result collectGarbage(RegistryResource r) {
    try {
      return gc.collect(r.id());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
