package io.coffer.vault.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.vault.keys.Curve;
import io.coffer.vault.keys.EncryptionAlgorithm;
import io.coffer.vault.keys.IsoPeriod;
import io.coffer.vault.keys.KeyException;
import io.coffer.vault.keys.KeyImport;
import io.coffer.vault.keys.KeyOperation;
import io.coffer.vault.keys.KeySpec;
import io.coffer.vault.keys.KeyType;
import io.coffer.vault.keys.KeyUpdate;
import io.coffer.vault.keys.RotationPolicy;
import io.coffer.vault.keys.SignatureAlgorithm;
import io.coffer.vault.keys.crypto.KeyPairs;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads request bodies into domain values, strictly: wrong types, unknown algorithms, key types,
 * curves or operations, sizes Key Vault does not offer and invalid base64url are bad parameters.
 * Unknown fields are ignored, as newer SDKs send fields older services do not know.
 */
final class KeyRequests {
  private static final Set<Integer> RSA_SIZES = Set.of(2048, 3072, 4096);
  private static final long MAX_EPOCH_SECONDS = 253402300799L; // 9999-12-31T23:59:59Z
  private static final int MAX_TAGS = 15;

  private KeyRequests() {}

  static JsonNode parse(byte[] body) {
    if (body.length == 0) throw KeyException.badParameter("The request body is missing.");
    JsonNode n;
    try {
      n = Json.parse(body);
    } catch (IllegalArgumentException e) {
      throw KeyException.badParameter("The request body is not valid JSON.");
    }
    if (!n.isObject()) throw KeyException.badParameter("The request body must be a JSON object.");
    return n;
  }

  static KeySpec create(JsonNode n) {
    String kty = text(n, "kty", true);
    KeyType type = KeyType.parse(kty).orElseThrow(() -> KeyException.badParameter("The key type (kty) '" + kty
        + "' is not supported; use RSA, RSA-HSM, EC or EC-HSM."));
    int size = 0;
    Curve curve = null;
    if (type.isRsa()) {
      size = n.hasNonNull("key_size") ? integer(n, "key_size") : 2048;
      if (!RSA_SIZES.contains(size)) {
        throw KeyException.badParameter("The key size " + size + " is not supported for RSA keys; use 2048, 3072 or 4096.");
      }
      if (n.hasNonNull("public_exponent")) {
        // The SDK sends 0 when the caller chose none.
        int e = integer(n, "public_exponent");
        if (e != 0 && e != 65537) throw KeyException.badParameter("The public exponent " + e + " is not supported; use 65537.");
      }
    } else {
      String crv = n.hasNonNull("crv") ? text(n, "crv", true) : Curve.P_256.wireName();
      curve = Curve.parse(crv).orElseThrow(() -> KeyException.badParameter("The curve '" + crv
          + "' is not supported; use P-256, P-384 or P-521."));
    }
    return spec(type, size, curve, n, n);
  }

  /** A new key's spec: {@code key_ops} from {@code opsFrom} (defaults for the type), attributes and tags from {@code n}. */
  private static KeySpec spec(KeyType type, int size, Curve curve, JsonNode opsFrom, JsonNode n) {
    List<KeyOperation> ops = operations(opsFrom, type);
    if (ops == null) ops = type.isRsa() ? KeyOperation.RSA_DEFAULT : KeyOperation.EC_DEFAULT;
    JsonNode a = object(n, "attributes");
    boolean enabled = a == null || !a.has("enabled") || bool(a, "enabled");
    Instant nbf = a == null ? null : time(a, "nbf");
    Instant exp = a == null ? null : time(a, "exp");
    Map<String, String> tags = tags(n);
    return new KeySpec(type, size, curve, ops, enabled, nbf, exp, tags == null ? Map.of() : tags);
  }

