package io.coffer.vault.hsm;

/** The token refused or failed an operation (bad ciphertext, unknown alias, token unavailable). */
public final class HsmException extends Exception {
  public HsmException(String message, Throwable cause) {
    super(message, cause);
  }

  public HsmException(String message) {
    super(message);
  }
}
