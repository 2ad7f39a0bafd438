package io.coffer.control.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.control.domain.ControlException;
import io.coffer.control.domain.ControlException.Kind;
import io.coffer.control.infrastructure.SqlControlStore.Subscription;
import io.coffer.identity.Principal;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One authenticated control-plane request below {@code /subscriptions/{s}}: the caller, the
 * subscription, and the path segments after it; plus the reading of ARM request bodies.
 */
record ArmCall(Context ctx, Principal caller, Subscription subscription, List<String> path) {
  String method() {
    return ctx.method().name();
  }

  String sub() {
    return subscription.id();
  }

  /** Path segment {@code i} (after the subscription id). */
  String seg(int i) {
    return path.get(i);
  }

  boolean is(int i, String name) {
    return i < path.size() && path.get(i).equalsIgnoreCase(name);
  }

  void json(int status, Object body) {
    ctx.status(status).contentType("application/json").result(Json.bytes(body));
  }

  ControlException notFound() {
    return new ControlException(Kind.NOT_FOUND, "NoRegisteredProviderFound",
        "No resource or action at '" + ctx.path() + "' for method " + method() + ".");
  }

  /** The JSON object body; an empty body reads as {}. */
  JsonNode body() {
    byte[] raw = ctx.bodyAsBytes();
    if (raw.length == 0) return Json.object();
    try {
      JsonNode n = Json.parse(raw);
      if (!n.isObject()) throw new IllegalArgumentException("the body must be a JSON object");
      return n;
    } catch (IllegalArgumentException e) {
      throw invalid("The request content was invalid and could not be deserialized: " + e.getMessage());
    }
  }

  static ControlException invalid(String message) {
    return new ControlException(Kind.BAD_REQUEST, "InvalidRequestContent", message);
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw invalid("'" + field + "' must be a string.");
    return v.asText();
  }

  static Boolean bool(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isBoolean()) throw invalid("'" + field + "' must be true or false.");
    return v.asBoolean();
  }

  static Integer integer(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isIntegralNumber() || !v.canConvertToInt()) throw invalid("'" + field + "' must be an integer.");
    return v.asInt();
  }

  /** {@code tags}: null when absent, else a string map. */
  static Map<String, String> tags(JsonNode body) {
    JsonNode t = body.get("tags");
    if (t == null || t.isNull()) return null;
    if (!t.isObject()) throw invalid("'tags' must be an object.");
    Map<String, String> out = new LinkedHashMap<>();
    t.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }
}
