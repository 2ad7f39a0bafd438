package io.coffer.vault.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.common.Json;
import io.coffer.vault.keys.DeletedKey;
import io.coffer.vault.keys.KeyException;
import io.coffer.vault.keys.KeyNames;
import io.coffer.vault.keys.KeyOperation;
import io.coffer.vault.keys.KeyVersion;
import io.coffer.vault.keys.Page;
import io.coffer.vault.keys.application.KeyCryptography;
import io.coffer.vault.keys.application.KeyService;
import io.coffer.vault.vaults.Vault;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Runs one authorised data-plane operation: reads its body, calls the key services, renders the answer. */
final class KeyHandlers {
  static final int MAX_PAGE = 25;
  private static final Pattern VERSION_POSITION = Pattern.compile("\\d{1,19}:[0-9a-f]{32}");

  /**
   * The answer, and the key version it concerned (for the audit log), with the key's name when the
   * route did not name it (a restore).
   */
  record Reply(int status, ObjectNode body, String keyVersion, String keyName) {
    Reply(int status, ObjectNode body, String keyVersion) {
      this(status, body, keyVersion, null);
    }
  }

  /** What a handler may read of the request. */
  record Incoming(String apiVersion, Function<String, String> query, Supplier<byte[]> body) {}

  private final KeyService keys;
  private final KeyCryptography crypto;
  private final KeyWire wire;

  KeyHandlers(KeyService keys, KeyCryptography crypto, KeyWire wire) {
    this.keys = keys;
    this.crypto = crypto;
    this.wire = wire;
  }

  Reply handle(Vault vault, Route r, Incoming in) {
    String name = r.name();
    String version = r.version();
    return switch (r.operation()) {
      case CREATE -> bundle(vault, keys.create(vault, name, KeyRequests.create(body(in))));
      case IMPORT -> bundle(vault, keys.importKey(vault, name, KeyRequests.importKey(body(in))));
      case BACKUP -> new Reply(200, Json.object().put("value", base64url(keys.backup(vault, name))), null);
      case RESTORE -> {
        KeyVersion v = keys.restore(vault, KeyRequests.base64url(body(in), "value"));
        yield new Reply(200, wire.bundle(vault, v), v.version(), v.name());
      }
      case GET -> bundle(vault, keys.get(vault, name, version));
      case UPDATE -> bundle(vault, keys.update(vault, name, version, KeyRequests.update(body(in))));
      case ROTATE -> bundle(vault, keys.rotate(vault, name));
      case RECOVER -> bundle(vault, keys.recover(vault, name));
      case DELETE -> deleted(vault, keys.delete(vault, name));
      case GET_DELETED -> deleted(vault, keys.getDeleted(vault, name));
      case PURGE -> {
        keys.purge(vault, name);
        yield new Reply(204, null, null);
      }
      case LIST -> {
        Page<KeyVersion> p = keys.list(vault, nameToken(in), maxResults(in));
        yield page(vault, "keys", in, p, v -> wire.item(vault, v, false), token(p.next()));
      }
      case LIST_VERSIONS -> {
        Page<KeyVersion> p = keys.listVersions(vault, name, versionToken(in), maxResults(in));
        yield page(vault, "keys/" + name + "/versions", in, p, v -> wire.item(vault, v, true), token(p.next()));
      }
      case LIST_DELETED -> {
        Page<DeletedKey> p = keys.listDeleted(vault, nameToken(in), maxResults(in));
        yield page(vault, "deletedkeys", in, p, d -> wire.deletedItem(vault, d), token(p.next()));
      }
      case ENCRYPT, WRAP_KEY -> {
        JsonNode n = body(in);
        var alg = KeyRequests.encryptionAlgorithm(n);
        var res = crypto.encrypt(vault, name, version, keyOperation(r.operation()), alg, KeyRequests.base64url(n, "value"));
        yield result(vault, res);
      }
      case DECRYPT, UNWRAP_KEY -> {
        JsonNode n = body(in);
        var alg = KeyRequests.encryptionAlgorithm(n);
        var res = crypto.decrypt(vault, name, version, keyOperation(r.operation()), alg, KeyRequests.base64url(n, "value"));
        yield result(vault, res);
      }
      case SIGN -> {
        JsonNode n = body(in);
        var res = crypto.sign(vault, name, version, KeyRequests.signatureAlgorithm(n), KeyRequests.base64url(n, "value"));
        yield result(vault, res);
      }
      case VERIFY -> {
        JsonNode n = body(in);
        var res = crypto.verify(vault, name, version, KeyRequests.signatureAlgorithm(n),
            KeyRequests.base64url(n, "digest"), KeyRequests.base64url(n, "value"));
        ObjectNode out = Json.object().put("value", res.valid());
        yield new Reply(200, out, res.version().version());
      }
      case GET_ROTATION_POLICY -> new Reply(200, wire.policy(vault, name, keys.rotationPolicy(vault, name)), null);
      case SET_ROTATION_POLICY -> new Reply(200,
          wire.policy(vault, name, keys.setRotationPolicy(vault, name, KeyRequests.rotationPolicy(body(in)))), null);
    };
  }

