package io.coffer.control.application;

import io.coffer.control.domain.ControlException;
import io.coffer.control.domain.ControlException.Kind;
import io.coffer.control.domain.RegistryIdentity;
import io.coffer.control.domain.RegistryIdentity.SystemIdentity;
import io.coffer.control.domain.RegistryIdentity.UserIdentity;
import io.coffer.control.domain.RegistryRequest;
import io.coffer.control.domain.RegistryRequest.EncryptionRequest;
import io.coffer.control.domain.RegistryRequest.IdentityRequest;
import io.coffer.control.domain.RegistryResource;
import io.coffer.control.domain.ResourceGroup;
import io.coffer.control.infrastructure.SqlControlStore;
import io.coffer.control.infrastructure.SqlRegistryIdentities;
import io.coffer.identity.managed.ManagedIdentities;
import io.coffer.identity.managed.ManagedIdentity;
import io.coffer.registry.application.RegistryAdministration;
import io.coffer.registry.domain.RegistrySettings;
import io.coffer.registry.domain.RegistrySettingsStore;
import io.coffer.registry.encryption.CustomerKey;
import io.coffer.registry.encryption.CustomerKeyException;
import io.coffer.registry.encryption.EncryptionStatus;
import io.coffer.registry.encryption.KeyIdentity;
import io.coffer.registry.encryption.RegistryEncryption;
import io.coffer.storage.db.Database;
import io.coffer.vault.system.SystemKeyStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Creating and changing registries with everything they carry: identities, customer-managed key,
 * network rules and policies, under the seed's rules. Every check runs before anything is stored;
 * the vault is called before the transaction (prepare, rotate), never inside it.
 */
public final class RegistryWrites {
  private static final String HELP = "For more information on bring your own key, please visit 'https://aka.ms/acr/cmk'.";
  private final Database db;
  private final SqlControlStore store;
  private final SqlRegistryIdentities identities;
  private final RegistrySettingsStore settings;
  private final RegistryAdministration admin;
  private final RegistryIdentityTokenIssuer issuer;
  private final ManagedIdentities managed;
  private final SystemKeyStore systemKeys;
  private final Consumer<String> settingsChanged;
  private final Clock clock;

  /** @param settingsChanged told the id of a registry whose network rules or policies changed (caches drop them) */
  public RegistryWrites(Database db, SqlControlStore store, SqlRegistryIdentities identities,
      RegistrySettingsStore settings, RegistryAdministration admin, RegistryIdentityTokenIssuer issuer,
      ManagedIdentities managed, SystemKeyStore systemKeys, Consumer<String> settingsChanged, Clock clock) {
    this.settingsChanged = settingsChanged;
    this.db = db;
    this.store = store;
    this.identities = identities;
    this.settings = settings;
    this.admin = admin;
    this.issuer = issuer;
    this.managed = managed;
    this.systemKeys = systemKeys;
    this.clock = clock;
  }

  private RegistryEncryption encryption() {
    return admin.encryption();
  }

  /** What the resource's JSON shows. */
  public RegistryView view(RegistryResource r) {
    return db.read(c -> new RegistryView(r, identities.get(c, r.id()), settings.get(c, r.id()),
        encryption().status(r.id()), store.retentionUpdatedAt(c, r.id())));
  }

  /**
   * Creates the registry, or changes the existing one of that name in that group. {@code patch}:
   * a PATCH (the registry must exist; a rotation is asked by naming a key at all).
   */
  public ControlPlane.Upserted<RegistryResource> put(String subscription, ResourceGroup group, String name,
      RegistryRequest req, String caller, boolean patch) {
    RegistryResource.validateName(name);
    String sku = req.sku() == null ? null : RegistryResource.validateSku(req.sku());
    Optional<RegistryResource> existing = db.read(c -> store.registryByName(c, name));
    if (existing.isPresent()) {
      RegistryResource e = existing.get();
      if (!e.subscriptionId().equals(subscription) || !e.resourceGroup().equalsIgnoreCase(group.name())) {
        throw new ControlException(Kind.CONFLICT, "AlreadyInUse", "The registry name '" + name + "' is already in use.");
      }
      return new ControlPlane.Upserted<>(update(e, req, sku, patch), false);
    }
    if (patch) {
      throw new ControlException(Kind.NOT_FOUND, "ResourceNotFound", "The Resource "
          + "'Microsoft.ContainerRegistry/registries/" + name + "' under resource group '" + group.name()
          + "' was not found.");
    }
    return new ControlPlane.Upserted<>(create(subscription, group, name, req, sku, caller), true);
  }

