package io.coffer.vault.keys.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.common.Json;
import io.coffer.vault.keys.Curve;
import io.coffer.vault.keys.KeyAttributes;
import io.coffer.vault.keys.KeyException;
import io.coffer.vault.keys.KeyMaterial;
import io.coffer.vault.keys.KeyNames;
import io.coffer.vault.keys.KeyOperation;
import io.coffer.vault.keys.KeyType;
import io.coffer.vault.keys.KeyVersion;
import io.coffer.vault.keys.RotationPolicy;
import io.coffer.vault.keys.StoredKey;
import io.coffer.vault.keys.crypto.BackupSeal;
import io.coffer.vault.keys.crypto.KeyPairs;
import io.coffer.vault.keys.crypto.SoftwareKeys;
import io.coffer.vault.keys.infrastructure.SqlKeyStore;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a key with all its versions, attributes, tags and rotation policy into a sealed backup,
 * and reads one back for another vault: private keys leave their vault's root key only inside the
 * sealed backup, and are sealed under the target vault's root key on restore.
 */
final class KeyBackups {
  /** A key read back from a backup, ready to store: versions in creation order, the current one last. */
  record Restored(String name, List<KeyVersion> versions, RotationPolicy policy) {}

  private final SoftwareKeys software;
  private final BackupSeal seal;

  KeyBackups(SoftwareKeys software, BackupSeal seal) {
    this.software = software;
    this.seal = seal;
  }

  byte[] backup(StoredKey key, List<KeyVersion> versions) {
    ObjectNode root = Json.object().put("name", key.name()).put("current", key.currentVersion());
    if (key.policy() != null) {
      root.set("policy", Json.parse(SqlKeyStore.policyJson(key.policy())));
      root.put("policyCreated", key.policy().created().toEpochMilli())
          .put("policyUpdated", key.policy().updated().toEpochMilli());
    }
    ArrayNode list = root.putArray("versions");
    for (KeyVersion v : versions) {
      if (!(v.material() instanceof KeyMaterial.Sealed sealed)) {
        throw KeyException.badParameter("Key " + key.name() + " has versions kept in the hardware security module, "
            + "whose private part never leaves it; such keys cannot be backed up.");
      }
      PrivateKey privateKey = software.open(v.vaultId(), KeyNames.key(v.name()), v.version(), v.type(),
          sealed.ciphertext());
      ObjectNode n = list.addObject().put("version", v.version()).put("kty", v.type().wireName())
          .put("keySize", v.keySize()).put("crv", v.curve() == null ? null : v.curve().wireName())
          .put("publicKey", b64(v.publicKey().getEncoded())).put("privateKey", b64(privateKey.getEncoded()))
          .put("enabled", v.attributes().enabled()).put("nbf", millis(v.attributes().notBefore()))
          .put("exp", millis(v.attributes().expires())).put("created", millis(v.attributes().created()))
          .put("updated", millis(v.attributes().updated()));
      ArrayNode ops = n.putArray("keyOps");
      v.operations().forEach(o -> ops.add(o.wireName()));
      n.set("tags", Json.MAPPER.valueToTree(v.tags()));
    }
    return seal.seal(Json.bytes(root));
  }

  /** Opens a backup and seals its private keys for {@code vaultId}; a backup that is not one is a bad parameter. */
  Restored restore(String vaultId, byte[] backup) {
    JsonNode root = Json.parse(seal.open(backup));
    String name = root.path("name").asText();
    String current = root.path("current").asText();
    List<KeyVersion> versions = new ArrayList<>();
    KeyVersion currentVersion = null;
    for (JsonNode n : root.path("versions")) {
      KeyVersion v = version(vaultId, name, n);
      if (v.version().equals(current)) currentVersion = v;
      else versions.add(v);
    }
    if (currentVersion == null) throw KeyException.badParameter("The key backup has no current version.");
    versions.add(currentVersion);
    RotationPolicy policy = root.hasNonNull("policy") ? SqlKeyStore.policy(root.get("policy"),
        Instant.ofEpochMilli(root.path("policyCreated").asLong()), Instant.ofEpochMilli(root.path("policyUpdated").asLong()))
        : null;
    return new Restored(name, versions, policy);
  }

  private KeyVersion version(String vaultId, String name, JsonNode n) {
    KeyType type = KeyType.parse(n.path("kty").asText()).orElseThrow();
    byte[] pkcs8 = Base64.getDecoder().decode(n.path("privateKey").asText());
    PrivateKey privateKey;
    try {
      privateKey = KeyFactory.getInstance(type.isRsa() ? "RSA" : "EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a sealed key backup holds an unreadable key", e);
    } finally {
      java.util.Arrays.fill(pkcs8, (byte) 0);
    }
    String version = n.path("version").asText();
    List<KeyOperation> ops = new ArrayList<>();
    n.path("keyOps").forEach(o -> ops.add(KeyOperation.parse(o.asText()).orElseThrow()));
    Map<String, String> tags = new LinkedHashMap<>();
    n.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
    KeyAttributes attributes = new KeyAttributes(n.path("enabled").asBoolean(), instant(n, "nbf"), instant(n, "exp"),
        instant(n, "created"), instant(n, "updated"));
    byte[] sealed = software.seal(vaultId, KeyNames.key(name), version, privateKey);
    return new KeyVersion(vaultId, name, version, type, n.path("keySize").asInt(),
        n.hasNonNull("crv") ? Curve.parse(n.get("crv").asText()).orElseThrow() : null, ops,
        KeyPairs.publicKey(type.isRsa(), Base64.getDecoder().decode(n.path("publicKey").asText())),
        new KeyMaterial.Sealed(sealed), attributes, tags);
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  private static Long millis(Instant i) {
    return i == null ? null : i.toEpochMilli();
  }

  private static Instant instant(JsonNode n, String field) {
    return n.hasNonNull(field) ? Instant.ofEpochMilli(n.get(field).asLong()) : null;
  }
}
