package io.coffer.vault.access;

import io.coffer.vault.vaults.KeyPermission;

/** The RBAC data action Key Vault names for each key permission (as in its 403 messages). */
public final class KeyDataAction {
  private static final String KEYS = "Microsoft.KeyVault/vaults/keys/";
  private static final String DELETED_KEYS = "Microsoft.KeyVault/vaults/deletedKeys/";

  private KeyDataAction() {}

  public static String of(KeyPermission permission) {
    return switch (permission) {
      case GET, LIST -> KEYS + "read";
      case CREATE -> KEYS + "create/action";
      case UPDATE -> KEYS + "update/action";
      case IMPORT -> KEYS + "import/action";
      case DELETE -> KEYS + "delete";
      case RECOVER -> DELETED_KEYS + "recover/action";
      case BACKUP -> KEYS + "backup/action";
      case RESTORE -> KEYS + "restore/action";
      case PURGE -> DELETED_KEYS + "delete";
      case DECRYPT -> KEYS + "decrypt/action";
      case ENCRYPT -> KEYS + "encrypt/action";
      case UNWRAP_KEY -> KEYS + "unwrap/action";
      case WRAP_KEY -> KEYS + "wrap/action";
      case VERIFY -> KEYS + "verify/action";
      case SIGN -> KEYS + "sign/action";
      case ROTATE -> KEYS + "rotate/action";
      case GET_ROTATION_POLICY -> KEYS + "rotationpolicy/read";
      case SET_ROTATION_POLICY -> KEYS + "rotationpolicy/write";
    };
  }
}