  private RegistryResource create(String subscription, ResourceGroup group, String name, RegistryRequest req,
      String sku, String caller) {
    if (sku == null) throw new ControlException(Kind.BAD_REQUEST, "MissingSku", "The sku property is required.");
    RegistryResource r = new RegistryResource(UUID.randomUUID().toString(), name, subscription, group.name(),
        req.location() == null || req.location().isBlank() ? group.location() : req.location(), sku,
        Boolean.TRUE.equals(req.adminUserEnabled()), Boolean.TRUE.equals(req.anonymousPullEnabled()),
        req.tags() == null ? Map.of() : req.tags(), clock.millis(), caller);
    RegistryIdentity identity = identity(RegistryIdentity.NONE, req.identity(), false, tenantOf(subscription));
    RegistrySettings s = RegistrySettingsRules.apply(RegistrySettings.DEFAULT, req.settings(), sku);
    EncryptionRequest enc = req.encryption();
    boolean cmk = enc != null && ("enabled".equals(enc.status()) || enc.status() == null && enc.namesKey());
    RegistryEncryption.PreparedKey prepared = null;
    if (cmk) {
      checkCustomerKeyAllowed(r, s);
      if (enc.keyIdentifier() == null || enc.identity() == null) {
        throw bad("InvalidEncryptionProperties", "Customer-managed key encryption needs "
            + "'keyVaultProperties.keyIdentifier' and 'keyVaultProperties.identity' (the client id of a user-assigned "
            + "identity of the registry).");
      }
      if (isSystem(enc.identity())) {
        throw bad("InvalidEncryptionIdentity", "When a registry is created, its customer-managed key must be "
            + "reached with a user-assigned identity: the system-assigned identity does not exist before the registry "
            + "and cannot have been given access to the key yet. Rotate to [system] afterwards. " + HELP);
      }
      CustomerKey key = new CustomerKey(enc.keyIdentifier().trim(), keyIdentity(r, identity, enc.identity()));
      try (var p = issuer.provisionally(r, identity)) {
        prepared = encryption().prepare(r.id(), key);
      } catch (CustomerKeyException e) {
        throw refused(e);
      }
    }
    RegistryEncryption.PreparedKey key = prepared;
    db.inTransaction(c -> {
      store.insertRegistry(c, r);
      identities.put(c, r.id(), identity, clock.millis());
      settings.put(c, r.id(), s);
      if (key != null) {
        admin.provision(c, r.id(), key);
      } else {
        admin.provision(c, r.id(), systemKeys.current());
      }
      return null;
    });
    return r;
  }

  private RegistryResource update(RegistryResource e, RegistryRequest req, String sku, boolean patch) {
    RegistryResource updated = new RegistryResource(e.id(), e.name(), e.subscriptionId(), e.resourceGroup(),
        e.location(), sku == null ? e.sku() : sku,
        req.adminUserEnabled() == null ? e.adminUserEnabled() : req.adminUserEnabled(),
        req.anonymousPullEnabled() == null ? e.anonymousPullEnabled() : req.anonymousPullEnabled(),
        req.tags() == null ? e.tags() : req.tags(), e.createdAt(), e.createdBy());
    RegistryView current = view(e);
    EncryptionStatus status = current.encryption();
    RegistryIdentity identity = identity(current.identity(), req.identity(), !patch, tenantOf(e.subscriptionId()));
    RegistrySettings s = RegistrySettingsRules.apply(current.settings(), req.settings(), updated.sku());
    if (status.customerManaged()) {
      if (!updated.sku().equals("Premium")) {
        throw bad("CMKNotSupportedForSku", "The registry " + e.name() + " is encrypted with a customer-managed key, "
            + "which needs the Premium SKU: it cannot move to " + updated.sku() + ".");
      }
      if (s.policies().trustEnabled()) throw contentTrustBlocked(e);
      requireEncryptionIdentity(e, status.identity(), identity);
    }
    CustomerKey rotation = rotation(e, req.encryption(), status, identity, patch);
    if (rotation != null) {
      try (var p = issuer.provisionally(updated, identity)) {
        encryption().rotate(e.id(), rotation);
      } catch (CustomerKeyException x) {
        throw refused(x);
      }
    }
    boolean retentionChanged = req.settings() != null && req.settings().touchesRetention()
        && !s.policies().equals(current.settings().policies());
    db.inTransaction(c -> {
      store.updateRegistry(c, updated);
      identities.put(c, e.id(), identity, clock.millis());
      settings.put(c, e.id(), s);
      if (retentionChanged) store.retentionUpdated(c, e.id(), clock.millis());
      return null;
    });
    if (!s.equals(current.settings())) settingsChanged.accept(e.id());
    return updated;
  }

