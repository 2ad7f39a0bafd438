package io.coffer.vault.keys;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;

/**
 * One version of a key: its public key, what it may be used for, its attributes and tags, and a
 * reference to its private part. {@code keySize} is the RSA modulus length in bits (0 for EC).
 */
public record KeyVersion(String vaultId, String name, String version, KeyType type, int keySize, Curve curve,
    List<KeyOperation> operations, PublicKey publicKey, KeyMaterial material, KeyAttributes attributes,
    Map<String, String> tags) {
  public KeyVersion {
    operations = List.copyOf(operations);
    tags = Map.copyOf(tags);
  }

  public int modulusBytes() {
    return (((RSAPublicKey) publicKey).getModulus().bitLength() + 7) / 8;
  }

  public KeyVersion withAttributes(KeyAttributes a, List<KeyOperation> ops, Map<String, String> newTags) {
    return new KeyVersion(vaultId, name, version, type, keySize, curve, ops, publicKey, material, a, newTags);
  }
}
