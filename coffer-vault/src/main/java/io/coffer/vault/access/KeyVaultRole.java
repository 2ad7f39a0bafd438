package io.coffer.vault.access;

import io.coffer.vault.vaults.KeyPermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in Key Vault roles for vaults that use RBAC, with Azure's role definition ids and the
 * key operations each allows. "Key Vault Crypto Service Encryption (preview)", the name the CMK
 * walkthrough uses, is accepted for the service-encryption role.
 */
public enum KeyVaultRole {
  ADMINISTRATOR("00482a5a-887f-4fb3-b363-3b7fe8e74483", "Key Vault Administrator",
      "Perform all data plane operations on a key vault and all objects in it.", EnumSet.allOf(KeyPermission.class)),
  CRYPTO_OFFICER("14b46e9e-c2b7-41b4-b07b-48a6ebf60603", "Key Vault Crypto Officer",
      "Perform any action on the keys of a key vault, except manage permissions.", EnumSet.allOf(KeyPermission.class)),
  CRYPTO_USER("12338af0-0e69-4776-bea7-57ae8d297424", "Key Vault Crypto User",
      "Perform cryptographic operations using keys.",
      EnumSet.of(KeyPermission.GET, KeyPermission.LIST, KeyPermission.UPDATE, KeyPermission.BACKUP,
          KeyPermission.ENCRYPT, KeyPermission.DECRYPT, KeyPermission.WRAP_KEY, KeyPermission.UNWRAP_KEY,
          KeyPermission.SIGN, KeyPermission.VERIFY, KeyPermission.GET_ROTATION_POLICY)),
  CRYPTO_SERVICE_ENCRYPTION_USER("e147488a-f6f5-4113-8e2d-b22465e65bf6",
      "Key Vault Crypto Service Encryption User",
      "Read metadata of keys and perform wrap/unwrap operations.",
      EnumSet.of(KeyPermission.GET, KeyPermission.LIST, KeyPermission.WRAP_KEY, KeyPermission.UNWRAP_KEY)),
  READER("21090545-7ca7-4776-b22c-e363652d74d2", "Key Vault Reader",
      "Read metadata of key vaults and its keys; no cryptographic operations.",
      EnumSet.of(KeyPermission.GET, KeyPermission.LIST, KeyPermission.GET_ROTATION_POLICY));

  private static final String PREVIEW_NAME = "Key Vault Crypto Service Encryption (preview)";
  private final String id;
  private final String roleName;
  private final String description;
  private final Set<KeyPermission> permissions;

  KeyVaultRole(String id, String roleName, String description, Set<KeyPermission> permissions) {
    this.id = id;
    this.roleName = roleName;
    this.description = description;
    this.permissions = Set.copyOf(permissions);
  }

  /** The role definition's GUID, as in {@code …/roleDefinitions/{id}}. */
  public String id() {
    return id;
  }

  public String roleName() {
    return roleName;
  }

  public String description() {
    return description;
  }

  public Set<KeyPermission> permissions() {
    return permissions;
  }

  /** By display name (case-insensitive, the preview alias included), by GUID, or by a full role definition id. */
  public static Optional<KeyVaultRole> find(String nameOrId) {
    if (nameOrId == null) return Optional.empty();
    String n = nameOrId.trim();
    if (n.equalsIgnoreCase(PREVIEW_NAME)) return Optional.of(CRYPTO_SERVICE_ENCRYPTION_USER);
    String tail = n.substring(n.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    for (KeyVaultRole r : values()) {
      if (r.roleName.equalsIgnoreCase(n) || r.id.equals(tail)) return Optional.of(r);
    }
    return Optional.empty();
  }

  public static List<KeyVaultRole> all() {
    return List.of(values());
  }
}