  /** The key asked for on an existing registry, or null when nothing is to rotate; refuses what the seed refuses. */
  private CustomerKey rotation(RegistryResource r, EncryptionRequest enc, EncryptionStatus status,
      RegistryIdentity identity, boolean patch) {
    if (enc == null) return null;
    if (!status.customerManaged()) {
      if ("enabled".equals(enc.status())) {
        throw bad("CMKCanOnlyBeEnabledAtCreation", "Customer-managed key encryption can only be enabled when the "
            + "registry is created. " + HELP);
      }
      if (enc.keyIdentifier() != null) {
        throw bad("InvalidEncryptionProperties", "key rotation is only applicable to registries with CMK enabled");
      }
      return null;
    }
    if ("disabled".equals(enc.status())) {
      throw bad("CMKCannotBeDisabled", "Customer-managed key encryption of the registry " + r.name()
          + " cannot be disabled. " + HELP);
    }
    if (!enc.namesKey()) return null;
    String keyId = enc.keyIdentifier() == null ? status.keyIdentifier() : enc.keyIdentifier().trim();
    KeyIdentity who = enc.identity() == null ? status.identity() : keyIdentity(r, identity, enc.identity());
    boolean same = keyId.equalsIgnoreCase(status.keyIdentifier()) && who.equals(status.identity());
    return patch || !same ? new CustomerKey(keyId, who) : null;
  }

  private static void checkCustomerKeyAllowed(RegistryResource r, RegistrySettings s) {
    if (!r.sku().equals("Premium")) {
      throw bad("CMKNotSupportedForSku", "Customer-managed key encryption is only available in the Premium SKU; "
          + "the registry " + r.name() + " would be " + r.sku() + ". " + HELP);
    }
    if (s.policies().trustEnabled()) throw contentTrustBlocked(r);
  }

  private static ControlException contentTrustBlocked(RegistryResource r) {
    return bad("BlockedForEncryptionEnabledRegistry", "this feature 'ContentTrust' is currently not supported when "
        + "encryption is enable for the resource " + r.name());
  }

  /** The identity the encryption uses must stay: the seed's message otherwise. */
  private static void requireEncryptionIdentity(RegistryResource r, KeyIdentity used, RegistryIdentity next) {
    if (used.kind() == KeyIdentity.Kind.SYSTEM_ASSIGNED) {
      if (next.system() == null || !next.system().principalId().equalsIgnoreCase(used.principalId())) {
        throw bad("InvalidIdentity", RegistryIdentityTokenIssuer.noAccess(r, used.principalId()));
      }
    } else if (next.userAssigned().stream().noneMatch(u -> u.principalId().equalsIgnoreCase(used.principalId()))) {
      throw bad("InvalidIdentity", RegistryIdentityTokenIssuer.noAccess(r, used.clientId()));
    }
  }

