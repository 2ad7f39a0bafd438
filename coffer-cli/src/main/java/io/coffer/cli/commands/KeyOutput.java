package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The Key Vault data plane's JSON (snake_case, epoch seconds) as {@code az keyvault key} prints it:
 * camelCase fields, every field of the SDK model present (null when unset), ISO-8601 UTC times.
 */
final class KeyOutput {
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private KeyOutput() {}

  /** A KeyBundle: create, show, rotate, recover, set-attributes. */
  static ObjectNode key(JsonNode bundle) {
    ObjectNode out = F.objectNode();
    out.set("attributes", attributes(bundle.path("attributes")));
    out.set("key", jwk(bundle.path("key")));
    out.set("managed", value(bundle, "managed"));
    out.set("releasePolicy", value(bundle, "release_policy"));
    out.set("tags", value(bundle, "tags"));
    return out;
  }

  /** A DeletedKeyBundle: delete. */
  static ObjectNode deletedKey(JsonNode bundle) {
    ObjectNode out = key(bundle);
    deletion(bundle, out);
    return out;
  }

  /** A KeyItem of a list: the key's id (versionless in list, versioned in list-versions) and name. */
  static ObjectNode item(JsonNode item) {
    ObjectNode out = F.objectNode();
    out.set("attributes", attributes(item.path("attributes")));
    out.set("kid", value(item, "kid"));
    out.set("managed", value(item, "managed"));
    out.put("name", nameOf(item.path("kid").asText("")));
    out.set("tags", value(item, "tags"));
    return out;
  }

  /** A DeletedKeyItem: list-deleted. */
  static ObjectNode deletedItem(JsonNode item) {
    ObjectNode out = item(item);
    deletion(item, out);
    return out;
  }

  static ArrayNode items(Iterable<JsonNode> items, boolean deleted) {
    ArrayNode out = F.arrayNode();
    for (JsonNode i : items) out.add(deleted ? deletedItem(i) : item(i));
    return out;
  }

  /**
   * A rotation policy as az prints it (the SDK's KeyRotationPolicy): each lifetime action flat, the
   * policy's expiry as {@code expiresIn}, its times as {@code createdOn}/{@code updatedOn}.
   */
  static ObjectNode rotationPolicy(JsonNode policy) {
    ObjectNode out = F.objectNode();
    JsonNode attributes = policy.path("attributes");
    out.set("createdOn", time(attributes.get("created")));
    out.set("expiresIn", value(attributes, "expiryTime"));
    out.set("id", value(policy, "id"));
    ArrayNode actions = out.putArray("lifetimeActions");
    for (JsonNode a : policy.path("lifetimeActions")) {
      ObjectNode action = actions.addObject();
      action.set("action", value(a.path("action"), "type"));
      action.set("timeAfterCreate", value(a.path("trigger"), "timeAfterCreate"));
      action.set("timeBeforeExpiry", value(a.path("trigger"), "timeBeforeExpiry"));
    }
    out.set("updatedOn", time(attributes.get("updated")));
    return out;
  }

  private static void deletion(JsonNode bundle, ObjectNode out) {
    out.set("deletedDate", time(bundle.get("deletedDate")));
    out.set("recoveryId", value(bundle, "recoveryId"));
    out.set("scheduledPurgeDate", time(bundle.get("scheduledPurgeDate")));
  }

  private static ObjectNode attributes(JsonNode a) {
    ObjectNode out = F.objectNode();
    out.set("created", time(a.get("created")));
    out.set("enabled", value(a, "enabled"));
    out.set("expires", time(a.get("exp")));
    out.set("exportable", value(a, "exportable"));
    out.set("hsmPlatform", value(a, "hsmPlatform"));
    out.set("notBefore", time(a.get("nbf")));
    out.set("recoverableDays", value(a, "recoverableDays"));
    out.set("recoveryLevel", value(a, "recoveryLevel"));
    out.set("updated", time(a.get("updated")));
    return out;
  }

  private static ObjectNode jwk(JsonNode k) {
    ObjectNode out = F.objectNode();
    out.set("crv", value(k, "crv"));
    for (String field : new String[] {"d", "dp", "dq", "e", "k"}) out.set(field, value(k, field));
    out.set("keyOps", value(k, "key_ops"));
    out.set("kid", value(k, "kid"));
    out.set("kty", value(k, "kty"));
    for (String field : new String[] {"n", "p", "q", "qi", "t", "x", "y"}) out.set(field, value(k, field));
    return out;
  }

  /** The key name of {@code https://host/keys/{name}[/{version}]} (or {@code /deletedkeys/{name}}). */
  static String nameOf(String kid) {
    String[] parts = kid.split("/");
    for (int i = 0; i + 1 < parts.length; i++) {
      if (parts[i].equalsIgnoreCase("keys") || parts[i].equalsIgnoreCase("deletedkeys")) return parts[i + 1];
    }
    return null;
  }

  private static JsonNode value(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null ? NullNode.instance : v;
  }

  private static JsonNode time(JsonNode epochSeconds) {
    if (epochSeconds == null || !epochSeconds.isNumber()) return NullNode.instance;
    return F.textNode(Instant.ofEpochSecond(epochSeconds.asLong()).atOffset(ZoneOffset.UTC).format(ISO));
  }
}