  private Reply bundle(Vault vault, KeyVersion v) {
    return new Reply(200, wire.bundle(vault, v), v.version());
  }

  private Reply deleted(Vault vault, DeletedKey d) {
    return new Reply(200, wire.deletedBundle(vault, d), d.latest().version());
  }

  private Reply result(Vault vault, KeyCryptography.Result res) {
    return new Reply(200, wire.result(vault, res.version(), res.value()), res.version().version());
  }

  private <T> Reply page(Vault vault, String path, Incoming in, Page<T> p, Function<T, ObjectNode> render,
      String next) {
    Integer max = in.query().apply("maxresults") == null ? null : maxResults(in);
    return new Reply(200, wire.page(vault, path, in.apiVersion(), max, p.items(), next, render), null);
  }

  private static KeyOperation keyOperation(Operation op) {
    return switch (op) {
      case ENCRYPT -> KeyOperation.ENCRYPT;
      case DECRYPT -> KeyOperation.DECRYPT;
      case WRAP_KEY -> KeyOperation.WRAP_KEY;
      case UNWRAP_KEY -> KeyOperation.UNWRAP_KEY;
      default -> throw new IllegalArgumentException(op.name());
    };
  }

  private static JsonNode body(Incoming in) {
    return KeyRequests.parse(in.body().get());
  }

  private static int maxResults(Incoming in) {
    String v = in.query().apply("maxresults");
    if (v == null) return MAX_PAGE;
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 1 && n <= MAX_PAGE) return n;
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw KeyException.badParameter("The parameter maxresults must be an integer from 1 to " + MAX_PAGE + ".");
  }

  private static String base64url(byte[] value) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }

  private static String token(String position) {
    return position == null ? null
        : base64url(position.getBytes(StandardCharsets.UTF_8));
  }

  private static String untoken(Incoming in) {
    String t = in.query().apply("$skiptoken");
    if (t == null || t.isEmpty()) return null;
    try {
      return new String(Base64.getUrlDecoder().decode(t), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw KeyException.badParameter("The $skiptoken is not valid.");
    }
  }

  private static String nameToken(Incoming in) {
    String position = untoken(in);
    if (position != null) {
      try {
        KeyNames.name(position);
      } catch (KeyException e) {
        throw KeyException.badParameter("The $skiptoken is not valid.");
      }
    }
    return position;
  }

  private static String versionToken(Incoming in) {
    String position = untoken(in);
    if (position != null && !VERSION_POSITION.matcher(position).matches()) {
      throw KeyException.badParameter("The $skiptoken is not valid.");
    }
    return position;
  }
}