  /** The encryption identity a request names: {@code system}/{@code [system]}, or a user-assigned identity of the registry. */
  private static KeyIdentity keyIdentity(RegistryResource r, RegistryIdentity identity, String reference) {
    if (isSystem(reference)) {
      if (identity.system() == null) {
        throw bad("InvalidEncryptionIdentity", "The registry " + r.name() + " has no system-assigned identity: turn "
            + "it on first ('coffer acr identity assign --name " + r.name() + " --identities [system]').");
      }
      return new KeyIdentity(KeyIdentity.Kind.SYSTEM_ASSIGNED, identity.system().principalId(), null, null);
    }
    UserIdentity u = identity.find(reference).orElseThrow(() -> bad("InvalidEncryptionIdentity", "The identity '"
        + reference + "' is not an identity of the registry " + r.name() + ": assign it to the registry "
        + "('identity.userAssignedIdentities') and name it by its client id, principal id or resource id. " + HELP));
    return new KeyIdentity(KeyIdentity.Kind.USER_ASSIGNED, u.principalId(), u.clientId(), u.resourceId());
  }

  private static boolean isSystem(String reference) {
    String s = reference.trim().toLowerCase(Locale.ROOT);
    return s.equals("system") || s.equals("[system]");
  }

  /**
   * The identities after a request: {@code type} decides which kinds stay; listed user-assigned
   * identities are added (they must exist) or, given as null, removed. {@code replace} (a PUT of an
   * existing registry): only those listed stay.
   */
  private RegistryIdentity identity(RegistryIdentity current, IdentityRequest req, boolean replace, String tenant) {
    if (req == null) return current;
    boolean system;
    boolean user;
    if (req.type() == null) {
      system = current.system() != null;
      user = !current.userAssigned().isEmpty() || req.userAssigned().containsValue(true);
    } else {
      String t = req.type().replace(" ", "").toLowerCase(Locale.ROOT);
      switch (t) {
        case "none" -> { system = false; user = false; }
        case "systemassigned" -> { system = true; user = false; }
        case "userassigned" -> { system = false; user = true; }
        case "systemassigned,userassigned", "userassigned,systemassigned" -> { system = true; user = true; }
        default -> throw bad("InvalidIdentityType", "The identity type '" + req.type() + "' is not valid: use None, "
            + "SystemAssigned, UserAssigned or 'SystemAssigned, UserAssigned'.");
      }
    }
    SystemIdentity systemIdentity = !system ? null : current.system() != null ? current.system()
        : new SystemIdentity(UUID.randomUUID().toString(), tenant);
    List<UserIdentity> users = new ArrayList<>();
    if (user) {
      if (!replace) users.addAll(current.userAssigned());
      for (Map.Entry<String, Boolean> e : req.userAssigned().entrySet()) {
        Optional<UserIdentity> known = current.find(e.getKey());
        users.removeIf(u -> u.resourceId().equalsIgnoreCase(e.getKey()) || known.map(k -> k.equals(u)).orElse(false));
        if (!e.getValue()) continue;
        if (known.isPresent()) {
          users.add(known.get());
          continue;
        }
        ManagedIdentity m = managed.byResourceId(e.getKey()).orElseThrow(() -> bad("InvalidUserAssignedIdentity",
            "The user-assigned identity '" + e.getKey() + "' was not found."));
        users.add(new UserIdentity(m.resourceId(), m.principalId(), m.clientId()));
      }
    }
    return new RegistryIdentity(systemIdentity, users);
  }

  private String tenantOf(String subscription) {
    return db.read(store::subscriptions).stream().filter(s -> s.id().equals(subscription)).findFirst()
        .orElseThrow().tenantId();
  }

  private static ControlException refused(CustomerKeyException e) {
    String code = switch (e.reason()) {
      case INVALID_KEY_ID -> "InvalidKeyIdentifier";
      case KEY_NOT_FOUND -> "KeyVaultKeyNotFound";
      case UNSUPPORTED_KEY_TYPE -> "UnsupportedKeyType";
      case KEY_DISABLED -> "KeyVaultKeyDisabled";
      case ACCESS_DENIED -> "KeyVaultAccessDenied";
      case IDENTITY_INACTIVE -> "InvalidIdentity";
      case VAULT_UNREACHABLE -> "KeyVaultUnreachable";
    };
    return bad(code, e.getMessage());
  }

  private static ControlException bad(String code, String message) {
    return new ControlException(Kind.BAD_REQUEST, code, message);
  }
}
