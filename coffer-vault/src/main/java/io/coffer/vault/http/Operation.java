package io.coffer.vault.http;

import io.coffer.vault.vaults.KeyPermission;

/**
 * The data-plane operations: the permission each needs, the name the audit log records and the
 * largest request body each takes.
 */
enum Operation {
  CREATE(KeyPermission.CREATE, "KeyCreate"),
  IMPORT(KeyPermission.IMPORT, "KeyImport"),
  BACKUP(KeyPermission.BACKUP, "KeyBackup"),
  // A restore carries every version of a key, a few KiB each.
  RESTORE(KeyPermission.RESTORE, "KeyRestore", 4 * 1024 * 1024),
  GET(KeyPermission.GET, "KeyGet"),
  LIST(KeyPermission.LIST, "KeyList"),
  LIST_VERSIONS(KeyPermission.LIST, "KeyListVersions"),
  UPDATE(KeyPermission.UPDATE, "KeyUpdate"),
  DELETE(KeyPermission.DELETE, "KeyDelete"),
  LIST_DELETED(KeyPermission.LIST, "KeyListDeleted"),
  GET_DELETED(KeyPermission.GET, "KeyGetDeleted"),
  RECOVER(KeyPermission.RECOVER, "KeyRecover"),
  PURGE(KeyPermission.PURGE, "KeyPurge"),
  ENCRYPT(KeyPermission.ENCRYPT, "KeyEncrypt"),
  DECRYPT(KeyPermission.DECRYPT, "KeyDecrypt"),
  WRAP_KEY(KeyPermission.WRAP_KEY, "KeyWrap"),
  UNWRAP_KEY(KeyPermission.UNWRAP_KEY, "KeyUnwrap"),
  SIGN(KeyPermission.SIGN, "KeySign"),
  VERIFY(KeyPermission.VERIFY, "KeyVerify"),
  ROTATE(KeyPermission.ROTATE, "KeyRotate"),
  GET_ROTATION_POLICY(KeyPermission.GET_ROTATION_POLICY, "KeyGetRotationPolicy"),
  SET_ROTATION_POLICY(KeyPermission.SET_ROTATION_POLICY, "KeySetRotationPolicy");

  private static final int MAX_BODY = 64 * 1024;

  final KeyPermission permission;
  final String auditName;
  final int maxBody;

  Operation(KeyPermission permission, String auditName) {
    this(permission, auditName, MAX_BODY);
  }

  Operation(KeyPermission permission, String auditName, int maxBody) {
    this.permission = permission;
    this.auditName = auditName;
    this.maxBody = maxBody;
  }
}
