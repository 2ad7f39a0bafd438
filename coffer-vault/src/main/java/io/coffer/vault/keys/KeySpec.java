package io.coffer.vault.keys;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a new key version is made of: type, RSA size or curve, operations, attributes, tags. The
 * HTTP edge builds it from the create request; rotation copies it from the current version.
 */
public record KeySpec(KeyType type, int keySize, Curve curve, List<KeyOperation> operations, boolean enabled,
    Instant notBefore, Instant expires, Map<String, String> tags) {
  public KeySpec {
    operations = List.copyOf(operations);
    tags = Map.copyOf(tags);
  }
}
