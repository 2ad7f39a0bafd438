package io.coffer.vault.keys;

import java.security.KeyPair;

/**
 * A key brought into the vault from outside: its key pair (already checked to belong together)
 * and, as for a created key, its type, operations, attributes and tags.
 */
public record KeyImport(KeySpec spec, KeyPair pair) {
  @Override
  public String toString() {
    return "KeyImport[" + spec.type().wireName() + "]"; // never the private key
  }
}