  /**
   * An import ({@code PUT /keys/{name}}): the private key as a JSON Web Key in {@code key}, with
   * {@code Hsm: true} (or an {@code -HSM} kty) asking for the hardware token.
   */
  static KeyImport importKey(JsonNode n) {
    JsonNode jwk = object(n, "key");
    if (jwk == null) throw KeyException.badParameter("The parameter 'key' is required.");
    String kty = text(jwk, "kty", true);
    KeyType type = KeyType.parse(kty).orElseThrow(() -> KeyException.badParameter("The key type (kty) '" + kty
        + "' cannot be imported; use RSA, RSA-HSM, EC or EC-HSM."));
    if (n.hasNonNull("Hsm") && bool(n, "Hsm") && !type.hardware()) type = type.isRsa() ? KeyType.RSA_HSM : KeyType.EC_HSM;
    KeyPair pair;
    int size = 0;
    Curve curve = null;
    if (type.isRsa()) {
      pair = KeyPairs.rsa(unsigned(jwk, "n"), unsigned(jwk, "e"), unsigned(jwk, "d"), unsigned(jwk, "p"),
          unsigned(jwk, "q"), unsigned(jwk, "dp"), unsigned(jwk, "dq"), unsigned(jwk, "qi"));
      size = ((RSAPublicKey) pair.getPublic()).getModulus().bitLength();
      if (!RSA_SIZES.contains(size)) {
        throw KeyException.badParameter("The key size " + size + " is not supported for RSA keys; use 2048, 3072 or 4096.");
      }
    } else {
      String crv = text(jwk, "crv", true);
      curve = Curve.parse(crv).orElseThrow(() -> KeyException.badParameter("The curve '" + crv
          + "' is not supported; use P-256, P-384 or P-521."));
      pair = KeyPairs.ec(curve, unsigned(jwk, "x"), unsigned(jwk, "y"), unsigned(jwk, "d"));
    }
    return new KeyImport(spec(type, size, curve, jwk, n), pair);
  }

  static KeyUpdate update(JsonNode n) {
    List<KeyOperation> ops = operations(n, null);
    JsonNode a = object(n, "attributes");
    Boolean enabled = a != null && a.hasNonNull("enabled") ? bool(a, "enabled") : null;
    Optional<Instant> nbf = a != null && a.has("nbf") ? Optional.ofNullable(time(a, "nbf")) : null;
    Optional<Instant> exp = a != null && a.has("exp") ? Optional.ofNullable(time(a, "exp")) : null;
    return new KeyUpdate(ops, enabled, nbf, exp, tags(n));
  }

  static EncryptionAlgorithm encryptionAlgorithm(JsonNode n) {
    String alg = text(n, "alg", true);
    return EncryptionAlgorithm.parse(alg).orElseThrow(() -> KeyException.badParameter("The algorithm '" + alg
        + "' is not supported; use RSA-OAEP, RSA-OAEP-256 or RSA1_5."));
  }

  static SignatureAlgorithm signatureAlgorithm(JsonNode n) {
    String alg = text(n, "alg", true);
    return SignatureAlgorithm.parse(alg).orElseThrow(() -> KeyException.badParameter("The algorithm '" + alg
        + "' is not supported; use RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384 or ES512."));
  }

  static byte[] base64url(JsonNode n, String field) {
    String s = text(n, field, true);
    try {
      return Base64.getUrlDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw KeyException.badParameter("The parameter '" + field + "' is not valid base64url.");
    }
  }

  private static BigInteger unsigned(JsonNode jwk, String field) {
    byte[] bytes = base64url(jwk, field);
    if (bytes.length == 0) throw KeyException.badParameter("The parameter '" + field + "' is empty.");
    return new BigInteger(1, bytes);
  }

