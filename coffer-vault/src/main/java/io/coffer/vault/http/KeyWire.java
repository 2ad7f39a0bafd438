package io.coffer.vault.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.common.Json;
import io.coffer.vault.keys.DeletedKey;
import io.coffer.vault.keys.KeyAttributes;
import io.coffer.vault.keys.KeyOperation;
import io.coffer.vault.keys.KeyVersion;
import io.coffer.vault.keys.RotationPolicy;
import io.coffer.vault.vaults.Vault;
import io.coffer.vault.vaults.VaultAddresses;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The JSON shapes of the keys API: KeyBundle, KeyItem, DeletedKeyBundle/Item, operation results,
 * rotation policies and pages. Ids are built from the vault's canonical URI, never from the Host
 * header; binary values are base64url without padding and times epoch seconds.
 */
final class KeyWire {
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private final VaultAddresses addresses;

  KeyWire(VaultAddresses addresses) {
    this.addresses = addresses;
  }

  String kid(Vault vault, String name, String version) {
    return addresses.vaultUri(vault.name()) + "keys/" + name + (version == null ? "" : "/" + version);
  }

  ObjectNode bundle(Vault vault, KeyVersion v) {
    ObjectNode root = Json.object();
    ObjectNode key = root.putObject("key");
    key.put("kid", kid(vault, v.name(), v.version()));
    key.put("kty", v.type().wireName());
    ArrayNode ops = key.putArray("key_ops");
    for (KeyOperation o : v.operations()) ops.add(o.wireName());
    if (v.publicKey() instanceof RSAPublicKey rsa) {
      key.put("n", b64(unsigned(rsa.getModulus())));
      key.put("e", b64(unsigned(rsa.getPublicExponent())));
    } else {
      ECPublicKey ec = (ECPublicKey) v.publicKey();
      int len = v.curve().coordinateBytes();
      key.put("crv", v.curve().wireName());
      key.put("x", b64(fixed(ec.getW().getAffineX(), len)));
      key.put("y", b64(fixed(ec.getW().getAffineY(), len)));
    }
    root.set("attributes", attributes(vault, v.attributes()));
    tags(root, v.tags());
    return root;
  }

  ObjectNode deletedBundle(Vault vault, DeletedKey d) {
    return deletedFields(vault, d, bundle(vault, d.latest()));
  }

  ObjectNode item(Vault vault, KeyVersion v, boolean versioned) {
    ObjectNode root = Json.object();
    root.put("kid", kid(vault, v.name(), versioned ? v.version() : null));
    root.set("attributes", attributes(vault, v.attributes()));
    tags(root, v.tags());
    return root;
  }

  ObjectNode deletedItem(Vault vault, DeletedKey d) {
    return deletedFields(vault, d, item(vault, d.latest(), false));
  }

  private ObjectNode deletedFields(Vault vault, DeletedKey d, ObjectNode node) {
    node.put("recoveryId", addresses.vaultUri(vault.name()) + "deletedkeys/" + d.latest().name());
    node.put("deletedDate", d.deletedAt().getEpochSecond());
    node.put("scheduledPurgeDate", d.scheduledPurgeAt().getEpochSecond());
    return node;
  }

  ObjectNode result(Vault vault, KeyVersion v, byte[] value) {
    ObjectNode root = Json.object();
    root.put("kid", kid(vault, v.name(), v.version()));
    root.put("value", b64(value));
    return root;
  }

  ObjectNode policy(Vault vault, String name, RotationPolicy p) {
    ObjectNode root = Json.object();
    root.put("id", kid(vault, name, null) + "/rotationpolicy");
    ArrayNode actions = root.putArray("lifetimeActions");
    for (RotationPolicy.LifetimeAction a : p.lifetimeActions()) {
      ObjectNode action = actions.addObject();
      ObjectNode trigger = action.putObject("trigger");
      if (a.timeAfterCreate() != null) trigger.put("timeAfterCreate", a.timeAfterCreate().text());
      if (a.timeBeforeExpiry() != null) trigger.put("timeBeforeExpiry", a.timeBeforeExpiry().text());
      action.putObject("action").put("type", a.type().wireName());
    }
    ObjectNode attributes = root.putObject("attributes");
    if (p.expiryTime() != null) attributes.put("expiryTime", p.expiryTime().text());
    if (p.created() != null) attributes.put("created", p.created().getEpochSecond());
    if (p.updated() != null) attributes.put("updated", p.updated().getEpochSecond());
    return root;
  }

  /** {@code {"value":[...],"nextLink":...}}; the next link is absolute and carries the api-version. */
  <T> ObjectNode page(Vault vault, String path, String apiVersion, Integer maxResults, List<T> items, String next,
      Function<T, ObjectNode> render) {
    ObjectNode root = Json.object();
    ArrayNode value = root.putArray("value");
    items.forEach(i -> value.add(render.apply(i)));
    if (next == null) {
      root.putNull("nextLink");
    } else {
      root.put("nextLink", addresses.vaultUri(vault.name()) + path + "?api-version=" + apiVersion + "&$skiptoken="
          + URLEncoder.encode(next, StandardCharsets.UTF_8) + (maxResults == null ? "" : "&maxresults=" + maxResults));
    }
    return root;
  }

  private static ObjectNode attributes(Vault vault, KeyAttributes a) {
    ObjectNode n = Json.object();
    n.put("enabled", a.enabled());
    if (a.notBefore() != null) n.put("nbf", a.notBefore().getEpochSecond());
    if (a.expires() != null) n.put("exp", a.expires().getEpochSecond());
    n.put("created", seconds(a.created()));
    n.put("updated", seconds(a.updated()));
    n.put("exportable", false); // no key of this vault can be exported (no release policies)
    n.put("recoveryLevel", recoveryLevel(vault));
    n.put("recoverableDays", vault.retentionDays());
    return n;
  }

  /**
   * Key Vault's DeletionRecoveryLevel: "Customized" when the retention is under the 90-day maximum,
   * "+Purgeable" unless purge protection forbids purging before the retention ends.
   */
  static String recoveryLevel(Vault vault) {
    return (vault.retentionDays() < 90 ? "CustomizedRecoverable" : "Recoverable")
        + (vault.purgeProtection() ? "" : "+Purgeable");
  }

  private static void tags(ObjectNode root, Map<String, String> tags) {
    if (tags.isEmpty()) return; // Key Vault leaves out an empty tag set
    ObjectNode t = root.putObject("tags");
    tags.forEach(t::put);
  }

  private static long seconds(Instant i) {
    return i.getEpochSecond();
  }

  static String b64(byte[] bytes) {
    return B64URL.encodeToString(bytes);
  }

  /** Big-endian magnitude without the sign byte BigInteger adds. */
  private static byte[] unsigned(BigInteger v) {
    byte[] b = v.toByteArray();
    return b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
  }

  private static byte[] fixed(BigInteger v, int length) {
    byte[] b = unsigned(v);
    if (b.length == length) return b;
    byte[] out = new byte[length];
    System.arraycopy(b, 0, out, length - b.length, b.length);
    return out;
  }
}
