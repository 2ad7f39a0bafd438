package io.coffer.registry.domain;

/** What went wrong, in the registry's own terms; the HTTP edge maps each to its OCI code and status. */
public enum ErrorKind {
  BLOB_UNKNOWN, BLOB_UPLOAD_INVALID, BLOB_UPLOAD_UNKNOWN, DIGEST_INVALID, MANIFEST_BLOB_UNKNOWN,
  MANIFEST_INVALID, MANIFEST_TOO_LARGE, MANIFEST_UNKNOWN, NAME_INVALID, NAME_UNKNOWN, SIZE_INVALID,
  RANGE_INVALID, UNAUTHORIZED, DENIED, UNSUPPORTED, TOO_MANY_REQUESTS,
  /** The registry's key cannot be used (access revoked, key disabled, vault unreachable). */
  KEY_UNAVAILABLE
}
