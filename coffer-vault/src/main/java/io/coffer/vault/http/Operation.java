package io.coffer.vault.http;

import io.coffer.vault.vaults.KeyPermission;

/** The data-plane operations: the permission each needs and the name the audit log records. */
enum Operation {
  CREATE(KeyPermission.CREATE, "KeyCreate"),
  IMPORT(KeyPermission.IMPORT, "KeyImport"),
  BACKUP(KeyPermission.BACKUP, "KeyBackup"),
  RESTORE(KeyPermission.RESTORE, "KeyRestore"),
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

  final KeyPermission permission;
  final String auditName;

  Operation(KeyPermission permission, String auditName) {
    this.permission = permission;
    this.auditName = auditName;
  }
}
