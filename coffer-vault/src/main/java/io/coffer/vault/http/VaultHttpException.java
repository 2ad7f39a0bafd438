package io.coffer.vault.http;

/**
 * A refusal decided at the HTTP edge itself (unknown vault host, api-version, authentication,
 * unsupported route, unreadable body), with the status and Key Vault error code it answers with.
 */
final class VaultHttpException extends RuntimeException {
  final int status;
  final String code;
  final boolean challenge;

  VaultHttpException(int status, String code, String message, boolean challenge) {
    super(message);
    this.status = status;
    this.code = code;
    this.challenge = challenge;
  }

  static VaultHttpException badParameter(String message) {
    return new VaultHttpException(400, "BadParameter", message, false);
  }

  static VaultHttpException unauthorized(String message) {
    return new VaultHttpException(401, "Unauthorized", message, true);
  }
}