  static RotationPolicy rotationPolicy(JsonNode n) {
    List<RotationPolicy.LifetimeAction> actions = new ArrayList<>();
    JsonNode list = n.get("lifetimeActions");
    if (list != null && !list.isNull() && !list.isArray()) {
      throw KeyException.badParameter("The parameter 'lifetimeActions' must be an array.");
    }
    Set<RotationPolicy.ActionType> seen = new LinkedHashSet<>();
    if (list != null) {
      for (JsonNode a : list) {
        JsonNode trigger = object(a, "trigger");
        JsonNode action = object(a, "action");
        if (trigger == null || action == null) {
          throw KeyException.badParameter("Each lifetime action needs a 'trigger' and an 'action'.");
        }
        String t = text(action, "type", true);
        RotationPolicy.ActionType type = t.equalsIgnoreCase("rotate") ? RotationPolicy.ActionType.ROTATE
            : t.equalsIgnoreCase("notify") ? RotationPolicy.ActionType.NOTIFY : null;
        if (type == null) throw KeyException.badParameter("The action type '" + t + "' is not valid; use Rotate or Notify.");
        if (!seen.add(type)) throw KeyException.badParameter("Only one " + type.wireName() + " action is allowed.");
        IsoPeriod after = trigger.hasNonNull("timeAfterCreate") ? IsoPeriod.parse(text(trigger, "timeAfterCreate", true)) : null;
        IsoPeriod before = trigger.hasNonNull("timeBeforeExpiry") ? IsoPeriod.parse(text(trigger, "timeBeforeExpiry", true)) : null;
        if ((after == null) == (before == null)) {
          throw KeyException.badParameter("A trigger has exactly one of timeAfterCreate and timeBeforeExpiry.");
        }
        if (type == RotationPolicy.ActionType.NOTIFY && before == null) {
          throw KeyException.badParameter("A Notify action is triggered by timeBeforeExpiry.");
        }
        actions.add(new RotationPolicy.LifetimeAction(type, after, before));
      }
    }
    JsonNode attributes = object(n, "attributes");
    IsoPeriod expiry = attributes != null && attributes.hasNonNull("expiryTime")
        ? IsoPeriod.parse(text(attributes, "expiryTime", true)) : null;
    if (expiry != null && expiry.approximate().compareTo(Duration.ofDays(28)) < 0) {
      throw KeyException.badParameter("The expiryTime must be at least 28 days (P28D).");
    }
    return new RotationPolicy(actions, expiry, null, null);
  }

  /** Null when absent or empty (meaning "defaults" on create, "no change" on update). */
  private static List<KeyOperation> operations(JsonNode n, KeyType type) {
    JsonNode ops = n.get("key_ops");
    if (ops == null || ops.isNull()) return null;
    if (!ops.isArray()) throw KeyException.badParameter("The parameter 'key_ops' must be an array.");
    LinkedHashSet<KeyOperation> out = new LinkedHashSet<>();
    for (JsonNode o : ops) {
      if (!o.isTextual()) throw KeyException.badParameter("The key operations must be strings.");
      KeyOperation op = KeyOperation.parse(o.asText()).orElseThrow(() -> KeyException.badParameter(
          "The key operation '" + o.asText() + "' is not valid; use encrypt, decrypt, sign, verify, wrapKey or unwrapKey."));
      if (type != null && !op.allowedFor(type)) {
        throw KeyException.badParameter("Operation " + op.wireName() + " is not valid for a " + type.wireName() + " key.");
      }
      out.add(op);
    }
    return out.isEmpty() ? null : List.copyOf(out);
  }

  private static Map<String, String> tags(JsonNode n) {
    JsonNode t = n.get("tags");
    if (t == null || t.isNull()) return null;
    if (!t.isObject()) throw KeyException.badParameter("The parameter 'tags' must be an object.");
    if (t.size() > MAX_TAGS) throw KeyException.badParameter("At most " + MAX_TAGS + " tags are allowed.");
    Map<String, String> out = new LinkedHashMap<>();
    var it = t.fields();
    while (it.hasNext()) {
      var e = it.next();
      if (!e.getValue().isTextual()) throw KeyException.badParameter("The value of tag '" + e.getKey() + "' must be a string.");
      if (e.getKey().isEmpty() || e.getKey().length() > 512 || e.getValue().asText().length() > 256) {
        throw KeyException.badParameter("Tag names have 1 to 512 characters and values at most 256.");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static JsonNode object(JsonNode n, String field) {
    JsonNode o = n.get(field);
    if (o == null || o.isNull()) return null;
    if (!o.isObject()) throw KeyException.badParameter("The parameter '" + field + "' must be an object.");
    return o;
  }

  private static String text(JsonNode n, String field, boolean required) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      if (required) throw KeyException.badParameter("The parameter '" + field + "' is required.");
      return null;
    }
    if (!v.isTextual()) throw KeyException.badParameter("The parameter '" + field + "' must be a string.");
    return v.asText();
  }

  private static int integer(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw KeyException.badParameter("The parameter '" + field + "' must be an integer.");
    }
    return v.intValue();
  }

  private static boolean bool(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (!v.isBoolean()) throw KeyException.badParameter("The parameter '" + field + "' must be true or false.");
    return v.booleanValue();
  }

  /** Epoch seconds, as Key Vault writes times; null when absent or null. */
  private static Instant time(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0 || v.longValue() > MAX_EPOCH_SECONDS) {
      throw KeyException.badParameter("The parameter '" + field + "' must be a time in seconds since 1970.");
    }
    return Instant.ofEpochSecond(v.longValue());
  }
}
